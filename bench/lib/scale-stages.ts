/**
 * The stages of issue 14, run from bench/run.ts: `dense` (the dense path at real model size),
 * `hnsw` (hnswlib at 10^5–10^6 vectors) and `cluster` (multi-process mode against the floor run the
 * same way), with their Markdown section.
 */
import { loadConfig } from '../../server/config.js';
import { loadCorpusData } from '../../node/runtime.js';
import { measureDense, type DenseResult } from './dense.js';
import { batchingMarkdown } from './dense-batching.js';
import { measureHnsw } from './hnsw.js';
import { measureHttp, type HttpStageResult } from './http-stage.js';
import type { IngestResult } from './ingest.js';
import type { BenchQuestion } from './questions.js';
import type { BenchResults } from './report.js';
import { round } from './stats.js';

export interface ClusterResult {
  processes: number;
  note: string;
  levels: Record<string, { chat_rps: number; floor_rps: number; ratio_to_floor: number; chat_p50_ms: number; chat_p99_ms: number }>;
  /** Multi-process chat req/s over the single-process run of the `load` stage, per connection count. */
  speedup_over_single: Record<string, number> | null;
  cold_start_ms: number;
}

type Stage = <T>(name: string, fn: () => Promise<T>) => Promise<T | null>;

export interface ScaleStageInput {
  root: string;
  workDir: string;
  quick: boolean;
  durationS: number;
  rounds: number;
  bodies: string[];
  questions: BenchQuestion[];
  ingest: IngestResult | null;
  throughput: HttpStageResult['throughput'] | null;
  hnswSizes?: string;
  log: (l: string) => void;
  stage: Stage;
  wants: (name: 'dense' | 'hnsw' | 'cluster') => boolean;
}

function clusterResult(r: HttpStageResult, processes: number, single: HttpStageResult['throughput'] | null): ClusterResult {
  const levels: ClusterResult['levels'] = {};
  for (const [c, l] of Object.entries(r.throughput.levels))
    levels[c] = { chat_rps: l.chat.rps, floor_rps: l.floor.rps, ratio_to_floor: round(l.chat.rps / l.floor.rps, 4), chat_p50_ms: l.chat.p50_ms, chat_p99_ms: l.chat.p99_ms };
  return {
    processes,
    note: 'Server and floor each in node:cluster mode with this many processes; autocannon shares the same cores.',
    levels,
    speedup_over_single: single ? Object.fromEntries(Object.keys(levels).map((c) => [c, round(levels[c].chat_rps / single.levels[c].chat.rps, 3)])) : null,
    cold_start_ms: r.server.cold_start_ms,
  };
}

/**
 * Runs the dense, hnsw and cluster stages that `wants` selects; a skipped or failed stage is null.
 * @example
 * const scale = await measureScaleStages({ ...context, wants: () => true });
 */
export async function measureScaleStages(o: ScaleStageInput): Promise<Pick<BenchResults, 'dense' | 'hnsw' | 'cluster'>> {
  const ingest = o.ingest;
  const dense =
    ingest && o.wants('dense')
      ? await o.stage('dense path (random-weight e5-small)', async () => {
          const corpus = await loadCorpusData(ingest.indexDir);
          return measureDense({ root: o.root, workDir: o.workDir, corpus, questions: o.questions, bodies: o.bodies, quick: o.quick, durationS: o.quick ? 2 : Math.max(o.durationS, 5), log: o.log });
        })
      : null;
  const sizes = (o.hnswSizes ?? (o.quick ? '5000' : '100000,1000000'))
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const hnsw = o.wants('hnsw')
    ? await o.stage('hnswlib at scale', () => measureHnsw({ root: o.root, config: loadConfig({}), sizes, queries: (n) => (o.quick ? 50 : n >= 1_000_000 ? 30 : 200), log: o.log }))
    : null;
  const processes = 2;
  const cluster =
    ingest && o.wants('cluster')
      ? await o.stage(`multi-process mode (WORKERS=${processes}) vs floor`, async () => {
          const r = await measureHttp({
            root: o.root,
            indexDir: ingest.indexDir,
            bodies: o.bodies,
            bodyBytes: 2000,
            durationS: o.durationS,
            rounds: o.rounds,
            warmupS: o.quick ? 1 : 2,
            log: o.log,
            processes,
            cachedRun: false,
          });
          return clusterResult(r, processes, o.throughput);
        })
      : null;
  return { dense, hnsw, cluster };
}

const f = (v: number | null | undefined, d = 2) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(d));
const yes = (v: boolean | null) => (v === null ? '–' : v ? 'met' : 'not met');

