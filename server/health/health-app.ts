/** `GET /healthz` (liveness, what is running) and `GET /healthz/ready` (readiness: can it answer). Web-standard. */
import { Hono } from 'hono';
import type { Guards } from '../assemble.js';
import type { RetrievalMode } from '../types.js';

export interface HealthInfo {
  status: 'ok';
  retrieval: { mode: RetrievalMode; note?: string };
  embedding: { provider: string; model: string | null; dimension: number | null; status: 'ready' | 'disabled' | 'unavailable'; error?: string };
  answerer: string;
  corpus: { documents: number; paragraphs: number; corpusHash: string; indexedAt: string };
}

/**
 * Whether the index is loaded and verified. The index loader provides it (a corrupt index → `ready: false` with
 * a reason); `reason` is published, so it must not hold secrets (URLs and absolute paths are masked anyway).
 */
export interface IndexReadiness {
  ready: boolean;
  reason?: string;
}

export interface HealthDeps {
  info: () => HealthInfo;
  readiness?: () => IndexReadiness;
  guards?: Guards;
}

/**
 * Masks URLs and absolute paths in text published by health endpoints.
 * @example
 * scrub('fetch failed: http://10.0.0.5:11434/v1/embeddings'); // 'fetch failed: [url]'
 */
export function scrub(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]+/gi, '[url]').replace(/(^|[\s("'=])(?:\/[^\s/"'<>)]+){2,}\/?/g, '$1[path]');
}

function liveness(info: HealthInfo): HealthInfo {
  const { error, ...embedding } = info.embedding;
  return { ...info, ...(info.retrieval.note ? { retrieval: { ...info.retrieval, note: scrub(info.retrieval.note) } } : {}), embedding: { ...embedding, ...(error ? { error: scrub(error) } : {}) } };
}

/**
 * The readiness report: 200 when the index is loaded and verified, else 503. The LLM and embeddings are reported by
 * state only (`disabled`, `unknown` before the first call, `ok`, `failing` with an error code), never URLs or keys;
 * a failing LLM does not make the service not-ready, since answers fall back to the extractive answerer.
 */
export function readinessReport(deps: HealthDeps) {
  let index: IndexReadiness;
  let info: HealthInfo | undefined;
  try {
    index = deps.readiness?.() ?? { ready: true };
    info = deps.info();
  } catch {
    index = { ready: false, reason: 'The index could not be inspected.' };
  }
  const llm = deps.guards?.llm ? deps.guards.llm.status.snapshot() : { status: 'disabled' as const };
  const embeddingsStatus = deps.guards?.embeddings ? deps.guards.embeddings.status.snapshot() : { status: info?.embedding.status === 'ready' ? ('ok' as const) : ('disabled' as const) };
  return {
    status: index.ready ? ('ready' as const) : ('not_ready' as const),
    index: { status: index.ready ? ('ready' as const) : ('not_ready' as const), ...(index.reason ? { reason: scrub(index.reason) } : {}) },
    llm: { ...llm, ...(deps.guards?.llm ? { inFlight: deps.guards.llm.limiter.inFlight, maxConcurrency: deps.guards.llm.limiter.max } : {}) },
    embeddings: { ...embeddingsStatus, ...(deps.guards?.embeddings ? { inFlight: deps.guards.embeddings.limiter.inFlight, maxConcurrency: deps.guards.embeddings.limiter.max } : {}) },
  };
}

/**
 * The health feature as a Hono sub-app (mount at `/healthz`).
 * @example
 * app.route('/healthz', createHealthApp({ info: () => info, readiness: () => ({ ready: true }) }));
 */
export function createHealthApp(deps: HealthDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(liveness(deps.info()));
  });
  app.get('/ready', (c) => {
    const report = readinessReport(deps);
    c.header('Cache-Control', 'no-store');
    return c.json(report, report.status === 'ready' ? 200 : 503);
  });
  return app;
}
