/** Ingest of the real corpus, in-process: forced full builds and re-ingests with nothing changed. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildIndex } from '../../ingest/build-index.js';
import { loadConfig, type Config } from '../../server/config.js';
import { median, round } from './stats.js';

export interface IngestResult {
  indexDir: string;
  config: Config;
  documents: number;
  paragraphs: number;
  index_mb: number;
  /** The first full build in this process (includes module warm-up). */
  full_first_ms: number;
  /** Median of the forced rebuilds after the first. */
  full_ms: number;
  full_runs: number[];
  reingest_unchanged_ms: number;
  reingest_runs: number[];
}

/**
 * Builds the real corpus into `<workDir>/real/data/index` (lexical, `EMBEDDINGS_PROVIDER=none`) `fullReps`
 * times with `force: true`, then re-ingests `unchangedReps` times with nothing changed.
 * @example
 * const r = await measureRealIngest({ root, workDir, fullReps: 5, unchangedReps: 7 });
 */
export async function measureRealIngest(o: { root: string; workDir: string; fullReps: number; unchangedReps: number }): Promise<IngestResult> {
  const indexDir = path.join(o.workDir, 'real', 'data', 'index');
  const config = loadConfig({ INDEX_DIR: indexDir, CORPUS_DIR: path.join(o.root, 'corpus'), EMBEDDINGS_PROVIDER: 'none' });
  const time = async (force: boolean) => {
    const t = performance.now();
    const r = await buildIndex({ config, force });
    const ms = performance.now() - t;
    if (r.rebuilt !== force) throw new Error(`buildIndex(force: ${force}) ${r.rebuilt ? 'rebuilt' : 'did not rebuild'} the index`);
    return { ms, manifest: r.manifest };
  };
  const first = await time(true);
  const full: number[] = [];
  for (let i = 0; i < o.fullReps; i++) full.push((await time(true)).ms);
  const unchanged: number[] = [];
  for (let i = 0; i < o.unchangedReps; i++) unchanged.push((await time(false)).ms);
  let bytes = 0;
  for (const f of await readdir(indexDir)) bytes += (await stat(path.join(indexDir, f))).size;
  return {
    indexDir,
    config,
    documents: first.manifest.documents,
    paragraphs: first.manifest.paragraphs,
    index_mb: round(bytes / 2 ** 20, 3),
    full_first_ms: round(first.ms, 2),
    full_ms: round(median(full), 2),
    full_runs: full.map((v) => round(v, 2)),
    reingest_unchanged_ms: round(median(unchanged), 2),
    reingest_runs: unchanged.map((v) => round(v, 2)),
  };
}
