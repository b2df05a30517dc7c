/**
 * Reading an index directory for the Node runtime: the lexical index and corpus files, and how a failure to load
 * one is described (`/healthz/ready` names the faulty file, never a path).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../server/config.js';
import { decodeCorpus, type CorpusMeta } from '../server/corpus/corpus-files.js';
import type { CorpusData } from '../server/corpus/corpus-store.js';
import { AppError } from '../server/errors.js';
import { INDEX_FILES } from '../server/index-format.js';
import type { LoadFailure, Readiness } from '../server/reload/reloadable-app.js';
import { Bm25Index } from '../server/retrieval/bm25-index.js';

/** Bare file names of index files that failed verification, by error. */
const faultyFile = new WeakMap<object, string>();

/**
 * The error of an index file that failed verification (remembered, so that readiness names the file).
 * @example
 * throw indexError(config, INDEX_FILES.lexical, 'truncated');
 */
export function indexError(config: Config, file: string, detail: string): AppError {
  const err = new AppError('index_corrupt', `${path.join(config.indexDir, file)}: ${detail}. Not serving this index; re-run \`npm run ingest\`.`);
  faultyFile.set(err, file);
  return err;
}

/**
 * What `/healthz/ready` says about a failed load: the error code, a message without paths, the faulty file if any.
 * @example
 * new ReloadableApp({ load, describe: describeLoadFailure });
 */
export const describeLoadFailure = (err: unknown): LoadFailure => {
  const code = err instanceof AppError ? err.code : 'internal';
  const file = err instanceof Error ? faultyFile.get(err) : undefined;
  const message = file
    ? `${file} failed verification.`
    : code === 'index_missing'
      ? 'No index has been published yet. Run `npm run ingest`.'
      : err instanceof AppError && code !== 'internal'
        ? err.message.replace(/(?:[A-Za-z]:)?(?:[\\/][^\s"':\\/]+)+[\\/]/g, '')
        : 'The index could not be loaded.';
  return { code, message, ...(file ? { file } : {}) };
};

/**
 * The index part of readiness in the `{ ready, reason? }` shape `/healthz/ready` reports (no paths).
 * @example
 * createApp({ ...deps, readiness: () => indexReadiness(runtime.readiness()) });
 */
export function indexReadiness(r: Readiness): { ready: boolean; reason?: string } {
  if (r.ready) return r.lastReloadError ? { ready: true, reason: `Last reload refused: ${r.lastReloadError.message}` } : { ready: true };
  return { ready: false, reason: r.reason.message };
}

/**
 * Loads a lexical index from an index directory (verification is the caller's job).
 * @example
 * const lexical = await loadLexicalIndex('data/index');
 */
export async function loadLexicalIndex(indexDir: string): Promise<Bm25Index> {
  const meta = JSON.parse(await readFile(path.join(indexDir, INDEX_FILES.lexical), 'utf8'));
  return new Bm25Index(meta, await readFile(path.join(indexDir, INDEX_FILES.lexicalPostings)));
}

/**
 * Reads the corpus of an index directory (`corpus-meta.json` + `corpus-bodies.bin`; verification is the caller's job).
 * @example
 * const { documents, paragraphs } = await loadCorpusData('data/index');
 */
export async function loadCorpusData(indexDir: string): Promise<CorpusData> {
  const [meta, bodies] = await Promise.all([readFile(path.join(indexDir, INDEX_FILES.corpus), 'utf8'), readFile(path.join(indexDir, INDEX_FILES.corpusBodies))]);
  return decodeCorpus(JSON.parse(meta) as CorpusMeta, bodies);
}

/**
 * A file's bytes, or null when it does not exist.
 * @example
 * const manifest = await readIfExists('data/index/manifest.json');
 */
export async function readIfExists(file: string): Promise<Uint8Array | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
