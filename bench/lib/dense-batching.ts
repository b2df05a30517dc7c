/**
 * What micro-batching, the worker pool and the query cache buy on the bench model (random weights, speed
 * only), measured in process so the pool's counters are visible: the cost of one inference call of 8
 * queries against 8 calls of one, throughput of concurrent callers with and without batching, the main
 * thread's own CPU and run-queue wait while the pool embeds, and cache hits.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EmbeddingWorkerPool } from '../../node/embedding-pool.js';
import { CachedQueryEmbeddings } from '../../server/embeddings/cached-embeddings.js';
import type { TransformersEmbeddingsOptions } from '../../server/embeddings/transformers-embeddings.js';
import { median, percentile, round } from './stats.js';

export interface BatchCost {
  /** Median over rounds of: 8 texts embedded one call at a time, then the same 8 in one call. */
  one_by_one_ms: number;
  one_call_ms: number;
  /** one_by_one_ms / one_call_ms: the most micro-batching can gain at this thread count. */
  gain: number;
  rounds: number;
  /** `embedQuery` one at a time through this pool, p50 over the questions. */
  single_query_p50_ms: number;
}

export interface PoolThroughput {
  /** Queries per second of `connections` callers embedding through one worker. */
  qps: number;
  /** Texts per inference call actually sent (the pool's counters). */
  mean_batch: number;
}

export interface MainThread {
  /** perf_hooks event-loop delay p99 (1 ms resolution) while 8 callers embed, next to the same probe idle. */
  loop_p99_ms: number;
  idle_loop_p99_ms: number;
  /** Main-thread CPU per query, measured in a pass without the delay monitor (Linux schedstat; null elsewhere). */
  cpu_ms_per_query: number | null;
  /** Share of wall time the main thread spent runnable but waiting for a core (scheduler latency), busy and idle. */
  runqueue_wait_share: number | null;
  idle_runqueue_wait_share: number | null;
}

export interface DenseBatching {
  /** By onnxruntime intra-op thread count. */
  batch_cost: Record<string, BatchCost>;
  /** By setup (`batched`: batchSize 16, `one_at_a_time`: 1), then by concurrent callers. */
  pool_throughput: Record<string, Record<string, PoolThroughput>>;
  /** By worker nice value (0 and 10), medians over rounds. */
  main_thread: Record<string, MainThread>;
  /** CachedQueryEmbeddings over the pool: a first pass over the questions, then the same questions re-spaced. */
  cache: { miss_p50_ms: number; hit_p50_ms: number; hits: number; misses: number };
}

/** [cpu ns, run-queue wait ns] of the main thread, or null off Linux. */
function mainThreadSched(): [number, number] | null {
  try {
    const [cpu, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return [cpu, wait];
  } catch {
    return null;
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** 8 texts one call at a time vs in one call (embedDocuments sends exactly one call of ≤ batchSize texts), interleaved. */
async function batchCost(pool: EmbeddingWorkerPool, texts: string[], rounds: number): Promise<BatchCost> {
  await pool.embedDocuments(texts.slice(0, 8));
  const single: number[] = [];
  const batched: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const group = Array.from({ length: 8 }, (_, i) => texts[(r * 8 + i) % texts.length]);
    single.push(
      await timed(async () => {
        for (const t of group) await pool.embedDocuments([t]);
      }),
    );
    batched.push(await timed(() => pool.embedDocuments(group)));
  }
  const [a, b] = [median(single), median(batched)];
  const one: number[] = [];
  for (const t of texts) one.push(await timed(() => pool.embedQuery(t)));
  return { one_by_one_ms: round(a, 1), one_call_ms: round(b, 1), gain: round(a / b, 2), rounds, single_query_p50_ms: round(percentile(one, 50), 3) };
}

const callers = (connections: number, texts: string[], n: number, embed: (t: string) => Promise<unknown>) =>
  Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let i = c; i < n; i += connections) await embed(texts[i % texts.length]);
    }),
  );

