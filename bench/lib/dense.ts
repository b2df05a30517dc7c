/**
 * The dense path at real model size (random weights, so speed figures only): query embedding alone,
 * hybrid `/api/chat` end to end, event-loop delay while embedding, and HTTP throughput with and without
 * micro-batching. See dense-setup.ts for the model and the index.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Embeddings } from '@langchain/core/embeddings';
import { EmbeddingWorkerPool } from '../../node/embedding-pool.js';
import { autoOnnxThreads, setOnnxThreads } from '../../node/onnx-threads.js';
import { createNodeRuntime } from '../../node/runtime.js';
import { transformersOptions } from '../../server/embeddings/create-embeddings.js';
import { TransformersEmbeddings } from '../../server/embeddings/transformers-embeddings.js';
import type { CorpusData } from '../../server/corpus/corpus-store.js';
import type { ChatRequest } from '../../server/types.js';
import { measureDenseBatchingInChild, type DenseBatching } from './dense-batching.js';
import { BENCH_MODEL, denseEnv, prepareDense, type DenseSetup } from './dense-setup.js';
import { loadOnce, type LoadRun } from './load.js';
import type { BenchQuestion } from './questions.js';
import { freePort, spawnServer, type ServerHandle } from './server-process.js';
import { median, percentile, round, summarize } from './stats.js';

type Variant = 'int8' | 'fp32';
interface Timing {
  p50_ms: number;
  p99_ms: number;
  n: number;
}
interface LoopDelay {
  /** perf_hooks.monitorEventLoopDelay (1 ms resolution): delay percentiles and max. */
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** A 1 ms setInterval probe: lateness of each tick (gap − 1 ms), p99 and max. */
  probe_p99_ms: number;
  probe_max_ms: number;
}

export interface DenseVariantResult {
  model_mb: number;
  /** `embedQuery` one at a time on the event loop thread (the inference cost alone). */
  query_embedding: Timing;
  /** `embedQuery` one at a time through the worker pool (inference + message passing). */
  query_embedding_pool: Timing;
  /** In-process hybrid `/api/chat` one at a time, embeddings through the pool. */
  hybrid_e2e: Timing;
  /** hybrid_e2e.p50_ms / query_embedding.p50_ms (target ≤ 1.3), and over query_embedding_pool.p50_ms. */
  ratio_e2e_to_embedding: number;
  ratio_e2e_to_pool_embedding: number;
  /** Event-loop delay while 8 concurrent callers embed: on the event loop vs through the pool (target p99 < 5 ms), and idle. */
  event_loop_delay: { event_loop: LoopDelay; pool: LoopDelay; idle: LoopDelay };
}

export interface DenseResult {
  note: string;
  model: string;
  shape: string;
  vocab: number;
  paragraphs: number;
  onnx_threads: number;
  write_model_s: number;
  int8: DenseVariantResult | null;
  fp32: DenseVariantResult | null;
  /** int8 through the pool one at a time on the raw questions, p50 ms per onnxruntime thread count (from `batching`). */
  int8_pool_p50_ms_by_threads: Record<string, number> | null;
  /** In process, int8: batch cost, pool throughput with and without batching, main-thread cost, cache hits. */
  batching: DenseBatching;
  /** `POST /api/chat`, hybrid, int8, per server setup and connection count. */
  http: Record<string, Record<string, Pick<LoadRun, 'rps' | 'p50_ms' | 'p99_ms' | 'requests' | 'errors' | 'non2xx'>>>;
  /** http.batched['8'].rps / http.one_at_a_time['8'].rps (target ≥ 2), and over batched['1']. */
  batching_gain_8: number;
  batched_8_over_1: number;
  targets: { e2e_within_1_3x: boolean | null; batching_2x_at_8: boolean | null; loop_p99_under_5ms: boolean | null };
}

const timing = (ms: number[]): Timing => {
  const s = summarize(ms);
  return { p50_ms: s.p50, p99_ms: s.p99, n: s.n };
};

