/** The embeddings the Node server answers questions with: worker pool, onnxruntime threads and query cache per the config. */
import type { Config } from '../server/config.js';
import { CachedQueryEmbeddings } from '../server/embeddings/cached-embeddings.js';
import { createEmbeddings, transformersOptions, type IdentifiedEmbeddings } from '../server/embeddings/create-embeddings.js';
import { EmbeddingWorkerPool } from './embedding-pool.js';
import { autoOnnxThreads, setOnnxThreads } from './onnx-threads.js';

/** Embeddings for serving, and how to release them. */
export interface ServingEmbeddings {
  embeddings: IdentifiedEmbeddings | null;
  /** The worker pool, when transformers.js runs in workers. */
  pool: EmbeddingWorkerPool | null;
  close(): Promise<void>;
}

/**
 * transformers.js in `EMBEDDINGS_WORKERS` worker threads (or on the event loop for 0) with
 * `EMBEDDINGS_THREADS` onnxruntime threads each; other providers as configured; all behind an LRU of
 * `EMBEDDINGS_QUERY_CACHE_SIZE` query vectors. `inner` replaces the provider (tests, bench).
 * @example
 * const { embeddings, close } = await createServingEmbeddings(loadConfig(process.env).embeddings);
 */
export async function createServingEmbeddings(config: Config['embeddings'], inner?: IdentifiedEmbeddings | null): Promise<ServingEmbeddings> {
  let pool: EmbeddingWorkerPool | null = null;
  let base: IdentifiedEmbeddings | null;
  if (inner !== undefined) base = inner;
  else if (config.provider === 'transformers' && config.workers > 0) {
    pool = new EmbeddingWorkerPool({ embeddings: transformersOptions(config), workers: config.workers, threads: config.threads || autoOnnxThreads(config.workers) });
    base = pool;
  } else {
    if (config.provider === 'transformers') await setOnnxThreads(config.threads || autoOnnxThreads(1));
    base = createEmbeddings(config);
  }
  const embeddings = base && config.queryCacheSize > 0 ? new CachedQueryEmbeddings(base, config.queryCacheSize) : base;
  return { embeddings, pool, close: async () => pool?.close() };
}
