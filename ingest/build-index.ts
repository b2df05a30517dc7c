/**
 * Builds the index: paragraphs + metadata, the lexical index, the hnswlib vector index (when an embedding
 * model is usable) and the manifest with each file's size and sha256. Crash-safe (see node/index-layout.ts):
 * the build is written and fsynced in its own directory, verified, then published in one atomic rename;
 * a failed or killed ingest leaves the previous index in place, and its leftovers are removed next time.
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../server/config.js';
import { createEmbeddings, embeddingModelId, type IdentifiedEmbeddings } from '../server/embeddings/create-embeddings.js';
import { AppError } from '../server/errors.js';
import { encodeCorpus } from '../server/corpus/corpus-files.js';
import { ANALYZER_ID, CHUNKED_FILES, INDEX_FILES, INDEX_SCHEMA_VERSION, type IndexManifest } from '../server/index-format.js';
import { fileEntry, verifyIndex } from '../server/index-verify.js';
import { encodeBm25 } from '../server/retrieval/bm25-index.js';
import { encodeLexicalIndex } from '../server/retrieval/lexical-fields.js';
import { buildTranslatedIndex } from '../server/retrieval/translated-field.js';
import type { DocumentMeta, Paragraph } from '../server/types.js';
import { buildIndexLexicon, VocabularyCollector } from './lexicon/index-lexicon.js';
import { chunkedFileEntry, cleanLeftovers, currentBuild, nodeSha256, publishBuild, sealBuild, startBuild, writeDurable, type StepHook } from '../node/index-layout.js';
import { embedParagraphs, readJsonIfExists, type EmbedResult } from './embed-paragraphs.js';
import { loadFile } from './loaders/index.js';
import { segmentDocument } from './segment.js';
import { translateParagraphs } from './translate-paragraphs.js';
import { createHttpTranslator } from '../server/translate/create-translator.js';
import type { Translator } from '../server/translate/translator.js';
import { TransformersTranslator } from '../node/transformers-translator.js';
import { dataDirOf, deleteUserDocuments, prepareUserDocuments, readStoredDocuments, saveUserDocuments, type CorpusEntry, type StoredUserDocument, type UserDocumentOptions } from './user-documents.js';

export { dataDirOf, type CorpusEntry };

export interface BuildProgress {
  stage: 'read' | 'segment' | 'lexical' | 'embed' | 'write';
  done: number;
  total: number;
  detail?: string;
}

export interface BuildOptions {
  config: Config;
  /** User documents to add or replace (.txt, .md, .html, .pdf). */
  paths?: string[];
  /** `--id`, `--title`, `--numbering` for the given files. */
  userOptions?: UserDocumentOptions;
  /** Ids of user documents to remove. */
  remove?: string[];
  /** Rebuild even when nothing changed. */
  force?: boolean;
  /** Overrides the configured embeddings (tests). `null` disables them. */
  embeddings?: IdentifiedEmbeddings | null;
  /** Overrides the configured translator (tests). `null` disables translation. */
  translator?: Translator | null;
  onProgress?: (p: BuildProgress) => void;
  log?: (line: string) => void;
  /** Called at each write/publish step (crash tests). */
  onStep?: StepHook;
}

export interface BuildResult {
  indexDir: string;
  manifest: IndexManifest;
  /** False when the existing index already matched the corpus and model. */
  rebuilt: boolean;
  embedded: number;
  embeddingsFromCache: number;
}

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
    paragraphs.push(...seg.paragraphs);
    progress({ stage: 'segment', done: i + 1, total: sources.length, detail: src.meta.id });
  });
  return { documents, paragraphs };
}

/** Reads, segments and translates the sources; the source texts are not kept. */
async function readCorpus(
  options: BuildOptions,
  log: (l: string) => void,
  progress: (p: BuildProgress) => void,
): Promise<{ documents: DocumentMeta[]; paragraphs: Paragraph[]; added: StoredUserDocument[] }> {
  progress({ stage: 'read', done: 0, total: 1 });
  const { sources, added } = await readSources(options, log);
  progress({ stage: 'read', done: 1, total: 1 });
  const { documents, paragraphs } = segmentAll(sources, options.config.ingest.maxParagraphs, progress);
  const translated = await translateIfConfigured(options, paragraphs, documents, dataDirOf(options.config), log);
  paragraphs.splice(0, paragraphs.length, ...translated);
  return { documents, paragraphs, added };
}

