/** `bench/results.json` shape and its Markdown rendering (`bench/results.md`). */
import type { GrowthFit } from './stats.js';
import type { HttpStageResult } from './http-stage.js';
import type { IngestResult } from './ingest.js';
import type { ChatLatency } from './latency.js';
import type { GrowthRow } from './growth.js';
import type { PeerResult } from './peers.js';
import type { ProfileSummary } from './profile.js';
import type { EmbeddingResult } from './embedding.js';
import type { DenseResult } from './dense.js';
import type { HnswStageResult } from './hnsw.js';
import type { ClusterResult } from './scale-stages.js';
import type { TranslationResult } from './translation.js';

export interface BenchResults {
  meta: {
    date: string;
    machine: string;
    cores: number;
    node: string;
    platform: string;
    memory_gb: number;
    mode: 'full' | 'quick';
    quick: boolean;
    retrieval: 'lexical';
    answerer: string;
    questions_source: string;
    questions: number;
    graded_questions: number;
    total_s: number;
    /** os.loadavg() at start and end: other work on the machine skews every number. */
    loadavg_start: number[];
    loadavg_end: number[];
  };
  chat: (Omit<ChatLatency, 'e2e'> & { p50_ms: number; p95_ms: number; p99_ms: number; mean_ms: number; mad_ms: number; n: number }) | null;
  throughput: HttpStageResult['throughput'] | null;
  server: { cold_start_ms: number; floor_cold_start_ms: number; rss_mb_warm: number; rss_mb_after_load: number; peak_rss_mb: number; floor_rss_mb: number } | null;
  /** Servers stopped by another process during the HTTP stage and restarted (the round was repeated). */
  server_restarts: Array<{ target: 'chat' | 'floor'; connections: number; round: number; code: number | null; signal: string | null }>;
  peers: Record<string, PeerResult> | null;
  ingest: Omit<IngestResult, 'indexDir' | 'config' | 'reingest_unchanged_ms'> | null;
  reingest_unchanged_ms: number | null;
  growth: GrowthRow[];
  growth_fit: Record<string, GrowthFit> | null;
  embedding: EmbeddingResult | null;
  embedding_reason?: string;
  profile: ProfileSummary | null;
  /** Dense path at real model size, hnswlib at scale, multi-process mode (bench/lib/scale-stages.ts). */
  dense?: DenseResult | null;
  hnsw?: HnswStageResult | null;
  cluster?: ClusterResult | null;
  /** What the lexical field of the translated text costs (`translation` stage). */
  translation?: TranslationResult | null;
  failures: string[];
}

