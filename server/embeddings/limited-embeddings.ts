/** Query embeddings with bounded concurrency and an outcome record for readiness. Web-standard. */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { UpstreamStatus } from '../answer/upstream-status.js';
import { AppError } from '../errors.js';
import type { ConcurrencyLimiter } from '../security/concurrency.js';

/**
 * Wraps the embeddings the retriever uses for questions: a full pool throws `busy` (the retriever then answers that
 * question lexically; the chat routes answer 503 before any work when the pool is already full), and each outcome
 * is recorded in `status` (code only, never the upstream's text).
 * @example
 * const embeddings = new LimitedEmbeddings(inner, new ConcurrencyLimiter(8), new UpstreamStatus());
 */
export class LimitedEmbeddings implements EmbeddingsInterface {
  constructor(
    private readonly inner: EmbeddingsInterface,
    private readonly limiter: ConcurrencyLimiter,
    private readonly status: UpstreamStatus,
  ) {}

  embedDocuments(documents: string[]): Promise<number[][]> {
    return this.#run(() => this.inner.embedDocuments(documents));
  }

  embedQuery(document: string): Promise<number[]> {
    return this.#run(() => this.inner.embedQuery(document));
  }

  async #run<T>(call: () => Promise<T>): Promise<T> {
    const release = this.limiter.acquire('embedding');
    try {
      const out = await call();
      this.status.succeeded();
      return out;
    } catch (err) {
      this.status.failed(err instanceof AppError ? err.code : 'embeddings_failed');
      throw err;
    } finally {
      release();
    }
  }
}
