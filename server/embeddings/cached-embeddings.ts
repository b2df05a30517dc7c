/** An LRU cache of query embeddings in front of any LangChain `Embeddings`. Web-standard. */
import { Embeddings } from '@langchain/core/embeddings';
import type { IdentifiedEmbeddings } from './create-embeddings.js';

/**
 * The cache key of a query: the model id and the query in Unicode NFC with spaces collapsed and trimmed
 * (case is kept: cased models embed « Loi » and « loi » differently).
 * @example
 * queryCacheKey('transformers:Xenova/multilingual-e5-small', '  Qu’est-ce   que la loi ? ') // 'transformers:…\u0000Qu’est-ce que la loi ?'
 */
export function queryCacheKey(modelId: string, query: string): string {
  return `${modelId}\u0000${query.normalize('NFC').replace(/\s+/g, ' ').trim()}`;
}

/**
 * Remembers the vectors of the last `size` distinct queries (a repeated or reformatted question skips
 * inference); concurrent calls for the same query share one computation; failures are not cached.
 * Documents pass through uncached.
 * @example
 * const embeddings = new CachedQueryEmbeddings(new TransformersEmbeddings(options), 1000);
 * await embeddings.embedQuery('Qu’est-ce que la loi ?'); // computed
 * await embeddings.embedQuery('Qu’est-ce que  la loi ?'); // from the cache
 */
export class CachedQueryEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly modelId: string;
  private readonly entries = new Map<string, Promise<number[]>>();
  private hitCount = 0;
  private missCount = 0;

  constructor(
    private readonly inner: IdentifiedEmbeddings,
    private readonly size: number,
  ) {
    super({});
    this.modelId = inner.modelId;
  }

  /** Hits and misses since creation. */
  get stats(): { hits: number; misses: number; size: number } {
    return { hits: this.hitCount, misses: this.missCount, size: this.entries.size };
  }

  embedQuery(query: string): Promise<number[]> {
    const key = queryCacheKey(this.modelId, query);
    const hit = this.entries.get(key);
    if (hit) {
      this.hitCount++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.then((v) => [...v]);
    }
    this.missCount++;
    const computed = this.inner.embedQuery(query);
    this.entries.set(key, computed);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    computed.catch(() => {
      if (this.entries.get(key) === computed) this.entries.delete(key);
    });
    return computed.then((v) => [...v]);
  }

  embedDocuments(documents: string[]): Promise<number[][]> {
    return this.inner.embedDocuments(documents);
  }
}
