/**
 * Users' documents, kept in `<data>/documents/<id>.json` so every rebuild includes them. Ids are stable
 * (from the file name, front matter `id:` or `--id`); ingesting the same name or the same content again
 * replaces the stored document instead of adding a second one.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../server/config.js';
import { AppError } from '../server/errors.js';
import { detectLanguage } from '../server/text/language.js';
import type { DocumentMeta, UnitKind } from '../server/types.js';
import { processAlive, writeDurable } from '../node/index-layout.js';

/**
 * A document as `corpus/corpus.json` (or a stored user document) describes it: the served metadata without the
 * segmenter's fields, its file, and optional overrides of detection.
 */
export type CorpusEntry = Omit<DocumentMeta, 'numbering' | 'unit' | 'paragraphCount'> & {
  file: string;
  /** Numbering scheme forced for this document (`articles`, `sections`, `paragraphs`, `sequential`); detected when unset. */
  numbering?: string;
  /** What the document calls its numbered paragraphs (`recommendation`); `paragraph` when unset. */
  unit?: UnitKind;
};

/** One stored user document; `meta.numbering` is the override passed to the segmenter (`--numbering` or front matter). */
export interface StoredUserDocument {
  meta: CorpusEntry;
  text: string;
  contentHash: string;
}

/** Per-run choices of `npm run ingest` (only with one file for `id`). */
export interface UserDocumentOptions {
  id?: string;
  title?: string;
  numbering?: string;
}

/** Directory beside the index holding user documents, the embedding cache and load-failure notes. */
export function dataDirOf(config: Config): string {
  return path.dirname(path.resolve(config.indexDir));
}

const documentsDir = (config: Config) => path.join(dataDirOf(config), 'documents');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * A file name or title as an id fragment: lower case ASCII, dashes, at most 60 characters.
 * @example
 * slug('Mémo Cyber 2024') // 'memo-cyber-2024'
 */
export function slug(s: string): string {
  const out = s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out.slice(0, 60).replace(/-+$/, '') || 'document';
}

const MEANINGLESS = /^(?:about:blank|untitled(?:\s+document)?|sans[\s-]titre|document\s*\d*|title|titre|new document|nouveau document|microsoft word\b.*|page\s*\d+|[\d\s\W_]*)$/i;

/**
 * False for titles that say nothing: empty, "about:blank", "untitled", a file name, the document's own file name.
 * @example
 * meaningfulTitle('about:blank', 'memo.pdf') // false
 */
export function meaningfulTitle(title: string | undefined, fileName: string): title is string {
  const t = title?.trim() ?? '';
  if (!t || MEANINGLESS.test(t) || /^[^\s/\\]+\.(?:docx?|pdf|txt|md|markdown|html?|odt|rtf)$/i.test(t)) return false;
  return slug(t) !== slug(fileName.replace(/\.[^.]+$/, ''));
}

/**
 * The document's first line, shortened at a word boundary: its title when the metadata has none.
 * @example
 * titleFromText('# Internal memo\n\n1. Banks…') // 'Internal memo'
 */
