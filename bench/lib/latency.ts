/**
 * Per-question latency of `POST /api/chat` in-process (`app.request`), end to end and by stage, timed
 * from the outside: the retriever's own `timings` (plan, lexical, dense, fusion), a timing wrapper around
 * the answerer (passed through `createNodeRuntime`'s `answerer` option) and a re-serialisation of the
 * response body for the JSON cost. Server code is not modified.
 */
import type { Answerer, AnswerInput, AnswerResult } from '../../server/answer/answerer.js';
import { ExtractiveAnswerer } from '../../server/answer/extractive-answerer.js';
import type { RetrieveInput, RetrievalResult } from '../../server/retrieval/hybrid-retriever.js';
import type { NodeRuntime } from '../../node/runtime.js';
import { createApp } from '../../server/app.js';
import type { ChatService } from '../../server/chat/chat-service-types.js';
import type { Config } from '../../server/config.js';
import type { ChatResponse } from '../../server/types.js';
import { createFloorApp, floorBody } from './floor-server.js';
import { chatBody, type BenchQuestion } from './questions.js';
import { mulberry32 } from '../../evals/lib/metrics.js';
import { median, round, summarize, type Summary } from './stats.js';

/**
 * The in-process `POST /api/chat` request for a JSON body, with the `Content-Length` an HTTP client sends (without it
 * the app's body limit has to count the body as a stream, a path real clients of small JSON bodies do not take).
 * @example
 * await app.request('/api/chat', chatInit('{"question":"Que dit le paragraphe 5 ?"}'));
 */
export function chatInit(body: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body };
}

/** Wraps an answerer and records how long each `answer()` took. */
export class TimingAnswerer implements Answerer {
  readonly name: string;
  last = Number.NaN;
  constructor(private readonly inner: Answerer = new ExtractiveAnswerer()) {
    this.name = inner.name;
  }
  async answer(input: AnswerInput, signal?: AbortSignal): Promise<AnswerResult> {
    const t = performance.now();
    const r = await this.inner.answer(input, signal);
    this.last = performance.now() - t;
    return r;
  }
  stream(input: AnswerInput, signal?: AbortSignal): AsyncGenerator<string, AnswerResult, void> {
    return this.inner.stream(input, signal);
  }
}

/** Replaces `retriever.retrieve` on the instance by a wrapper keeping the last result's timings. */
export function instrumentRetriever(runtime: NodeRuntime): { last: () => (Record<string, number> & { total: number }) | null; restore: () => void } {
  const retriever = runtime.retriever;
  const original = retriever.retrieve.bind(retriever);
  let last: (Record<string, number> & { total: number }) | null = null;
  retriever.retrieve = async (input: RetrieveInput, k?: number): Promise<RetrievalResult> => {
    const t = performance.now();
    const r = await original(input, k);
    last = { ...r.timings, total: performance.now() - t };
    return r;
  };
  return {
    last: () => last,
    restore: () => {
      delete (retriever as { retrieve?: unknown }).retrieve;
    },
  };
}

/**
 * Replaces the pipeline's `decide` and `validate` on the instance (`pipeline.answer` calls them as methods) by
 * wrappers keeping how long the last call of each took: the two stages of `answer` around the answerer.
 */
export function instrumentPipeline(runtime: NodeRuntime): { last: () => { decide: number; validate: number }; restore: () => void } {
  const pipeline = runtime.retriever.pipeline;
  const last = { decide: 0, validate: 0 };
  const wrap = <A extends unknown[], R>(name: 'decide' | 'validate', fn: (...args: A) => R) => {
    const bound = fn.bind(pipeline);
    return (...args: A): R => {
      const t = performance.now();
      const r = bound(...args);
      last[name] = performance.now() - t;
      return r;
    };
  };
  pipeline.decide = wrap('decide', pipeline.decide);
  pipeline.validate = wrap('validate', pipeline.validate);
  return {
    last: () => ({ ...last }),
    restore: () => {
      delete (pipeline as { decide?: unknown }).decide;
      delete (pipeline as { validate?: unknown }).validate;
    },
  };
}

export const STAGES = ['planning', 'lexical', 'dense', 'fusion', 'retrieve_other', 'decide', 'answer', 'validate', 'serialise', 'app_layer'] as const;
export type Stage = (typeof STAGES)[number];

export interface ChatLatency {
  requests: number;
  errors: number;
  reps: number;
  e2e: Summary;
  /** Spread of the per-question medians (the slowest and fastest question). */
  per_question_p50: { min: number; max: number; slowest: string };
  stages: Record<Stage, { p50_ms: number; p95_ms: number; mean_ms: number; share_of_mean: number }>;
  by_language: Record<string, { n: number; p50_ms: number; p99_ms: number }>;
  by_type: Record<string, { n: number; p50_ms: number }>;
  response_bytes_p50: number;
  /** The same `app.request` loop against the floor app (static body of the typical size): harness + Hono floor. */
  inprocess_floor: Summary;
  /** The same loop against the real `createApp` with a stub chat service returning a typical answer: the app layer alone. */
  app_stub: Summary;
}

