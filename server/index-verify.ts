/**
 * Verifies an index before any of it is used: the manifest's shape, each file's size and sha256, the
 * counts, and the vector dimension and space (read from the hnswlib header, so a wrong file is refused
 * before hnswlib-node ever parses it). The large binary files (paragraph bodies, postings) are checked
 * by chunk: all at once with `full`, else each chunk on first read (see server/index-chunks.ts).
 * Web-standard: Node and Workers pass their own file reader.
 */
import { corpusMetaProblem, decodeCorpus, type CorpusMeta } from './corpus/corpus-files.js';
import type { CorpusData } from './corpus/corpus-store.js';
import { ChunkVerifier, type EnsureVerified, type SyncSha256 } from './index-chunks.js';
import { ANALYZER_ID, CHUNKED_FILES, INDEX_FILES, INDEX_SCHEMA_VERSION, type IndexManifest } from './index-format.js';
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
  /** Verifies a byte range of `postings` before use (lazy verification), or null when it was verified whole. */
  postingsCheck: EnsureVerified | null;
  /** The cross-lingual table, when the index lists one (older indexes do not). */
  lexicon: LexiconTable | null;
  /** The lexical field of the translated text, when the index has translations. */
  translated: { meta: Bm25Meta; postings: Uint8Array; postingsCheck: EnsureVerified | null } | null;
}

export interface VerifyOptions {
  /**
   * Verify chunked files chunk by chunk on first read, with this synchronous sha256, instead of all at once
   * (fast start; a corrupt chunk is then found when first read, and the request that reads it fails).
   */
  lazy?: SyncSha256;
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
    if (CHUNKED_FILES.has(name) && !chunksValid(entry)) throw new Problem(f, `entry of ${name} must list the sha256 of each chunk ({chunkSize, chunks})`);
  }
  const required: string[] = [INDEX_FILES.corpus, INDEX_FILES.corpusBodies, INDEX_FILES.lexical, INDEX_FILES.lexicalPostings, ...(e ? [INDEX_FILES.vectors, INDEX_FILES.vectorDocs] : [])];
  for (const name of required) if (!raw.files[name]) throw new Problem(f, `does not list ${name}`);
  return raw as unknown as IndexManifest;
}