/** Concurrent callers through each pool, the pools taking turns per connection count. */
async function poolThroughput(pools: Record<'batched' | 'one_at_a_time', EmbeddingWorkerPool>, texts: string[], queries: number): Promise<DenseBatching['pool_throughput']> {
  const out: DenseBatching['pool_throughput'] = { batched: {}, one_at_a_time: {} };
  for (const connections of [1, 8, 32])
    for (const [name, pool] of Object.entries(pools)) {
      const before = pool.stats();
      const ms = await timed(() => callers(connections, texts, queries, (t) => pool.embedQuery(t)));
      const s = pool.stats();
      const batches = s.batches - before.batches;
      out[name][String(connections)] = { qps: round((queries * 1000) / ms, 2), mean_batch: round((s.texts - before.texts) / batches, 2) };
    }
  return out;
}

interface Watched {
  p99: number;
  /** Main-thread CPU and run-queue wait (ns), and wall time (ns). */
  cpu: number | null;
  wait: number | null;
  wall: number;
}

/** Event-loop delay p99 (ms, when `monitor`) and main-thread schedstat deltas while `work` runs. */
async function watchMainThread(work: () => Promise<unknown>, monitor = true): Promise<Watched> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  const s0 = mainThreadSched();
  const t0 = performance.now();
  if (monitor) h.enable();
  await work();
  h.disable();
  const s1 = mainThreadSched();
  return { p99: monitor ? h.percentile(99) / 1e6 : 0, cpu: s0 && s1 ? s1[0] - s0[0] : null, wait: s0 && s1 ? s1[1] - s0[1] : null, wall: (performance.now() - t0) * 1e6 };
}

async function mainThread(pools: Record<'0' | '10', EmbeddingWorkerPool>, texts: string[], rounds: number): Promise<DenseBatching['main_thread']> {
  const out: DenseBatching['main_thread'] = {};
  const runs: Record<string, Array<{ busy: Watched; idle: Watched; bare: Watched }>> = { '0': [], '10': [] };
  const embedAll = (pool: EmbeddingWorkerPool) => () => callers(8, texts, texts.length, (t) => pool.embedQuery(t));
  for (let r = 0; r < rounds; r++)
    for (const [nice, pool] of Object.entries(pools)) {
      const busy = await watchMainThread(embedAll(pool));
      const idle = await watchMainThread(() => new Promise((res) => setTimeout(res, busy.wall / 1e6)));
      runs[nice].push({ busy, idle, bare: await watchMainThread(embedAll(pool), false) });
    }
  for (const [nice, list] of Object.entries(runs)) {
    const mid = (f: (x: (typeof list)[0]) => number | null) => (list.some((x) => f(x) === null) ? null : median(list.map((x) => f(x)!)));
    const share = (w: Watched) => (w.wait === null ? null : w.wait / w.wall);
    const r3 = (v: number | null) => (v === null ? null : round(v, 3));
    out[nice] = {
      loop_p99_ms: round(mid((x) => x.busy.p99)!, 2),
      idle_loop_p99_ms: round(mid((x) => x.idle.p99)!, 2),
      cpu_ms_per_query: r3(mid((x) => (x.bare.cpu === null ? null : x.bare.cpu / 1e6 / texts.length))),
      runqueue_wait_share: r3(mid((x) => share(x.busy))),
      idle_runqueue_wait_share: r3(mid((x) => share(x.idle))),
    };
  }
  return out;
}

async function cacheHits(pool: EmbeddingWorkerPool, texts: string[]): Promise<DenseBatching['cache']> {
  const cached = new CachedQueryEmbeddings(pool, 1000);
  const miss: number[] = [];
  const hit: number[] = [];
  for (const t of texts) miss.push(await timed(() => cached.embedQuery(t)));
  for (const t of texts) hit.push(await timed(() => cached.embedQuery(`  ${t.replace(/ /g, '  ')} `)));
  const { hits, misses } = cached.stats;
  return { miss_p50_ms: round(percentile(miss, 50), 3), hit_p50_ms: round(percentile(hit, 50), 4), hits, misses };
}

/**
 * Runs the in-process batching, main-thread and cache measurements on `texts` (the planner's search texts).
 * @example
 * const b = await measureDenseBatching({ options, threads: 1, texts, quick: true });
 */