const f = (v: number | null | undefined, digits = 2) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));
const pct = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)} %`);
const int = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-US'));

/**
 * Renders the results as Markdown tables.
 * @example
 * await writeFile('bench/results.md', toMarkdown(results));
 */
export function toMarkdown(r: BenchResults): string {
  const m = r.meta;
  const out: string[] = [];
  out.push(`# Benchmark results (${m.mode})`, '');
  out.push(
    `${m.date} · ${m.machine} · ${m.cores} cores · ${m.memory_gb} GB · Node ${m.node} · ${m.platform} · retrieval ${m.retrieval}, answerer ${m.answerer} · ${m.questions} questions (${m.graded_questions} with gold) from \`${m.questions_source}\` · run took ${f(m.total_s, 0)} s · load average ${m.loadavg_start.map((v) => f(v, 1)).join('/')} at start, ${m.loadavg_end.map((v) => f(v, 1)).join('/')} at end`,
    '',
  );
  if (m.loadavg_start[0] >= m.cores * 0.75)
    out.push(
      `> **Warning**: the machine was busy before this run started (1-minute load average ${f(m.loadavg_start[0], 1)} on ${m.cores} cores); absolute numbers are pessimistic and noisy, ratios measured side by side are more reliable. (The end value includes the bench's own load.)`,
      '',
    );

  out.push('## Headline', '', '| Measure | Value |', '|---|---|');
  if (r.chat) {
    out.push(`| \`/api/chat\` in-process, p50 / p95 / p99 | ${f(r.chat.p50_ms, 3)} / ${f(r.chat.p95_ms, 3)} / ${f(r.chat.p99_ms, 3)} ms (MAD ${f(r.chat.mad_ms, 3)}, n = ${r.chat.n}) |`);
  }
  if (r.throughput) {
    out.push(`| Throughput at 8 connections: chat / floor | ${int(r.throughput.chat_rps_8)} / ${int(r.throughput.floor_rps_8)} req/s (ratio ${f(r.throughput.ratio_to_floor_8, 3)}) |`);
  }
  if (r.server)
    out.push(
      `| Server cold start → first answer (floor app: node + tsx + Hono alone); RSS warm / after load | ${int(r.server.cold_start_ms)} ms (${int(r.server.floor_cold_start_ms)} ms); ${f(r.server.rss_mb_warm, 0)} / ${f(r.server.rss_mb_after_load, 0)} MiB |`,
    );
  if (r.ingest) out.push(`| Ingest of the real corpus (${r.ingest.paragraphs} paragraphs): full / unchanged | ${f(r.ingest.full_ms, 1)} / ${f(r.reingest_unchanged_ms, 1)} ms |`);
  out.push(
    `| Query embedding | ${r.embedding ? `${f(r.embedding.query_p50_ms, 2)} ms p50 (${r.embedding.model}); e2e / embedding = ${f(r.embedding.ratio_e2e_to_embedding, 3)}` : `not measured: ${r.embedding_reason ?? 'n/a'}`} |`,
  );
  out.push('');

  if (r.chat) {
    out.push('## `/api/chat` by stage (in-process, warm)', '', '| Stage | p50 ms | p95 ms | mean ms | share of mean |', '|---|---:|---:|---:|---:|');
    const names: Record<string, string> = {
      planning: 'planning (analysis + glossary expansion, cues, references)',
      lexical: 'lexical search (BM25)',
      dense: 'dense search',
      fusion: 'fusion (coverage, boosts, sort)',
      retrieve_other: 'retriever, outside its timings',
      decide: 'decide (abstention signals: answer types, names)',
      answer: 'answer composition (extractive)',
      validate: 'validate (citations against the retrieved units)',
      serialise: 'JSON serialisation',
      app_layer: 'app layer: body parsing, request validation, middleware, routing, response shaping, Response (+ GC spill-over)',
    };
    for (const [s, v] of Object.entries(r.chat.stages)) out.push(`| ${names[s] ?? s} | ${f(v.p50_ms, 4)} | ${f(v.p95_ms, 4)} | ${f(v.mean_ms, 4)} | ${pct(v.share_of_mean)} |`);
    out.push(`| **end to end** | **${f(r.chat.p50_ms, 3)}** | **${f(r.chat.p95_ms, 3)}** | **${f(r.chat.mean_ms, 3)}** | 100 % |`);
    out.push(
      '',
      `By language: ${Object.entries(r.chat.by_language)
        .map(([k, v]) => `${k} p50 ${f(v.p50_ms, 3)} ms (p99 ${f(v.p99_ms, 3)})`)
        .join(
          ' · ',
        )}. Per-question medians range ${f(r.chat.per_question_p50.min, 3)}–${f(r.chat.per_question_p50.max, 3)} ms (slowest: \`${r.chat.per_question_p50.slowest}\`). Typical response ${r.chat.response_bytes_p50} bytes. For scale, the same \`app.request\` loop costs p50 ${f(r.chat.app_stub.p50, 4)} ms against the real \`createApp\` with a stub chat service (the app layer alone) and ${f(r.chat.inprocess_floor.p50, 4)} ms against the floor app; the app-layer row is larger because the pipeline's allocations make the surrounding code pay for garbage collection and colder caches.`,
      '',
    );
  }

  if (r.throughput) {
    out.push(`## HTTP: \`/api/chat\` vs the floor (autocannon, ${r.throughput.rounds} × ${r.throughput.duration_s} s per level, median; floor body ${r.throughput.floor_body_bytes} bytes)`, '');
    out.push(
      '| Connections | chat req/s (min–max) | chat p50 ms | chat p99 ms | floor req/s | floor p50 ms | floor p99 ms | chat / floor | chat errors + non-2xx |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const [c, { chat, floor }] of Object.entries(r.throughput.levels)) {
      out.push(
        `| ${c} | ${int(chat.rps)} (${int(chat.rps_min)}–${int(chat.rps_max)}) | ${f(chat.p50_ms, 2)} | ${f(chat.p99_ms, 2)} | ${int(floor.rps)} | ${f(floor.p50_ms, 2)} | ${f(floor.p99_ms, 2)} | ${f(chat.rps / floor.rps, 3)} | ${chat.errors + chat.timeouts} + ${chat.non2xx} |`,
      );
    }
    if (r.throughput.cached_8) {
      const c = r.throughput.cached_8.chat;
      out.push(
        `| 8, answer cache on (reported apart) | ${int(c.rps)} (${int(c.rps_min)}–${int(c.rps_max)}) | ${f(c.p50_ms, 2)} | ${f(c.p99_ms, 2)} | ${int(r.throughput.floor_rps_8)} | – | – | ${f(r.throughput.cached_8.ratio_to_floor, 3)} | ${c.errors + c.timeouts} + ${c.non2xx} |`,
      );
    }
    if (r.server_restarts.length) {
      out.push(
        '',
        `> A server was stopped by another process during this stage and restarted, the round repeated: ${r.server_restarts.map((x) => `${x.target} at ${x.connections} connections, round ${x.round} (code ${x.code}, signal ${x.signal})`).join('; ')}.`,
      );
    }
    out.push('');
  }

  if (r.peers) {
    out.push(
      '## Peers on the same paragraphs and questions (in-process)',
      '',
      '| Engine | query p50 ms | p95 ms | Hit@1 | Hit@5 | MRR@10 | Hit@5 FR | Hit@5 EN | index build ms |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const [name, p] of Object.entries(r.peers))
      out.push(`| ${name} | ${f(p.p50_ms, 3)} | ${f(p.p95_ms, 3)} | ${pct(p.hit1)} | ${pct(p.hit5)} | ${f(p.mrr10, 3)} | ${pct(p.hit5_fr)} | ${pct(p.hit5_en)} | ${f(p.build_ms, 1)} |`);
    const any = Object.values(r.peers)[0];
    out.push('', `${any?.graded ?? 0} graded questions (not abstaining, with gold). Configurations:`, '');
    for (const [name, p] of Object.entries(r.peers)) out.push(`- **${name}**: ${p.config}`);
    out.push('');
  }

  if (r.growth.length) {
    out.push(
      '## Growth (synthetic corpora: real sentences recombined, real documents kept)',
      '',
      '| Paragraphs | Documents | Ingest s | Index MiB | Server RSS MiB | Cold start ms | Load in-process ms | Query p50 ms | Query p95 ms | planning / lexical / fusion p50 ms | Hit@1 | Hit@5 |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|',
    );
    for (const g of r.growth) {
      out.push(
        `| ${int(g.paragraphs)} | ${int(g.documents)} | ${f(g.ingest_s, 2)} | ${f(g.index_mb, 1)} | ${f(g.rss_mb, 0)} | ${int(g.cold_start_ms)} | ${int(g.load_ms)} | ${f(g.query_p50_ms, 3)} | ${f(g.query_p95_ms, 3)} | ${f(g.stage_p50_ms.planning, 3)} / ${f(g.stage_p50_ms.lexical, 3)} / ${f(g.stage_p50_ms.fusion, 3)} | ${pct(g.hit1)} | ${pct(g.hit5)} |`,
      );
    }
    out.push(
      '',
      'Synthetic paragraphs reuse the real sentences verbatim (including the sentences of gold paragraphs) and keep the real vocabulary (about 1,100 terms), so posting lists grow in proportion to the corpus: a worst case for an inverted index, and Hit@k here measures how the real paragraph survives among near-duplicates, a lower bound rather than a quality figure. Cold start and RSS are the real server (child process); load, query and stage times are in-process.',
    );
    if (r.growth_fit && Object.values(r.growth_fit).some((v) => v.growth !== 'n/a')) {
      out.push('', '| Measure | Growth | log–log exponent (all sizes / last step) | R² linear / log | slope per 1,000 paragraphs |', '|---|---|---:|---|---:|');
      for (const [k, v] of Object.entries(r.growth_fit))
        out.push(
          `| ${k} | ${v.growth}${v.exponentLast > 1.2 ? ', accelerating' : ''} | ${f(v.exponent, 2)} / ${f(v.exponentLast, 2)} | ${f(v.r2Linear, 3)} / ${f(v.r2Log, 3)} | ${f(v.perThousand, 4)} |`,
        );
    } else out.push('', 'Growth fit needs three sizes (full mode).');
    out.push('');
  }

  if (r.ingest) {
    out.push('## Ingest of the real corpus (in-process, `EMBEDDINGS_PROVIDER=none`)', '');
    out.push(
      `${r.ingest.documents} documents, ${r.ingest.paragraphs} paragraphs, index ${f(r.ingest.index_mb, 3)} MiB. First full build ${f(r.ingest.full_first_ms, 1)} ms (cold modules); forced rebuilds median ${f(r.ingest.full_ms, 1)} ms (runs: ${r.ingest.full_runs.map((v) => f(v, 1)).join(', ')}); re-ingest with nothing changed median ${f(r.reingest_unchanged_ms, 1)} ms (runs: ${r.ingest.reingest_runs.map((v) => f(v, 1)).join(', ')}).`,
      '',
    );
  }

  if (r.profile) {
    out.push(`## CPU profile of in-process \`/api/chat\` (self time, ${f(r.profile.sampled_ms, 0)} ms sampled, GC ${pct(r.profile.gc_share)})`, '', '| Function | Self |', '|---|---:|');
    for (const t of r.profile.top_functions) out.push(`| \`${t.name}\` | ${pct(t.self_share)} |`);
    out.push('', '| File | Self |', '|---|---:|');
    for (const t of r.profile.top_files) out.push(`| \`${t.file}\` | ${pct(t.self_share)} |`);
    out.push('');
  }

  out.push(r.failures.length ? `## Failures\n\n${r.failures.map((x) => `- ${x}`).join('\n')}\n` : 'No failures.\n');
  return out.join('\n');
}
