/**
 * Verifies an index before any of it is used: the manifest's shape, each file's size and sha256, the
 * counts, and the vector dimension and space (read from the hnswlib header, so a wrong file is refused
 * before hnswlib-node ever parses it). Web-standard: Node and Workers pass their own file reader.
 */
import type { CorpusData } from './corpus/corpus-store.js';
import { ANALYZER_ID, INDEX_FILES, INDEX_SCHEMA_VERSION, type IndexManifest } from './index-format.js';
import type { Bm25Meta } from './retrieval/bm25-index.js';
import type { LexiconTable } from './text/lexicon-table.js';

/** Reads one file of the index by name; `null` when it does not exist. */
export type ReadIndexFile = (name: string) => Promise<Uint8Array | null>;

/** What failed, naming the file (a bare file name of the index, never a path). */
export interface IndexProblem {
  file: string;
  detail: string;
  /** True when the index is intact but was built by other code (schema or analyser version): rebuild it, it is not corrupt. */
  outdated?: boolean;
}

export interface VerifiedIndex {
  manifest: IndexManifest;
  corpus: CorpusData;
  lexicalMeta: Bm25Meta;
  postings: Uint8Array;
  /** The cross-lingual table, when the index lists one (older indexes do not). */
  lexicon: LexiconTable | null;
  /** The lexical field of the translated text, when the index has translations. */
  translated: { meta: Bm25Meta; postings: Uint8Array } | null;
}

