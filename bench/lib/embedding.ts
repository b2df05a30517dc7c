/** Query-embedding time, when an embedding model is configured (never estimated otherwise). */
import type { Config } from '../../server/config.js';
import { createEmbeddings, embeddingModelId } from '../../server/embeddings/create-embeddings.js';
import type { BenchQuestion } from './questions.js';
import { round, summarize } from './stats.js';

export interface EmbeddingResult {
  model: string;
  query_p50_ms: number;
  query_p95_ms: number;
  n: number;
  /** End-to-end `/api/chat` p50 (lexical mode) divided by the query-embedding p50. */
  ratio_e2e_to_embedding: number;
}

/**
 * Why no embedding numbers can be taken, or null when a model is configured
 * (EMBEDDINGS_PROVIDER=openai with EMBEDDINGS_BASE_URL, or EMBEDDINGS_MODEL_DIR for transformers.js).
 * @example
 * embeddingSkipReason(loadConfig({ EMBEDDINGS_PROVIDER: 'none' })) // 'EMBEDDINGS_PROVIDER=none'
 */
export function embeddingSkipReason(config: Config): string | null {
  const e = config.embeddings;
  if (e.provider === 'none') return 'EMBEDDINGS_PROVIDER=none: no embedding model configured.';
  if (e.provider === 'openai') return e.baseUrl ? null : 'EMBEDDINGS_PROVIDER=openai without EMBEDDINGS_BASE_URL.';
  if (!e.modelDir) return 'No embedding model configured: neither EMBEDDINGS_PROVIDER=openai + EMBEDDINGS_BASE_URL nor EMBEDDINGS_MODEL_DIR is set (a fresh clone serves in lexical mode).';
  return null;
}

/**
 * Times `embedQuery` alone on every question (one untimed pass to load the model, then `reps` passes).
 * @example
 * const r = await measureEmbedding(config, questions, { reps: 3, chatP50: 1.2 });
 */
export async function measureEmbedding(config: Config, questions: BenchQuestion[], o: { reps: number; chatP50: number }): Promise<EmbeddingResult> {
  const embeddings = createEmbeddings(config.embeddings);
  if (!embeddings) throw new Error('no embeddings provider');
  for (const q of questions) await embeddings.embedQuery(q.question);
  const times: number[] = [];
  for (let r = 0; r < o.reps; r++) {
    for (const q of questions) {
      const t = performance.now();
      await embeddings.embedQuery(q.question);
      times.push(performance.now() - t);
    }
  }
  const s = summarize(times);
  return { model: embeddingModelId(config.embeddings) ?? embeddings.modelId, query_p50_ms: s.p50, query_p95_ms: s.p95, n: s.n, ratio_e2e_to_embedding: round(o.chatP50 / s.p50, 4) };
}
