/** The hnswlib stage: one child process per size (bench/lib/hnsw-child.ts), with the configured M/efConstruction. */
import { spawn } from 'node:child_process';
import type { Config } from '../../server/config.js';
import type { HnswChildOptions, HnswChildResult } from './hnsw-child.js';

export interface HnswStageResult {
  vectors: 'clustered';
  dim: number;
  clusters: number;
  /** efSearch of the server (HNSW_EF_SEARCH); the rows also give neighbouring values. */
  ef_search_configured: number;
  sizes: HnswChildResult[];
}

function runChild(root: string, options: HnswChildOptions): Promise<HnswChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/hnsw-child.ts', JSON.stringify(options)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!) as HnswChildResult);
      else reject(new Error(`hnsw-child for ${options.n} vectors exited with ${code ?? signal}: ${err}`));
    });
  });
}

/**
 * Builds and searches an index per size; `queries(n)` sets how many queries (and exact searches) per size.
 * @example
 * const r = await measureHnsw({ root, config: loadConfig({}), sizes: [100_000], queries: () => 200, log });
 */
export async function measureHnsw(o: { root: string; config: Config; sizes: number[]; queries: (n: number) => number; log: (l: string) => void }): Promise<HnswStageResult> {
  const dim = 384;
  const clusters = 1000;
  const { m, efConstruction, efSearch } = o.config.hnsw;
  const efs = [...new Set([16, 32, efSearch, 128].sort((a, b) => a - b))];
  const sizes: HnswChildResult[] = [];
  for (const n of o.sizes) {
    const r = await runChild(o.root, { n, dim, m, efConstruction, efSearch: efs, queries: o.queries(n), clusters: Math.min(clusters, Math.max(10, Math.floor(n / 100))) });
    const at = r.search.find((s) => s.ef_search === efSearch)!;
    o.log(`  hnsw ${n.toLocaleString('en-US')} vectors: build ${r.build_s} s, index ${r.index_rss_mb} MiB, query p50 ${at.p50_ms} ms, recall@10 ${at.recall_at_10} (efSearch ${efSearch})`);
    sizes.push(r);
  }
  return { vectors: 'clustered', dim, clusters, ef_search_configured: efSearch, sizes };
}
