/**
 * Optional Cloudflare bindings behind the app's existing interfaces: Workers AI (`AI`) as LangChain `Embeddings` for
 * query vectors, Vectorize (`VECTORIZE`) as a LangChain vector store, R2 (`INDEX_BUCKET`) as the source of the index.
 * Only the methods the app calls are typed, structurally, so no Workers type package is needed. Web-standard.
 */
import { Embeddings } from '@langchain/core/embeddings';
import { Document, type DocumentInterface } from '@langchain/core/documents';
import type { VectorStoreInterface } from '@langchain/core/vectorstores';
import { AppError } from './errors.js';

/** The Workers AI binding (`[ai] binding = "AI"`). */
export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

/** The Vectorize binding (`[[vectorize]] binding = "VECTORIZE"`). */
export interface VectorizeBinding {
  query(vector: number[], options: { topK: number; namespace?: string; returnMetadata?: 'none' | 'indexed' | 'all' }): Promise<{ matches: Array<{ id: string; score: number }> }>;
}

/** The R2 binding holding index versions (`[[r2_buckets]] binding = "INDEX_BUCKET"`). */
export interface R2BucketBinding {
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer>; text(): Promise<string> } | null>;
}

/** Vectorize returns at most 100 matches without metadata; paragraph ids are `<documentId>#<label>`. */
export const VECTORIZE_MAX_TOP_K = 100;

/**
 * The Vectorize id of a paragraph (at most 64 bytes, a Vectorize limit).
 * @example
 * vectorizeId('osce-bucharest-plan-2001', '24'); // 'osce-bucharest-plan-2001#24'
 */
export function vectorizeId(documentId: string, label: string): string {
  const id = `${documentId}#${label}`;
  if (new TextEncoder().encode(id).length > 64) throw new AppError('ingest_failed', `Vectorize ids are limited to 64 bytes: "${id}" is longer; shorten the document id.`);
  return id;
}

/**
 * The Workers AI model an index's vectors were built with, when ingest used Workers AI's OpenAI-compatible
 * endpoint (`EMBEDDINGS_PROVIDER=openai`, `EMBEDDINGS_MODEL=@cf/…`); otherwise null (the binding cannot reproduce them).
 * @example
 * workersAiModelOf('openai:@cf/baai/bge-m3@https://api.cloudflare.com/client/v4/accounts/abc/ai/v1'); // '@cf/baai/bge-m3'
 */
export function workersAiModelOf(modelId: string): string | null {
  const m = /^openai:(@cf\/[^@\s]+)@https?:\/\//.exec(modelId);
  return m ? m[1] : null;
}

/**
 * Query embeddings from the Workers AI binding (`AI.run(model, { text })` → `{ data: number[][] }`).
 * @example
 * const embeddings = new WorkersAiEmbeddings(env.AI, '@cf/baai/bge-m3', '');
 * const vector = await embeddings.embedQuery('financement du terrorisme');
 */
export class WorkersAiEmbeddings extends Embeddings {
  constructor(
    private readonly ai: AiBinding,
    readonly model: string,
    private readonly queryPrefix: string,
    private readonly passagePrefix = '',
  ) {
    super({});
  }

  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.run([this.queryPrefix + text]);
    return v;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return this.run(texts.map((t) => this.passagePrefix + t));
  }

  private async run(text: string[]): Promise<number[][]> {
    const out = (await this.ai.run(this.model, { text })) as { data?: unknown };
    if (!Array.isArray(out?.data) || out.data.length !== text.length) throw new AppError('embeddings_unavailable', `Workers AI ${this.model} returned no embeddings for ${text.length} text(s).`);
    return out.data as number[][];
  }
}

/**
 * Vectorize as the retriever's vector store: one namespace per index version (its corpus hash), so the vectors always
 * match the paragraphs the Worker loaded. Returns documents with `documentId` and `label` metadata, like HnswVectorStore.
 * @example
 * const store = vectorizeStore(env.VECTORIZE, manifest.corpusHash);
 * await store.similaritySearchVectorWithScore(vector, 30);
 */
export function vectorizeStore(index: VectorizeBinding, namespace: string): VectorStoreInterface {
  const search = async (vector: number[], k: number): Promise<[DocumentInterface, number][]> => {
    const { matches } = await index.query(vector, { topK: Math.min(k, VECTORIZE_MAX_TOP_K), namespace, returnMetadata: 'none' });
    return matches.map((m): [DocumentInterface, number] => {
      const cut = m.id.lastIndexOf('#');
      return [new Document({ pageContent: '', metadata: { documentId: m.id.slice(0, cut), label: m.id.slice(cut + 1) } }), m.score];
    });
  };
  return { similaritySearchVectorWithScore: search } as unknown as VectorStoreInterface;
}