async function timeEach(texts: string[], fn: (t: string) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const t of texts) {
    const t0 = performance.now();
    await fn(t);
    times.push(performance.now() - t0);
  }
  return times;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Event-loop delay (perf_hooks histogram, 1 ms resolution) while 8 callers embed `texts` concurrently, or
 * for `idleMs` of doing nothing (the machine's own noise). Inference on the event loop chains through
 * promises without yielding to timers, so its delay shows as one sample as long as the whole run: the
 * histogram stays on for 20 ms after the work to record it.
 */
async function loopDelayWhile(embeddings: Embeddings | null, texts: string[], idleMs = 0): Promise<LoopDelay> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  const gaps: number[] = [];
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    gaps.push(Math.max(0, now - last - 1));
    last = now;
  };
  const probe = setInterval(tick, 1);
  h.enable();
  if (embeddings)
    await Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        for (let i = c; i < texts.length; i += 8) await embeddings.embedQuery(texts[i]);
      }),
    );
  else await sleep(idleMs);
  await sleep(20);
  h.disable();
  clearInterval(probe);
  const ms = (ns: number) => round(ns / 1e6, 2);
  return { p50_ms: ms(h.percentile(50)), p99_ms: ms(h.percentile(99)), max_ms: ms(h.max), probe_p99_ms: round(percentile(gaps, 99), 2), probe_max_ms: round(Math.max(...gaps), 2) };
}

/**
 * Times one model variant. "Alone" embeds exactly what the retriever embeds for each request (the
 * planner's search text, which for follow-ups carries the previous turn), so the ratio compares like with like.
 * Its worker pool is left open in `pools` for the caller to close once every variant is done.
 */
async function measureVariant(setup: DenseSetup, v: Variant, bodies: string[], threads: number, pools: EmbeddingWorkerPool[]): Promise<DenseVariantResult> {
  const { config } = setup.indexes[v]!;
  const options = { ...transformersOptions(config.embeddings), quantized: v === 'int8' };
  const direct = new TransformersEmbeddings(options);
  await direct.embedQuery('warm up');
  const pool = new EmbeddingWorkerPool({ embeddings: options, workers: 1, threads });
  pools.push(pool);
  await pool.embedQuery('warm up');
  const runtime = await createNodeRuntime(config, { buildIfMissing: false, embeddings: pool });
  const texts: string[] = [];
  for (const body of bodies) texts.push((await runtime.chat.retrieve(JSON.parse(body) as ChatRequest)).plan.searchText);
  const post = async (body: string) => (await runtime.app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  await timeEach(bodies.slice(0, 5), post);
  // Interleaved per request (alone, pool, end to end), so a change in the machine's load hits all three alike.
  const alone: number[] = [];
  const viaPool: number[] = [];
  const e2e: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    alone.push(...(await timeEach([texts[i]], (t) => direct.embedQuery(t))));
    viaPool.push(...(await timeEach([texts[i]], (t) => pool.embedQuery(t))));
    e2e.push(...(await timeEach([bodies[i]], post)));
  }
  await runtime.close();
  const t0 = performance.now();
  const onPool = await loopDelayWhile(pool, texts);
  const loop = { event_loop: await loopDelayWhile(direct, texts), pool: onPool, idle: await loopDelayWhile(null, [], performance.now() - t0) };
  const file = path.join(setup.modelDir, BENCH_MODEL, 'onnx', v === 'int8' ? 'model_quantized.onnx' : 'model.onnx');
  const q = timing(alone);
  const p = timing(viaPool);
  const h = timing(e2e);
  return {
    model_mb: round(statSync(file).size / 2 ** 20, 1),
    query_embedding: q,
    query_embedding_pool: p,
    hybrid_e2e: h,
    ratio_e2e_to_embedding: round(h.p50_ms / q.p50_ms, 3),
    ratio_e2e_to_pool_embedding: round(h.p50_ms / p.p50_ms, 3),
    event_loop_delay: loop,
  };
}

