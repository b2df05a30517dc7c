/** Deterministic embeddings (bag of hashed words) standing in for a model, to exercise the vector path and the cache. */
import { Embeddings } from '@langchain/core/embeddings';

/**
 * @example
 * const emb = new HashEmbeddings(); await buildIndex({ config, embeddings: emb });
 */
export class HashEmbeddings extends Embeddings {
  readonly modelId: string;
  calls = 0;
  constructor(modelId = 'test:hash-16') {
    super({});
    this.modelId = modelId;
  }
  private vec(text: string): number[] {
    const v = new Array(16).fill(0);
    for (const w of text.toLowerCase().split(/\W+/).filter(Boolean)) v[[...w].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 16, 7)] += 1;
    const n = Math.hypot(...v) || 1;
    return v.map((x) => x / n);
  }
  async embedDocuments(texts: string[]) {
    this.calls += texts.length;
    return texts.map((t) => this.vec(t));
  }
  async embedQuery(text: string) {
    return this.vec(text);
  }
}