/**
 * sha256 of `JSON.stringify({ documents, paragraphs })` (the corpus hash, unchanged since schema 4), hashed one
 * paragraph at a time (never one string of the whole corpus).
 */
function corpusHashOf(documents: DocumentMeta[], paragraphs: Paragraph[]): string {
  const hash = createHash('sha256');
  let pending = `{"documents":${JSON.stringify(documents)},"paragraphs":[`;
  paragraphs.forEach((p, i) => {
    pending += (i ? ',' : '') + JSON.stringify(p);
    if (pending.length > 1 << 20) {
      hash.update(pending, 'utf8');
      pending = '';
    }
  });
  hash.update(`${pending}]}`, 'utf8');
  return hash.digest('hex');
}

/** Writes the data files durably and returns their manifest entries. */
async function writeDataFiles(dir: string, documents: DocumentMeta[], paragraphs: Paragraph[], onStep: StepHook): Promise<IndexManifest['files']> {
  const entries: IndexManifest['files'] = {};
  const corpus = encodeCorpus(documents, paragraphs);
  await writeDurable(path.join(dir, INDEX_FILES.corpusBodies), corpus.bodies);
  entries[INDEX_FILES.corpusBodies] = chunkedFileEntry(corpus.bodies);
  corpus.bodies.length = 0;
  await onStep(`write:${INDEX_FILES.corpusBodies}`);
  const vocabulary = new VocabularyCollector();
  const encoded = encodeLexicalIndex(documents, paragraphs, (fields, p, doc) => vocabulary.add(doc.language, fields, p.text));
  const enc = new TextEncoder();
  const files: Array<[string, Uint8Array]> = [
    [INDEX_FILES.corpus, enc.encode(JSON.stringify(corpus.meta))],
    [INDEX_FILES.lexical, enc.encode(JSON.stringify(encoded.meta))],
    [INDEX_FILES.lexicalPostings, encoded.postings],
    [INDEX_FILES.lexicon, enc.encode(JSON.stringify(buildIndexLexicon(vocabulary.vocabulary)))],
  ];
  const translated = buildTranslatedIndex(paragraphs);
  if (translated) {
    const t = encodeBm25(translated);
    files.push([INDEX_FILES.translatedLexical, enc.encode(JSON.stringify(t.meta))], [INDEX_FILES.translatedPostings, t.postings]);
  }
  for (const [name, bytes] of files) {
    await writeDurable(path.join(dir, name), bytes);
    entries[name] = CHUNKED_FILES.has(name) ? chunkedFileEntry([bytes]) : await fileEntry(bytes, nodeSha256);
    await onStep(`write:${name}`);
  }
  for (const name of [INDEX_FILES.vectors, INDEX_FILES.vectorDocs]) {
    const bytes = await readFile(path.join(dir, name)).catch(() => null);
    if (bytes) entries[name] = await fileEntry(bytes, nodeSha256);
  }
  return entries;
}

async function embedInto(options: BuildOptions, dir: string, paragraphs: Paragraph[], log: (l: string) => void): Promise<EmbedResult> {
  const { config } = options;
  const dataDir = dataDirOf(config);
  const modelId = options.embeddings === undefined ? embeddingModelId(config.embeddings) : (options.embeddings?.modelId ?? null);
  const failureFile = path.join(dataDir, 'embedding-load-failure.json');
  const failure = await readJsonIfExists<{ modelId: string; error: string; at: string }>(failureFile);
  if (modelId && failure?.modelId === modelId && !config.embeddings.retryFailedLoad) {
    const embeddingError = `${modelId} could not be loaded on ${failure.at} (${failure.error}); staying lexical. Set EMBEDDINGS_RETRY_LOAD=true to try again.`;
    log(`LEXICAL MODE: ${embeddingError}`);
    return { embedding: null, embeddingError, embedded: 0, fromCache: 0 };
  }
  const embeddings = options.embeddings === undefined ? createEmbeddings(config.embeddings) : options.embeddings;
  if (!embeddings) return { embedding: null, embedded: 0, fromCache: 0 };
  const progress = (done: number, total: number) => options.onProgress?.({ stage: 'embed', done, total });
  return embedParagraphs({ config, embeddings, paragraphs, buildDir: dir, dataDir, failureFile, hadFailure: Boolean(failure), configured: options.embeddings === undefined, progress, log });
}