function denseMarkdown(d: DenseResult): string[] {
  const out = [
    '## Dense path at real model size (speed only)',
    '',
    d.note,
    '',
    `Model \`${d.model}\`: ${d.shape}; vocabulary ${d.vocab} words; ${d.paragraphs} paragraphs with random vectors; onnxruntime threads ${d.onnx_threads}.`,
    '',
  ];
  out.push(
    '| Variant | Model MiB | Query embedding p50 / p99 (ms) | via pool p50 | Hybrid e2e p50 / p99 (ms) | e2e / embedding (/ via pool) | Loop delay p99 (ms), perf_hooks / 1 ms probe: on event loop → pool (idle) |',
    '|---|---|---|---|---|---|---|',
  );
  for (const [name, v] of [
    ['int8', d.int8],
    ['fp32', d.fp32],
  ] as const) {
    if (!v) continue;
    out.push(
      `| ${name} | ${f(v.model_mb, 1)} | ${f(v.query_embedding.p50_ms)} / ${f(v.query_embedding.p99_ms)} | ${f(v.query_embedding_pool.p50_ms)} | ${f(v.hybrid_e2e.p50_ms)} / ${f(v.hybrid_e2e.p99_ms)} | ${f(v.ratio_e2e_to_embedding, 3)} (${f(v.ratio_e2e_to_pool_embedding, 3)}) | ${f(v.event_loop_delay.event_loop.p99_ms)} / ${f(v.event_loop_delay.event_loop.probe_p99_ms)} → ${f(v.event_loop_delay.pool.p99_ms)} / ${f(v.event_loop_delay.pool.probe_p99_ms)} (${f(v.event_loop_delay.idle.p99_ms)} / ${f(v.event_loop_delay.idle.probe_p99_ms)}) |`,
    );
  }
  if (d.int8_pool_p50_ms_by_threads)
    out.push(
      '',
      `int8 through the pool, one at a time, p50 by onnxruntime threads: ${Object.entries(d.int8_pool_p50_ms_by_threads)
        .map(([t, ms]) => `${t} → ${f(ms)} ms`)
        .join(', ')}.`,
    );
  out.push('', '| HTTP `/api/chat` hybrid int8 | 1 conn req/s | 8 conn req/s | 32 conn req/s | p50 / p99 at 8 (ms) |', '|---|---|---|---|---|');
  for (const [name, levels] of Object.entries(d.http))
    out.push(`| ${name} | ${f(levels['1'].rps, 1)} | ${f(levels['8'].rps, 1)} | ${f(levels['32'].rps, 1)} | ${f(levels['8'].p50_ms, 1)} / ${f(levels['8'].p99_ms, 1)} |`);
  if (d.batching) out.push(...batchingMarkdown(d.batching));
  out.push(
    '',
    `Targets: e2e p50 ≤ 1.3 × embedding: ${yes(d.targets.e2e_within_1_3x)}; batched at 8 connections ≥ 2 × one at a time (${f(d.batching_gain_8, 2)}×): ${yes(d.targets.batching_2x_at_8)}; event-loop delay p99 < 5 ms with the pool: ${yes(d.targets.loop_p99_under_5ms)}.`,
    '',
  );
  return out;
}

/**
 * Markdown of the dense, hnsw and cluster sections ('' when none ran).
 * @example
 * const md = toMarkdown(results) + scaleMarkdown(results);
 */
export function scaleMarkdown(r: Pick<BenchResults, 'dense' | 'hnsw' | 'cluster'>): string {
  const out: string[] = [''];
  if (r.dense) out.push(...denseMarkdown(r.dense));
  if (r.hnsw) {
    out.push('## hnswlib at scale', '', `${r.hnsw.dim}-dimensional clustered unit vectors, cosine, k = 10, recall against brute force; server efSearch ${r.hnsw.ef_search_configured}.`, '');
    out.push('| Vectors | M | efConstruction | Build (s) | RSS after build (MiB) | Index (MiB) | efSearch: query p50 ms (recall@10) |', '|---|---|---|---|---|---|---|');
    for (const s of r.hnsw.sizes)
      out.push(
        `| ${s.n.toLocaleString('en-US')} | ${s.m} | ${s.ef_construction} | ${f(s.build_s, 1)} | ${f(s.rss_mb_built, 0)} | ${f(s.index_rss_mb, 0)} | ${s.search.map((x) => `${x.ef_search}: ${f(x.p50_ms, 3)} (${f(x.recall_at_10, 3)})`).join('; ')} |`,
      );
    out.push('');
  }
  if (r.cluster) {
    out.push(
      `## Multi-process mode (WORKERS=${r.cluster.processes})`,
      '',
      r.cluster.note,
      '',
      '| Connections | chat req/s | floor req/s | ratio | × single process | p50 / p99 (ms) |',
      '|---|---|---|---|---|---|',
    );
    for (const [c, l] of Object.entries(r.cluster.levels))
      out.push(`| ${c} | ${f(l.chat_rps, 0)} | ${f(l.floor_rps, 0)} | ${f(l.ratio_to_floor, 3)} | ${f(r.cluster.speedup_over_single?.[c], 2)} | ${f(l.chat_p50_ms, 2)} / ${f(l.chat_p99_ms, 2)} |`);
    out.push('');
  }
  return out.length > 1 ? out.join('\n') : '';
}