function chunksValid(entry: Record<string, unknown>): boolean {
  const { chunkSize, chunks, bytes } = entry as { chunkSize: unknown; chunks: unknown; bytes: number };
  return (
    Number.isInteger(chunkSize) &&
    (chunkSize as number) > 0 &&
    Array.isArray(chunks) &&
    chunks.length === Math.ceil(bytes / (chunkSize as number)) &&
    chunks.every((c) => typeof c === 'string' && /^[0-9a-f]{64}$/.test(c))
  );
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
interface FileCheck {
  bytes: Promise<Uint8Array>;
  verified: Promise<void>;
  /** For a chunked file verified lazily: checks a byte range before use. */
  lazy?: Promise<ChunkVerifier>;
}

/** The checksum of a chunked file: every chunk now, or (lazy) only the digest list now and each chunk on first read. */
function chunkedCheck(name: string, entry: IndexManifest['files'][string], bytes: Promise<Uint8Array>, sha256: Sha256, lazy: SyncSha256 | undefined): FileCheck {
  const chunks = entry.chunks!;
  const size = entry.chunkSize!;
  const listed = Promise.resolve(sha256(new TextEncoder().encode(chunks.join('')))).then((d) => {
    if (d !== entry.sha256) throw new Problem(name, 'sha256 differs from the manifest (the file is corrupt or was altered)');
  });
  if (lazy) {
    const verifier = Promise.all([bytes, listed]).then(([b]) => new ChunkVerifier(name, b, { chunkSize: size, chunks }, lazy));
    return { bytes, verified: listed, lazy: verifier };
  }
  const verified = Promise.all([bytes, listed]).then(async ([b]) => {
    for (let c = 0; c < chunks.length; c++)
      if ((await sha256(b.subarray(c * size, Math.min((c + 1) * size, b.byteLength)))) !== chunks[c])
        throw new Problem(name, `chunk ${c} differs from the manifest's sha256 (the file is corrupt or was altered)`);
  });
  return { bytes, verified };
}

function startChecks(read: ReadIndexFile, manifest: IndexManifest, names: string[], sha256: Sha256, lazy?: SyncSha256): Map<string, FileCheck> {
  const checks = new Map<string, FileCheck>();
  for (const name of names) {
    const entry = manifest.files[name];
    const bytes = read(name).then((b) => {
      if (!b) throw new Problem(name, 'missing');
      if (b.byteLength !== entry.bytes) throw new Problem(name, `${b.byteLength} bytes, the manifest says ${entry.bytes} (truncated or replaced)`);
      return b;
    });
    const check: FileCheck = entry.chunks
      ? chunkedCheck(name, entry, bytes, sha256, lazy)
      : {
          bytes,
          verified: bytes.then(async (b) => {
            if ((await sha256(b)) !== entry.sha256) throw new Problem(name, 'sha256 differs from the manifest (the file is corrupt or was altered)');
          }),
        };
    // Awaited in file order below; a file not reached (an earlier one failed) must not raise an unhandled rejection.
    bytes.catch(() => {});
    check.verified.catch(() => {});
    check.lazy?.catch(() => {});
    checks.set(name, check);
  }
  return checks;
}

/** Parses a file's JSON while its checksum runs; a checksum problem is reported before a parse problem. */
async function parseChecked(check: FileCheck, name: string): Promise<unknown> {
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

/** The corpus over its two files; the bodies are decoded (and, lazily verified, checked) per paragraph on first use. */
async function readCorpus(checks: Map<string, FileCheck>, manifest: IndexManifest): Promise<CorpusData> {
  const raw = await parseChecked(checks.get(INDEX_FILES.corpus)!, INDEX_FILES.corpus);
  const bodies = await binary(checks.get(INDEX_FILES.corpusBodies)!);
  const problem = corpusMetaProblem(raw, manifest, bodies.bytes.byteLength);
  if (problem) throw new Problem(INDEX_FILES.corpus, problem);
  return decodeCorpus(raw as CorpusMeta, bodies.bytes, bodies.check ?? undefined);
}

/** A binary file once its checksum passed (whole or, lazily, its digest list), with its range check when lazy. */
async function binary(check: FileCheck): Promise<{ bytes: Uint8Array; check: EnsureVerified | null }> {
  await check.verified;
  const bytes = await check.bytes;
  const verifier = check.lazy ? await check.lazy : null;
  return { bytes, check: verifier ? (start, end) => verifier.ensure(start, end) : null };
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
async function readTranslated(checks: Map<string, FileCheck>, manifest: IndexManifest): Promise<NonNullable<VerifiedIndex['translated']>> {
  const meta = (await parseChecked(checks.get(INDEX_FILES.translatedLexical)!, INDEX_FILES.translatedLexical)) as Bm25Meta;
  if (!isObject(meta) || !Array.isArray(meta.lengths) || meta.lengths.length !== manifest.paragraphs) throw new Problem(INDEX_FILES.translatedLexical, `must index ${manifest.paragraphs} paragraphs`);
  const postings = await binary(checks.get(INDEX_FILES.translatedPostings)!);
  return { meta, postings: postings.bytes, postingsCheck: postings.check };
}

/**
 * Verifies a whole index; resolves to the parsed parts, or to the first problem found.
 * @example
 * const r = await verifyIndex((name) => readFile(path.join(dir, name)).catch(() => null));
 * if ('problem' in r) console.error(`${r.problem.file}: ${r.problem.detail}`);
 */
export async function verifyIndex(read: ReadIndexFile, sha256: Sha256 = sha256Hex, options: VerifyOptions = {}): Promise<VerifiedIndex | { problem: IndexProblem }> {
  try {
    const manifestBytes = await read(INDEX_FILES.manifest);
    if (!manifestBytes) throw new Problem(INDEX_FILES.manifest, 'missing');
    const manifest = checkManifestShape(parseJson(INDEX_FILES.manifest, manifestBytes));
    const names = [
      INDEX_FILES.corpus,
      INDEX_FILES.corpusBodies,
      INDEX_FILES.lexical,
      INDEX_FILES.lexicalPostings,
      ...(manifest.embedding ? [INDEX_FILES.vectors, INDEX_FILES.vectorDocs] : []),
      ...(manifest.files[INDEX_FILES.lexicon] ? [INDEX_FILES.lexicon] : []),
      ...(manifest.files[INDEX_FILES.translatedLexical] ? [INDEX_FILES.translatedLexical, INDEX_FILES.translatedPostings] : []),
    ];
    const checks = startChecks(read, manifest, names, sha256, options.lazy);
    const checked = async (name: string) => {
      const c = checks.get(name)!;
      await c.verified;
      return c.bytes;
    };
    const corpus = await readCorpus(checks, manifest);
    const lexicalMeta = (await parseChecked(checks.get(INDEX_FILES.lexical)!, INDEX_FILES.lexical)) as Bm25Meta;
    if (!isObject(lexicalMeta) || !Array.isArray(lexicalMeta.lengths) || lexicalMeta.lengths.length !== manifest.paragraphs)
      throw new Problem(INDEX_FILES.lexical, `must index ${manifest.paragraphs} paragraphs`);
    const postings = await binary(checks.get(INDEX_FILES.lexicalPostings)!);
    if (manifest.embedding) {
      const hnsw = await checked(INDEX_FILES.vectors);
      checkVectors(manifest, hnsw, await parseChecked(checks.get(INDEX_FILES.vectorDocs)!, INDEX_FILES.vectorDocs));
    }
    const lexicon = checks.has(INDEX_FILES.lexicon) ? ((await parseChecked(checks.get(INDEX_FILES.lexicon)!, INDEX_FILES.lexicon)) as LexiconTable) : null;
    const translated = checks.has(INDEX_FILES.translatedLexical) ? await readTranslated(checks, manifest) : null;
    return { manifest, corpus, lexicalMeta, postings: postings.bytes, postingsCheck: postings.check, lexicon, translated };
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