/**
 * Waits until a server has finished the requests autocannon abandoned at the end of a run (they are
 * still queued for embedding): one request sent now is answered after them.
 */
async function drain(url: string, body: string): Promise<void> {
  await (await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).arrayBuffer();
}

/**
 * `POST /api/chat` (hybrid, int8) against one server per setup, all started first; for each connection
 * count the setups take turns for `rounds` rounds (medians reported), so the machine's load drifts alike.
 */
async function measureHttpDense(o: { root: string; setup: DenseSetup; bodies: string[]; durationS: number; rounds: number; quick: boolean; log: (l: string) => void }): Promise<DenseResult['http']> {
  const setups: Record<string, Record<string, string>> = {
    batched: { EMBEDDINGS_WORKERS: '1', EMBEDDINGS_BATCH_SIZE: '16' },
    one_at_a_time: { EMBEDDINGS_WORKERS: '1', EMBEDDINGS_BATCH_SIZE: '1' },
    ...(o.quick ? {} : { on_event_loop: { EMBEDDINGS_WORKERS: '0', EMBEDDINGS_BATCH_SIZE: '1' } }),
  };
  // The default EMBEDDINGS_MAX_CONCURRENCY (8) answers 503 beyond 8 requests embedding at once, and the
  // per-client rate limit (all the load comes from one address) 429: both off, so the runs measure embedding.
  for (const extra of Object.values(setups)) Object.assign(extra, { EMBEDDINGS_MAX_CONCURRENCY: '64', RATE_LIMIT_PER_MINUTE: '0' });
  const servers: Record<string, ServerHandle> = {};
  const out: DenseResult['http'] = {};
  try {
    for (const [name, extra] of Object.entries(setups)) {
      const port = await freePort();
      const env = { ...denseEnv(o.setup.modelDir, o.setup.indexes.int8!.indexDir, extra), PORT: String(port), HOST: '127.0.0.1' };
      servers[name] = await spawnServer({ root: o.root, args: ['server/node.ts'], env, port, probePath: '/api/chat', probeBody: o.bodies[0] });
      await loadOnce({ url: servers[name].url, path: '/api/chat', bodies: o.bodies, connections: 8, durationS: 1 });
      await drain(servers[name].url, o.bodies[0]);
      out[name] = {};
    }
    for (const connections of [1, 8, 32]) {
      // At 32 connections a request waits for the ones ahead of it: longer runs so enough of them complete.
      const durationS = connections >= 32 ? o.durationS * 2 : o.durationS;
      const runs: Record<string, LoadRun[]> = {};
      for (let r = 0; r < o.rounds; r++)
        for (const name of Object.keys(setups)) {
          (runs[name] ??= []).push(await loadOnce({ url: servers[name].url, path: '/api/chat', bodies: o.bodies, connections, durationS, offset: connections * 7 + r * 17 }));
          await drain(servers[name].url, o.bodies[0]);
        }
      for (const [name, list] of Object.entries(runs)) {
        const m = (k: 'rps' | 'p50_ms' | 'p99_ms') => round(median(list.map((x) => x[k])), 3);
        const sum = (k: 'requests' | 'errors' | 'non2xx') => list.reduce((t, x) => t + x[k], 0);
        out[name][String(connections)] = { rps: m('rps'), p50_ms: m('p50_ms'), p99_ms: m('p99_ms'), requests: sum('requests'), errors: sum('errors'), non2xx: sum('non2xx') };
        o.log(`  dense http ${name} at ${connections}: ${m('rps')} req/s (p50 ${m('p50_ms')} ms, p99 ${m('p99_ms')} ms)`);
      }
    }
  } finally {
    for (const s of Object.values(servers)) await s.stop();
  }
  return out;
}

/**
 * Runs the dense stage (int8 always; fp32 and the thread and on-event-loop variants in full runs).
 * @example
 * const dense = await measureDense({ root, workDir, corpus, questions, bodies, quick: true, durationS: 1, log });
 */
