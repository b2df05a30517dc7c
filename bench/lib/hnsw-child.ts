/**
 * hnswlib at scale, in its own process: `node --import tsx bench/lib/hnsw-child.ts <json options>`.
 * Generates `n` clustered unit vectors (dimension `dim`, seeded), builds a cosine HierarchicalNSW index
 * with `m`/`efConstruction`, then for each `efSearch` times `queries` searches of k=10 and their recall@10
 * against exact (brute-force) neighbours. Prints one JSON line (see {@link HnswChildResult}).
 */
import hnswlib from 'hnswlib-node';
import { mulberry32 } from '../../evals/lib/metrics.js';
import { procMemory } from './server-process.js';
import { percentile, round } from './stats.js';

export interface HnswChildOptions {
  n: number;
  dim: number;
  m: number;
  efConstruction: number;
  efSearch: number[];
  queries: number;
  clusters: number;
  seed?: number;
}

export interface HnswChildResult {
  n: number;
  dim: number;
  m: number;
  ef_construction: number;
  build_s: number;
  /** Process RSS after generating the vectors (their float32 copy), after the build, and the difference. */
  rss_mb_vectors: number;
  rss_mb_built: number;
  index_rss_mb: number;
  brute_force_ms_per_query: number;
  search: Array<{ ef_search: number; p50_ms: number; p99_ms: number; recall_at_10: number }>;
}

/** Seeded clustered unit vectors, one flat Float32Array. */
function clusteredVectors(count: number, dim: number, centres: Float32Array, rand: () => number): Float32Array {
  const k = centres.length / dim;
  const out = new Float32Array(count * dim);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  for (let i = 0; i < count; i++) {
    const c = Math.floor(rand() * k) * dim;
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const v = centres[c + j] + 0.6 * gauss();
      out[i * dim + j] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < dim; j++) out[i * dim + j] /= norm;
  }
  return out;
}

/** Exact top-10 labels by inner product (vectors are unit length, so cosine). */
function bruteForce(data: Float32Array, dim: number, q: Float32Array, k = 10): number[] {
  const best: Array<[number, number]> = [];
  const n = data.length / dim;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * dim;
    for (let j = 0; j < dim; j++) s += data[o + j] * q[j];
    if (best.length < k || s > best[best.length - 1][1]) {
      best.push([i, s]);
      best.sort((a, b) => b[1] - a[1]);
      if (best.length > k) best.pop();
    }
  }
  return best.map(([i]) => i);
}

function run(o: HnswChildOptions): HnswChildResult {
  const rand = mulberry32(o.seed ?? 11);
  const centres = Float32Array.from({ length: o.clusters * o.dim }, () => rand() * 2 - 1);
  const data = clusteredVectors(o.n, o.dim, centres, rand);
  const queries = clusteredVectors(o.queries, o.dim, centres, rand);
  const rssVectors = procMemory(process.pid)?.rssMb ?? Number.NaN;
  const index = new hnswlib.HierarchicalNSW('cosine', o.dim);
  index.initIndex({ maxElements: o.n, m: o.m, efConstruction: o.efConstruction, randomSeed: 100 });
  const t0 = performance.now();
  for (let i = 0; i < o.n; i++) index.addPoint(Array.from(data.subarray(i * o.dim, (i + 1) * o.dim)), i);
  const buildS = (performance.now() - t0) / 1000;
  const rssBuilt = procMemory(process.pid)?.rssMb ?? Number.NaN;
  const t1 = performance.now();
  const exact = Array.from({ length: o.queries }, (_, i) => bruteForce(data, o.dim, queries.subarray(i * o.dim, (i + 1) * o.dim)));
  const bruteMs = (performance.now() - t1) / o.queries;
  const qs = Array.from({ length: o.queries }, (_, i) => Array.from(queries.subarray(i * o.dim, (i + 1) * o.dim)));
  const search = o.efSearch.map((ef) => {
    index.setEf(Math.max(ef, 10));
    for (const q of qs.slice(0, 20)) index.searchKnn(q, 10);
    const times: number[] = [];
    let found = 0;
    qs.forEach((q, i) => {
      const t = performance.now();
      const { neighbors } = index.searchKnn(q, 10);
      times.push(performance.now() - t);
      const truth = new Set(exact[i]);
      found += neighbors.filter((l) => truth.has(l)).length;
    });
    return { ef_search: ef, p50_ms: round(percentile(times, 50), 4), p99_ms: round(percentile(times, 99), 4), recall_at_10: round(found / (10 * o.queries), 4) };
  });
  return {
    n: o.n,
    dim: o.dim,
    m: o.m,
    ef_construction: o.efConstruction,
    build_s: round(buildS, 2),
    rss_mb_vectors: round(rssVectors, 1),
    rss_mb_built: round(rssBuilt, 1),
    index_rss_mb: round(rssBuilt - rssVectors, 1),
    brute_force_ms_per_query: round(bruteMs, 2),
    search,
  };
}

try {
  console.log(JSON.stringify(run(JSON.parse(process.argv[2] ?? '{}') as HnswChildOptions)));
} catch (err) {
  console.error(`hnsw-child: ${(err as Error).stack ?? (err as Error).message}`);
  process.exit(1);
}