export async function measureDenseBatching(o: { options: TransformersEmbeddingsOptions; threads: number; texts: string[]; quick: boolean }): Promise<DenseBatching> {
  const rounds = o.quick ? 3 : 6;
  // Pools live for the whole stage: onnxruntime-node 1.14 does not survive many workers started and stopped in turn.
  const pool = (batchSize: number, threads = o.threads, nice = 0) => new EmbeddingWorkerPool({ embeddings: { ...o.options, batchSize }, workers: 1, threads, nice });
  const other = o.threads === 1 ? 2 : 1;
  const pools = { batched: pool(16), one_at_a_time: pool(1), otherThreads: pool(16, other), niced: pool(16, o.threads, 10) };
  try {
    await Promise.all(Object.values(pools).map((p) => p.embedQuery('warm up')));
    const batch_cost = { [String(o.threads)]: await batchCost(pools.batched, o.texts, rounds), [String(other)]: await batchCost(pools.otherThreads, o.texts, rounds) };
    return {
      batch_cost,
      pool_throughput: await poolThroughput({ batched: pools.batched, one_at_a_time: pools.one_at_a_time }, o.texts, o.quick ? 32 : 96),
      main_thread: await mainThread({ '0': pools.batched, '10': pools.niced }, o.texts.slice(0, 24), rounds),
      cache: await cacheHits(pools.batched, o.texts),
    };
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.close()));
  }
}

const f = (v: number | null, d = 2) => (v === null || Number.isNaN(v) ? '–' : v.toFixed(d));

/**
 * Markdown lines of {@link DenseBatching}.
 * @example
 * lines.push(...batchingMarkdown(dense.batching));
 */
export function batchingMarkdown(b: DenseBatching): string[] {
  const out = ['', '| Inference calls (int8, in a worker) | 8 texts one call each (ms) | 8 texts in one call (ms) | gain |', '|---|---|---|---|'];
  for (const [t, c] of Object.entries(b.batch_cost)) out.push(`| ${t} onnxruntime thread(s) | ${f(c.one_by_one_ms, 1)} | ${f(c.one_call_ms, 1)} | ${f(c.gain)}× |`);
  out.push('', '| In-process pool, 1 worker | 1 caller q/s (mean batch) | 8 callers | 32 callers |', '|---|---|---|---|');
  for (const [name, levels] of Object.entries(b.pool_throughput)) out.push(`| ${name} | ${['1', '8', '32'].map((c) => `${f(levels[c].qps, 1)} (${f(levels[c].mean_batch, 1)})`).join(' | ')} |`);
  out.push(
    '',
    '| Main thread while 8 callers embed through the pool | loop delay p99 (ms) | idle p99, same duration (ms) | main-thread CPU per query (ms) | share of time waiting for a core: busy / idle |',
    '|---|---|---|---|---|',
  );
  for (const [nice, m] of Object.entries(b.main_thread))
    out.push(`| worker nice ${nice} | ${f(m.loop_p99_ms)} | ${f(m.idle_loop_p99_ms)} | ${f(m.cpu_ms_per_query, 3)} | ${f(m.runqueue_wait_share, 3)} / ${f(m.idle_runqueue_wait_share, 3)} |`);
  out.push(
    '',
    `Query cache (LRU over the pool): miss p50 ${f(b.cache.miss_p50_ms)} ms, hit p50 ${f(b.cache.hit_p50_ms, 4)} ms (the same questions re-spaced: ${b.cache.hits} hits, ${b.cache.misses} misses).`,
  );
  return out;
}

/**
 * {@link measureDenseBatching} in a child process (bench/lib/dense-batching-child.ts), so that the workers
 * it starts and stops do not share a process with the rest of the bench.
 * @example
 * const b = await measureDenseBatchingInChild({ options, threads: 1, texts, quick: true });
 */
export async function measureDenseBatchingInChild(input: Parameters<typeof measureDenseBatching>[0]): Promise<DenseBatching> {
  const script = new URL('./dense-batching-child.ts', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DENSE_BATCHING_INPUT: JSON.stringify(input) },
    maxBuffer: 16 * 2 ** 20,
    timeout: 30 * 60_000,
  });
  return JSON.parse(stdout) as DenseBatching;
}