/** Seals the build, verifies it as the server will, saves the user documents, publishes, cleans up. */
async function publish(options: BuildOptions, tmp: string, manifest: IndexManifest, added: StoredUserDocument[]): Promise<void> {
  const onStep = options.onStep ?? (() => {});
  await writeDurable(path.join(tmp, INDEX_FILES.manifest), JSON.stringify(manifest, null, 2));
  await onStep('write:manifest');
  const build = await sealBuild(tmp, onStep);
  const verified = await verifyIndex((name) => readFile(path.join(build, name)).catch(() => null), nodeSha256);
  if ('problem' in verified) throw new AppError('ingest_failed', `The new index failed verification (${verified.problem.file}: ${verified.problem.detail}); the previous index is kept.`);
  await saveUserDocuments(options.config, added);
  await onStep('documents:saved');
  await publishBuild(options.config.indexDir, build, onStep);
  await deleteUserDocuments(options.config, options.remove ?? []);
  await cleanLeftovers(options.config.indexDir, onStep);
}

/**
 * Builds (or confirms) the index for the configured corpus, the stored user documents and the embedding model.
 * @example
 * const { manifest } = await buildIndex({ config: loadConfig(process.env), paths: ['memo.md'] });
 */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const { config } = options;
  const log = options.log ?? (() => {});
  const progress = options.onProgress ?? (() => {});
  const indexDir = path.resolve(config.indexDir);
  await cleanLeftovers(config.indexDir);

  const { added, ...read } = await readCorpus(options, log, progress);
  let corpus: { documents: DocumentMeta[]; paragraphs: Paragraph[] } | null = read;
  const corpusHash = corpusHashOf(read.documents, read.paragraphs);
  const counts = { documents: read.documents.length, paragraphs: read.paragraphs.length };
  const modelId = options.embeddings === undefined ? embeddingModelId(config.embeddings) : (options.embeddings?.modelId ?? null);
  const previous = await readJsonIfExists<IndexManifest>(path.join(indexDir, INDEX_FILES.manifest));
  const failure = await readJsonIfExists<{ modelId: string }>(path.join(dataDirOf(config), 'embedding-load-failure.json'));
  const expectedModel = modelId && failure?.modelId === modelId && !config.embeddings.retryFailedLoad ? null : modelId;
  const published = await currentBuild(config.indexDir);
  if (
    !options.force &&
    published &&
    published !== 'legacy' &&
    previous?.schemaVersion === INDEX_SCHEMA_VERSION &&
    previous.analyzer === ANALYZER_ID &&
    previous.corpusHash === corpusHash &&
    (previous.embedding?.modelId ?? null) === expectedModel &&
    previous.files?.[INDEX_FILES.lexicon]
  ) {
    await saveUserDocuments(config, added);
    log(`Index up to date (${counts.documents} documents, ${counts.paragraphs} paragraphs, corpus ${corpusHash.slice(0, 12)}); nothing to do.`);
    return { indexDir, manifest: previous, rebuilt: false, embedded: 0, embeddingsFromCache: 0 };
  }

  const tmp = await startBuild(config.indexDir);
  try {
    progress({ stage: 'lexical', done: 0, total: 1 });
    const emb = await embedInto(options, tmp, corpus.paragraphs, log);
    progress({ stage: 'write', done: 0, total: 1 });
    const files = await writeDataFiles(tmp, corpus.documents, corpus.paragraphs, options.onStep ?? (() => {}));
    corpus = null; // the verification before publishing parses the corpus again: never hold two copies
    const manifest: IndexManifest = {
      schemaVersion: INDEX_SCHEMA_VERSION,
      createdAt: new Date().toISOString(),
      corpusHash,
      ...counts,
      analyzer: ANALYZER_ID,
      embedding: emb.embedding,
      ...(emb.embeddingError ? { embeddingError: emb.embeddingError } : {}),
      files,
    };
    await publish(options, tmp, manifest, added);
    progress({ stage: 'write', done: 1, total: 1 });
    log(
      `Index built: ${counts.documents} documents, ${counts.paragraphs} paragraphs, ${emb.embedding ? `vectors ${emb.embedding.modelId} (dim ${emb.embedding.dimension}; ${emb.embedded} embedded, ${emb.fromCache} from cache)` : 'lexical only'} → ${config.indexDir}`,
    );
    return { indexDir, manifest, rebuilt: true, embedded: emb.embedded, embeddingsFromCache: emb.fromCache };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('ingest_failed', `Ingest failed: ${(err as Error).message}`, { cause: err });
  }
}
