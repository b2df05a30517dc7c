/** `GET /healthz`: readiness, retrieval mode, embedding model, corpus size. */
import { Hono } from 'hono';
import type { RetrievalMode } from '../types.js';

export interface HealthInfo {
  status: 'ok';
  retrieval: { mode: RetrievalMode; note?: string };
  embedding: { provider: string; model: string | null; dimension: number | null; status: 'ready' | 'disabled' | 'unavailable'; error?: string };
  answerer: string;
  corpus: { documents: number; paragraphs: number; corpusHash: string; indexedAt: string };
}

/**
 * The health feature as a Hono sub-app (mount at `/healthz`).
 * @example
 * app.route('/healthz', createHealthApp(() => info));
 */
export function createHealthApp(info: () => HealthInfo): Hono {
  const app = new Hono();
  app.get('/', (c) => c.json(info()));
  return app;
}
