/**
 * The corpus an ingest indexes: the vendored documents (corpus/corpus.json) and the stored user documents with
 * this run's files, read, segmented into paragraphs and translated when a translator is configured.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../server/config.js';
import { AppError } from '../server/errors.js';
import { createHttpTranslator } from '../server/translate/create-translator.js';
import type { DocumentMeta, Paragraph } from '../server/types.js';
import { TransformersTranslator } from '../node/transformers-translator.js';
import type { BuildOptions, BuildProgress } from './build-index.js';
import { loadFile } from './loaders/index.js';
import { segmentDocument } from './segment.js';
import { translateParagraphs } from './translate-paragraphs.js';
import { dataDirOf, prepareUserDocuments, readStoredDocuments, type CorpusEntry, type StoredUserDocument } from './user-documents.js';

interface Source {
  meta: CorpusEntry;
  text: string;
  /** Shown in error messages: a corpus file name or a user file name, never a path. */
  origin: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function readVendored(config: Config): Promise<Source[]> {
  const manifestPath = path.join(config.corpusDir, 'corpus.json');
  let entries: CorpusEntry[];
  try {
    entries = (JSON.parse(await readFile(manifestPath, 'utf8')) as { documents: CorpusEntry[] }).documents;
  } catch (err) {
    throw new AppError('ingest_failed', `${manifestPath}: cannot read the corpus manifest (${(err as Error).message}).`);
  }
  const out: Source[] = [];
  for (const meta of entries) out.push({ meta, text: (await loadFile(path.resolve(config.corpusDir, meta.file), config.ingest)).text, origin: meta.file });
  return out;
}

/** Vendored documents, then stored user documents (minus removed ones) with this run's files replacing or adding. */
async function readSources(options: BuildOptions, log: (l: string) => void): Promise<{ sources: Source[]; added: StoredUserDocument[] }> {
  const { config } = options;
  const vendored = await readVendored(config);
  const stored = await readStoredDocuments(config);
  for (const id of options.remove ?? []) {
    if (vendored.some((v) => v.meta.id === id)) throw new AppError('ingest_failed', `"${id}" is a vendored document (corpus/corpus.json); only user documents can be removed.`);
    if (!stored.some((d) => d.meta.id === id)) throw new AppError('ingest_failed', `No user document "${id}". \`npm run ingest -- --list\` lists them.`);
  }
  const added = await prepareUserDocuments(config, options.paths ?? [], options.userOptions ?? {}, { stored, reserved: new Set(vendored.map((v) => v.meta.id)), log });
  const replaced = new Set([...added.map((d) => d.meta.id), ...(options.remove ?? [])]);
  const users = [...stored.filter((d) => !replaced.has(d.meta.id)), ...added].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  return { sources: [...vendored, ...users.map((d) => ({ meta: d.meta, text: d.text, origin: d.meta.file }))], added };
}

function segmentSource(src: Source) {
  let seg: ReturnType<typeof segmentDocument>;
  try {
    seg = segmentDocument(src.meta.id, src.text, {
      language: src.meta.language,
      ...(src.meta.numbering ? { numbering: src.meta.numbering } : {}),
      ...(src.meta.unit ? { unit: src.meta.unit } : {}),
    });
  } catch (err) {
    throw new AppError('ingest_failed', `${src.origin}: ${(err as Error).message}.`);
  }
  if (!seg.paragraphs.length) throw new AppError('ingest_failed', `${src.origin}: no paragraph of text found.`);
  return seg;
}

async function translateIfConfigured(options: BuildOptions, paragraphs: Paragraph[], documents: DocumentMeta[], dataDir: string, log: (line: string) => void): Promise<Paragraph[]> {
  const { config } = options;
  const translator =
    options.translator !== undefined ? options.translator : (createHttpTranslator(config) ?? (config.translator.provider === 'transformers' ? new TransformersTranslator(config) : null));
  if (!translator) return paragraphs;
  const cacheFile = path.join(dataDir, 'translation-cache', `${sha256(translator.id).slice(0, 16)}.json`);
  const r = await translateParagraphs(paragraphs, documents, translator, cacheFile);
  if (r.error) log(`NO TRANSLATIONS: ${r.error}; English answers gloss terms instead.`);
  else log(`Translated with ${translator.id}: ${r.translated} sentences (${r.fromCache} from cache).`);
  return r.paragraphs;
}

/** Segments every source, dropping each source's text once segmented. */
function segmentAll(sources: Source[], maxParagraphs: number, progress: (p: BuildProgress) => void): { documents: DocumentMeta[]; paragraphs: Paragraph[] } {
  const documents: DocumentMeta[] = [];
  const paragraphs: Paragraph[] = [];
  sources.forEach((src, i) => {
    const seg = segmentSource(src);
    src.text = '';
    if (seg.paragraphs.length > maxParagraphs)
      throw new AppError('ingest_failed', `${src.origin}: limit exceeded: ${seg.paragraphs.length} paragraphs (limit ${maxParagraphs}, INGEST_MAX_PARAGRAPHS)`);
    const { file: _file, numbering: _numbering, unit: _unit, ...meta } = src.meta;
    documents.push({ ...meta, numbering: seg.numbering, unit: seg.unit, paragraphCount: seg.paragraphs.length });
    for (const p of seg.paragraphs) paragraphs.push(p);
    progress({ stage: 'segment', done: i + 1, total: sources.length, detail: src.meta.id });
  });
  return { documents, paragraphs };
}

/**
 * Reads, segments and translates the sources; the source texts are not kept.
 * @example
 * const { documents, paragraphs, added } = await readCorpus({ config }, console.log, () => {});
 */
export async function readCorpus(
  options: BuildOptions,
  log: (l: string) => void,
  progress: (p: BuildProgress) => void,
): Promise<{ documents: DocumentMeta[]; paragraphs: Paragraph[]; added: StoredUserDocument[] }> {
  progress({ stage: 'read', done: 0, total: 1 });
  const { sources, added } = await readSources(options, log);
  progress({ stage: 'read', done: 1, total: 1 });
  const { documents, paragraphs } = segmentAll(sources, options.config.ingest.maxParagraphs, progress);
  // Not spread into the array: a million paragraphs as arguments overflow the stack.
  const translated = await translateIfConfigured(options, paragraphs, documents, dataDirOf(options.config), log);
  return { documents, paragraphs: translated, added };
}