export async function measureDense(o: {
  root: string;
  workDir: string;
  corpus: CorpusData;
  questions: BenchQuestion[];
  bodies: string[];
  quick: boolean;
  durationS: number;
  log: (l: string) => void;
}): Promise<DenseResult> {
  const variants: Variant[] = o.quick ? ['int8'] : ['int8', 'fp32'];
  const setup = await prepareDense({ root: o.root, workDir: o.workDir, corpus: o.corpus, variants });
  o.log(`  model written in ${setup.write_s.toFixed(1)} s (vocabulary ${setup.vocab} words), ${setup.paragraphs} paragraphs indexed with random vectors`);
  const threads = autoOnnxThreads(1);
  await setOnnxThreads(threads);
  const n = o.quick ? 12 : o.questions.length;
  const texts = o.questions.slice(0, n).map((q) => q.question);
  const bodies = o.bodies.slice(0, n);
  const results: Partial<Record<Variant, DenseVariantResult>> = {};
  // Pools are closed only once every variant is measured: onnxruntime-node 1.14 corrupts the heap now and
  // then when a session is created after a session-holding worker exited (see node/embedding-pool.ts).
  const pools: EmbeddingWorkerPool[] = [];
  for (const v of variants) {
    results[v] = await measureVariant(setup, v, bodies, threads, pools).catch(async (err: unknown) => {
      await Promise.all(pools.map((p) => p.close()));
      throw err;
    });
    const r = results[v]!;
    o.log(
      `  ${v}: embedding p50 ${r.query_embedding.p50_ms} ms (pool ${r.query_embedding_pool.p50_ms}), hybrid e2e p50 ${r.hybrid_e2e.p50_ms} ms, loop p99 ${r.event_loop_delay.event_loop.p99_ms} → ${r.event_loop_delay.pool.p99_ms} ms`,
    );
  }
  await Promise.all(pools.map((p) => p.close()));
  const batching = await measureDenseBatchingInChild({ options: { ...transformersOptions(setup.indexes.int8!.config.embeddings), quantized: true }, threads, texts, quick: o.quick });
  const byThreads = Object.fromEntries(Object.entries(batching.batch_cost).map(([t, c]) => [t, c.single_query_p50_ms]));
  const b8 = batching.pool_throughput;
  o.log(
    `  batching: 8 texts in one call ${batching.batch_cost['1'].gain}× cheaper (1 thread), ${batching.batch_cost['2'].gain}× (2 threads); pool at 8 callers ${b8.batched['8'].qps} q/s (mean batch ${b8.batched['8'].mean_batch}) vs ${b8.one_at_a_time['8'].qps} q/s one at a time`,
  );
  const http = await measureHttpDense({ root: o.root, setup, bodies: o.bodies, durationS: o.durationS, rounds: o.quick ? 1 : 2, quick: o.quick, log: o.log });
  const int8 = results.int8!;
  const gain = round(http.batched['8'].rps / http.one_at_a_time['8'].rps, 3);
  return {
    note: 'Speed figures only: the model has the architecture of multilingual-e5-small with random weights and a WordPiece vocabulary of the corpus words; retrieval quality is not measured here.',
    model: BENCH_MODEL,
    shape: '12 layers, hidden 384, 12 heads, intermediate 1536; int8 = dynamic quantization of the linear layers (MatMulInteger)',
    vocab: setup.vocab,
    paragraphs: setup.paragraphs,
    onnx_threads: threads,
    write_model_s: round(setup.write_s, 1),
    int8,
    fp32: results.fp32 ?? null,
    int8_pool_p50_ms_by_threads: byThreads,
    batching,
    http,
    batching_gain_8: gain,
    batched_8_over_1: round(http.batched['8'].rps / http.batched['1'].rps, 3),
    targets: {
      e2e_within_1_3x: int8.ratio_e2e_to_embedding <= 1.3,
      batching_2x_at_8: gain >= 2,
      loop_p99_under_5ms: Math.max(int8.event_loop_delay.pool.p99_ms, int8.event_loop_delay.pool.probe_p99_ms) < 5,
    },
  };
}