class Problem extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly outdated = false,
  ) {
    super(`${file}: ${detail}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

function parseJson(file: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new Problem(file, `not valid JSON (${(err as Error).message})`);
  }
}

/** Checks the manifest's shape and versions; the reason names the first wrong field. */
function checkManifestShape(raw: unknown): IndexManifest {
  const f = INDEX_FILES.manifest;
  if (!isObject(raw)) throw new Problem(f, `not an index manifest (got ${raw === null ? 'null' : typeof raw})`);
  if (raw.schemaVersion !== INDEX_SCHEMA_VERSION) throw new Problem(f, `schema version ${String(raw.schemaVersion)}, this server needs ${INDEX_SCHEMA_VERSION}`, true);
  if (raw.analyzer !== ANALYZER_ID) throw new Problem(f, `analyser ${String(raw.analyzer)}, this server uses ${ANALYZER_ID}`, true);
  for (const k of ['documents', 'paragraphs'] as const) if (!isCount(raw[k]) || raw[k] === 0) throw new Problem(f, `"${k}" must be a positive integer (got ${JSON.stringify(raw[k])})`);
  if (typeof raw.corpusHash !== 'string' || typeof raw.createdAt !== 'string') throw new Problem(f, '"corpusHash" and "createdAt" must be strings');
  const e = raw.embedding;
  if (
    e !== null &&
    !(isObject(e) && typeof e.provider === 'string' && typeof e.modelId === 'string' && Number.isInteger(e.dimension) && (e.dimension as number) > 0 && (e.dimension as number) <= 65536)
  ) {
    throw new Problem(f, '"embedding" must be null or {provider, modelId, dimension, space}');
  }
  if (e && e.space !== 'cosine') throw new Problem(f, `vector space ${JSON.stringify(e.space)}, this server searches in "cosine" space`);
  if (!isObject(raw.files)) throw new Problem(f, '"files" must list the index files with their size and sha256');
  for (const [name, entry] of Object.entries(raw.files)) {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(name)) throw new Problem(f, `invalid file name ${JSON.stringify(name)}`);
    if (!isObject(entry) || !isCount(entry.bytes) || typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) throw new Problem(f, `entry of ${name} must be {bytes, sha256}`);
  }
  const required: string[] = [INDEX_FILES.corpus, INDEX_FILES.lexical, INDEX_FILES.lexicalPostings, ...(e ? [INDEX_FILES.vectors, INDEX_FILES.vectorDocs] : [])];
  for (const name of required) if (!raw.files[name]) throw new Problem(f, `does not list ${name}`);
  return raw as unknown as IndexManifest;
}

/** Hex sha256 of bytes. Node passes its own (node:crypto hashes in place; `crypto.subtle.digest` first copies the bytes, several times slower on a large corpus). */
export type Sha256 = (bytes: Uint8Array) => string | Promise<string>;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Every file the manifest requires, all read at once, each checksummed as soon as it is read (so that
 * the reads overlap the hashing and parsing of earlier files); `bytes` resolves after the size check,
 * `verified` after the sha256.
 */
function startChecks(read: ReadIndexFile, manifest: IndexManifest, names: string[], sha256: Sha256): Map<string, { bytes: Promise<Uint8Array>; verified: Promise<void> }> {
  const checks = new Map<string, { bytes: Promise<Uint8Array>; verified: Promise<void> }>();
  for (const name of names) {
    const entry = manifest.files[name];
    const bytes = read(name).then((b) => {
      if (!b) throw new Problem(name, 'missing');
      if (b.byteLength !== entry.bytes) throw new Problem(name, `${b.byteLength} bytes, the manifest says ${entry.bytes} (truncated or replaced)`);
      return b;
    });
    const verified = bytes.then(async (b) => {
      if ((await sha256(b)) !== entry.sha256) throw new Problem(name, 'sha256 differs from the manifest (the file is corrupt or was altered)');
    });
    // Awaited in file order below; a file not reached (an earlier one failed) must not raise an unhandled rejection.
    bytes.catch(() => {});
    verified.catch(() => {});
    checks.set(name, { bytes, verified });
  }
  return checks;
}

/** Parses a file's JSON while its checksum runs; a checksum problem is reported before a parse problem. */
async function parseChecked(check: { bytes: Promise<Uint8Array>; verified: Promise<void> }, name: string): Promise<unknown> {
  const bytes = await check.bytes;
  let parsed: unknown;
  let failure: unknown = null;
  try {
    parsed = parseJson(name, bytes);
  } catch (err) {
    failure = err;
  }
  await check.verified;
  if (failure) throw failure;
  return parsed;
}

function checkCorpus(manifest: IndexManifest, raw: unknown): CorpusData {
  const f = INDEX_FILES.corpus;
  if (!isObject(raw) || !Array.isArray(raw.documents) || !Array.isArray(raw.paragraphs)) throw new Problem(f, 'must hold "documents" and "paragraphs" lists');
  if (raw.documents.length !== manifest.documents) throw new Problem(f, `${raw.documents.length} documents, the manifest says ${manifest.documents}`);
  if (raw.paragraphs.length !== manifest.paragraphs) throw new Problem(f, `${raw.paragraphs.length} paragraphs, the manifest says ${manifest.paragraphs}`);
  const perDoc = new Map<string, number>();
  for (const d of raw.documents) if (isObject(d) && typeof d.id === 'string') perDoc.set(d.id, 0);
  if (perDoc.size !== raw.documents.length) throw new Problem(f, 'documents need distinct string ids');
  for (const p of raw.paragraphs) {
    if (!isObject(p) || typeof p.text !== 'string' || typeof p.label !== 'string' || !perDoc.has(p.documentId as string)) throw new Problem(f, 'a paragraph lacks text, label or a known documentId');
    perDoc.set(p.documentId as string, perDoc.get(p.documentId as string)! + 1);
  }
  for (const [id, n] of perDoc) if (n === 0) throw new Problem(f, `document "${id}" has an empty paragraph list`);
  return raw as unknown as CorpusData;
}

/** Vector length and element count in an hnswlib index header (label_offset − offsetData bytes of float32 per vector). */
export function hnswHeader(bytes: Uint8Array): { dimension: number; count: number } | null {
  if (bytes.byteLength < 96) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  const count = u64(16);
  const perElement = u64(24);
  const data = u64(32) - u64(40);
  if (data <= 0 || data % 4 !== 0 || perElement <= data || 96 + count * perElement > bytes.byteLength) return null;
  return { dimension: data / 4, count };
}

function checkVectors(manifest: IndexManifest, hnsw: Uint8Array, docsRaw: unknown): void {
  const e = manifest.embedding!;
  const header = hnswHeader(hnsw);
  if (!header) throw new Problem(INDEX_FILES.vectors, 'not an hnswlib index (bad header)');
  if (header.dimension !== e.dimension) throw new Problem(INDEX_FILES.vectors, `holds ${header.dimension}-dimensional vectors, the manifest says ${e.dimension}`);
  if (header.count !== manifest.paragraphs) throw new Problem(INDEX_FILES.vectors, `holds ${header.count} vectors for ${manifest.paragraphs} paragraphs`);
  const docs = docsRaw as { space?: unknown; dimension?: unknown; documents?: unknown };
  if (!isObject(docsRaw) || docs.space !== e.space || docs.dimension !== e.dimension || !Array.isArray(docs.documents) || docs.documents.length !== manifest.paragraphs) {
    throw new Problem(INDEX_FILES.vectorDocs, `space, dimension or count differ from the manifest (${e.space}, ${e.dimension}, ${manifest.paragraphs})`);
  }
}

/** The translated field's two files, checked like the original field's. */
async function readTranslated(checks: Map<string, { bytes: Promise<Uint8Array>; verified: Promise<void> }>, manifest: IndexManifest): Promise<{ meta: Bm25Meta; postings: Uint8Array }> {
  const meta = (await parseChecked(checks.get(INDEX_FILES.translatedLexical)!, INDEX_FILES.translatedLexical)) as Bm25Meta;
  if (!isObject(meta) || !Array.isArray(meta.lengths) || meta.lengths.length !== manifest.paragraphs) throw new Problem(INDEX_FILES.translatedLexical, `must index ${manifest.paragraphs} paragraphs`);
  const postings = checks.get(INDEX_FILES.translatedPostings)!;
  await postings.verified;
  return { meta, postings: await postings.bytes };
}

/**
 * Verifies a whole index; resolves to the parsed parts, or to the first problem found.
 * @example
 * const r = await verifyIndex((name) => readFile(path.join(dir, name)).catch(() => null));
 * if ('problem' in r) console.error(`${r.problem.file}: ${r.problem.detail}`);
 */
export async function verifyIndex(read: ReadIndexFile, sha256: Sha256 = sha256Hex): Promise<VerifiedIndex | { problem: IndexProblem }> {
  try {
    const manifestBytes = await read(INDEX_FILES.manifest);
    if (!manifestBytes) throw new Problem(INDEX_FILES.manifest, 'missing');
    const manifest = checkManifestShape(parseJson(INDEX_FILES.manifest, manifestBytes));
    const names = [
      INDEX_FILES.corpus,
      INDEX_FILES.lexical,
      INDEX_FILES.lexicalPostings,
      ...(manifest.embedding ? [INDEX_FILES.vectors, INDEX_FILES.vectorDocs] : []),
      ...(manifest.files[INDEX_FILES.lexicon] ? [INDEX_FILES.lexicon] : []),
      ...(manifest.files[INDEX_FILES.translatedLexical] ? [INDEX_FILES.translatedLexical, INDEX_FILES.translatedPostings] : []),
    ];
    const checks = startChecks(read, manifest, names, sha256);
    const checked = async (name: string) => {
      const c = checks.get(name)!;
      await c.verified;
      return c.bytes;
    };
    const corpus = checkCorpus(manifest, await parseChecked(checks.get(INDEX_FILES.corpus)!, INDEX_FILES.corpus));
    const lexicalMeta = (await parseChecked(checks.get(INDEX_FILES.lexical)!, INDEX_FILES.lexical)) as Bm25Meta;
    if (!isObject(lexicalMeta) || !Array.isArray(lexicalMeta.lengths) || lexicalMeta.lengths.length !== manifest.paragraphs)
      throw new Problem(INDEX_FILES.lexical, `must index ${manifest.paragraphs} paragraphs`);
    const postings = await checked(INDEX_FILES.lexicalPostings);
    if (manifest.embedding) {
      const hnsw = await checked(INDEX_FILES.vectors);
      checkVectors(manifest, hnsw, await parseChecked(checks.get(INDEX_FILES.vectorDocs)!, INDEX_FILES.vectorDocs));
    }
    const lexicon = checks.has(INDEX_FILES.lexicon) ? ((await parseChecked(checks.get(INDEX_FILES.lexicon)!, INDEX_FILES.lexicon)) as LexiconTable) : null;
    const translated = checks.has(INDEX_FILES.translatedLexical) ? await readTranslated(checks, manifest) : null;
    return { manifest, corpus, lexicalMeta, postings, lexicon, translated };
  } catch (err) {
    if (err instanceof Problem) return { problem: { file: err.file, detail: err.detail, ...(err.outdated ? { outdated: true } : {}) } };
    throw err;
  }
}

/**
 * Manifest file entry for bytes about to be written (ingest side).
 * @example
 * manifest.files['corpus.json'] = await fileEntry(bytes);
 */
export async function fileEntry(bytes: Uint8Array, sha256: Sha256 = sha256Hex): Promise<{ bytes: number; sha256: string }> {
  return { bytes: bytes.byteLength, sha256: await sha256(bytes) };
}