export function titleFromText(text: string): string {
  const line =
    text
      .split('\n')
      .map((l) => l.replace(/^#+\s*/, '').trim())
      .find(Boolean) ?? '';
  if (line.length <= 120) return line.replace(/[.:;,]$/, '');
  return `${line.slice(0, 117).replace(/\s+\S*$/, '')}…`;
}

/**
 * Every stored user document, in id order.
 * @example
 * (await readStoredDocuments(config)).map((d) => d.meta.id)
 */
export async function readStoredDocuments(config: Config): Promise<StoredUserDocument[]> {
  const dir = documentsDir(config);
  await cleanDocumentLeftovers(config);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
  const out: StoredUserDocument[] = [];
  for (const f of names) {
    let doc: StoredUserDocument;
    try {
      doc = JSON.parse(await readFile(path.join(dir, f), 'utf8')) as StoredUserDocument;
    } catch (err) {
      throw new AppError('ingest_failed', `documents/${f}: cannot read this stored document (${(err as Error).message}); remove it with \`npm run ingest -- --remove ${f.replace(/\.json$/, '')}\`.`);
    }
    const source = /^(?:\/|[A-Za-z]:[\\/])/.test(doc.meta.source) ? path.basename(doc.meta.source) : doc.meta.source;
    out.push({ ...doc, meta: { ...doc.meta, source }, contentHash: doc.contentHash ?? sha256(doc.text) });
  }
  return out;
}

function chooseId(file: string, explicit: string | undefined, stored: StoredUserDocument[], contentHash: string): { id: string; sameContent?: StoredUserDocument } {
  if (explicit) {
    const id = slug(explicit);
    if (id !== explicit) throw new AppError('ingest_failed', `${path.basename(file)}: id "${explicit}" must be lower-case letters, digits and dashes (e.g. "${id}").`);
    return { id };
  }
  const byName = `user-${slug(path.basename(file).replace(/\.[^.]+$/, ''))}`;
  const sameContent = stored.find((d) => d.contentHash === contentHash && d.meta.id !== byName);
  return sameContent && !stored.some((d) => d.meta.id === byName) ? { id: sameContent.meta.id, sameContent } : { id: byName };
}

/**
 * Reads users' files into stored-document records, with their stable ids and titles.
 * @example
 * const docs = await prepareUserDocuments(config, ['memo.md'], {}, { stored, reserved: new Set(['un-sg-symposium-2011']), log });
 */
export async function prepareUserDocuments(
  config: Config,
  paths: string[],
  options: UserDocumentOptions,
  ctx: { stored: StoredUserDocument[]; reserved: Set<string>; log: (l: string) => void },
): Promise<StoredUserDocument[]> {
  if (options.id && paths.length !== 1) throw new AppError('ingest_failed', '--id names one document: give exactly one file with it.');
  const out: StoredUserDocument[] = [];
  for (const p of paths) {
    const fileName = path.basename(p);
    // Loaded on first use: the server imports this module at every start (cleanDocumentLeftovers) and the loaders' parsers are slow to load.
    const { loadFile } = await import('./loaders/index.js');
    const loaded = await loadFile(p, config.ingest);
    const contentHash = sha256(loaded.text);
    const { id, sameContent } = chooseId(p, options.id ?? loaded.frontMatter?.id, ctx.stored, contentHash);
    if (ctx.reserved.has(id)) throw new AppError('ingest_failed', `${fileName}: id "${id}" is taken by a vendored document; pass --id.`);
    const twin = out.find((d) => d.meta.id === id);
    if (twin) throw new AppError('ingest_failed', `${fileName} and ${twin.meta.file} would both get id "${id}"; ingest them one at a time with --id.`);
    const previous = ctx.stored.find((d) => d.meta.id === id);
    if (previous) ctx.log(sameContent ? `${fileName}: same content as ${id} (${previous.meta.file}); replacing it, id unchanged.` : `${fileName}: replaces ${id}.`);
    const title = options.title?.trim() || (meaningfulTitle(loaded.title, fileName) ? loaded.title : titleFromText(loaded.text)) || fileName;
    const numbering = options.numbering ?? loaded.frontMatter?.numbering;
    out.push({
      meta: {
        id,
        file: fileName,
        title,
        shortTitle: title.length > 60 ? `${title.slice(0, 57)}…` : title,
        organisation: 'User document',
        date: (await stat(p)).mtime.toISOString().slice(0, 10),
        language: loaded.language ?? detectLanguage(loaded.text.slice(0, 4000)),
        source: loaded.frontMatter?.source ?? fileName,
        ...(numbering ? { numbering } : {}),
      },
      text: loaded.text,
      contentHash,
    });
  }
  return out;
}

/**
 * Removes `<id>.json.tmp-<pid>` files that a killed ingest left in the documents directory.
 * @example
 * await cleanDocumentLeftovers(config);
 */
export async function cleanDocumentLeftovers(config: Config): Promise<void> {
  const dir = documentsDir(config);
  for (const f of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(/\.tmp-(\d+)$/.exec(f)?.[1]);
    if (pid && !processAlive(pid)) await rm(path.join(dir, f), { force: true });
  }
}

/**
 * Writes stored documents durably (temporary file, fsync, rename).
 * @example
 * await saveUserDocuments(config, docs);
 */
export async function saveUserDocuments(config: Config, docs: StoredUserDocument[]): Promise<void> {
  const dir = documentsDir(config);
  await mkdir(dir, { recursive: true });
  for (const d of docs) {
    const file = path.join(dir, `${d.meta.id}.json`);
    await writeDurable(`${file}.tmp-${process.pid}`, JSON.stringify(d));
    await rename(`${file}.tmp-${process.pid}`, file);
  }
}

/**
 * Deletes stored documents by id.
 * @example
 * await deleteUserDocuments(config, ['user-memo']);
 */
export async function deleteUserDocuments(config: Config, ids: string[]): Promise<void> {
  for (const id of ids) await rm(path.join(documentsDir(config), `${id}.json`), { force: true });
}