/**
 * Asks every question `reps` times (after `warmup` passes), in a seeded shuffled order per pass.
 * @example
 * const answerer = new TimingAnswerer();
 * const runtime = await createNodeRuntime(config, { answerer });
 * const lat = await measureChat(runtime, answerer, questions, { reps: 10, warmup: 2 });
 */
export async function measureChat(
  runtime: NodeRuntime,
  answerer: TimingAnswerer,
  questions: BenchQuestion[],
  options: { reps: number; warmup: number; seed?: number; config: Config },
): Promise<ChatLatency> {
  const probe = instrumentRetriever(runtime);
  const stagesProbe = instrumentPipeline(runtime);
  const bodies = questions.map(chatBody);
  const rand = mulberry32(options.seed ?? 7);
  const e2e: number[] = [];
  const perQuestion = questions.map(() => [] as number[]);
  const stageSamples: Record<Stage, number[]> = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
  const bytes: number[] = [];
  let errors = 0;
  let requests = 0;

  const once = async (i: number, record: boolean) => {
    const t0 = performance.now();
    const res = await runtime.app.request('/api/chat', chatInit(bodies[i]));
    const text = await res.text();
    const total = performance.now() - t0;
    requests++;
    if (!res.ok) {
      errors++;
      return;
    }
    if (!record) return;
    const parsed = JSON.parse(text) as unknown;
    const ts = performance.now();
    JSON.stringify(parsed);
    const serialise = performance.now() - ts;
    const r = probe.last();
    if (!r) throw new Error('retriever was not called');
    const planning = r.plan ?? 0;
    const lexical = r.lexical ?? 0;
    const dense = r.dense ?? 0;
    const fusion = r.fusion ?? 0;
    const answer = answerer.last;
    const { decide, validate } = stagesProbe.last();
    e2e.push(total);
    perQuestion[i].push(total);
    bytes.push(Buffer.byteLength(text));
    const sample: Record<Stage, number> = {
      planning,
      lexical,
      dense,
      fusion,
      retrieve_other: Math.max(0, r.total - planning - lexical - dense - fusion),
      decide,
      answer,
      validate,
      serialise,
      app_layer: Math.max(0, total - r.total - decide - answer - validate - serialise),
    };
    for (const s of STAGES) stageSamples[s].push(sample[s]);
  };

  for (let w = 0; w < options.warmup; w++) for (let i = 0; i < questions.length; i++) await once(i, false);
  for (let rep = 0; rep < options.reps; rep++) {
    const order = questions.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) await once(i, true);
  }

  probe.restore();
  stagesProbe.restore();
  const meanTotal = e2e.reduce((s, v) => s + v, 0) / Math.max(1, e2e.length);
  const stages = Object.fromEntries(
    STAGES.map((s) => {
      const v = stageSamples[s];
      const mean = v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
      const sum = summarize(v, 4);
      return [s, { p50_ms: sum.p50, p95_ms: sum.p95, mean_ms: round(mean, 4), share_of_mean: round(mean / meanTotal, 3) }];
    }),
  ) as ChatLatency['stages'];
  const medians = perQuestion.map((v) => median(v));
  const slowest = medians.indexOf(Math.max(...medians));
  const group = (key: (q: BenchQuestion) => string) => {
    const groups = new Map<string, number[]>();
    questions.forEach((q, i) => groups.set(key(q), [...(groups.get(key(q)) ?? []), ...perQuestion[i]]));
    return groups;
  };
  const byLanguage = Object.fromEntries([...group((q) => q.language)].map(([k, v]) => [k, { n: v.length, p50_ms: summarize(v).p50, p99_ms: summarize(v).p99 }]));
  const byType = Object.fromEntries([...group((q) => q.type)].map(([k, v]) => [k, { n: v.length, p50_ms: summarize(v).p50 }]));
  const typical = Math.round(median(bytes));
  const loop = async (app: { request: NodeRuntime['app']['request'] }) => {
    const times: number[] = [];
    for (let rep = 0; rep < options.warmup + options.reps; rep++) {
      for (const body of bodies) {
        const t0 = performance.now();
        await (await app.request('/api/chat', chatInit(body))).text();
        if (rep >= options.warmup) times.push(performance.now() - t0);
      }
    }
    return times;
  };
  const floorTimes = await loop(createFloorApp(floorBody(typical)));
  const fixed = (await runtime.chat.ask({ question: questions[0].question, history: questions[0].history ?? [] })) as ChatResponse;
  const stub: ChatService = {
    ask: async () => fixed,
    askStream: async function* () {
      yield { type: 'done', response: fixed };
    },
  };
  const stubTimes = await loop(createApp({ config: options.config, store: runtime.store, chat: stub, health: runtime.health }));
  return {
    requests,
    errors,
    reps: options.reps,
    e2e: summarize(e2e),
    per_question_p50: { min: round(Math.min(...medians), 3), max: round(Math.max(...medians), 3), slowest: questions[slowest]?.id ?? '' },
    stages,
    by_language: byLanguage,
    by_type: byType,
    response_bytes_p50: typical,
    inprocess_floor: summarize(floorTimes, 4),
    app_stub: summarize(stubTimes, 4),
  };
}
