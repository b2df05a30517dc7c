/** Embeds paragraphs (with a per-model cache beside the index) and saves the hnswlib store into a build directory. */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document } from '@langchain/core/documents';
import type { Config } from '../server/config.js';
import type { IdentifiedEmbeddings } from '../server/embeddings/create-embeddings.js';
import { AppError } from '../server/errors.js';
import type { IndexManifest } from '../server/index-format.js';
import type { Paragraph } from '../server/types.js';
import { HnswVectorStore, hnswOptions } from '../node/hnsw-vector-store.js';

interface EmbeddingCache {
  modelId: string;
  vectors: Record<string, number[]>;
}

export interface EmbedResult {
  embedding: IndexManifest['embedding'];
  embeddingError?: string;
  embedded: number;
  fromCache: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Parsed JSON of a file, or null when it is missing or unreadable. */
export async function readJsonIfExists<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/**
 * Embeds every paragraph (missing ones only; the rest from the cache) and writes the vector store into `buildDir`.
 * An unusable model leaves the index lexical and says why (`embeddingError`); it is remembered for transformers.js.
 * @example
 * const r = await embedParagraphs({ config, embeddings, paragraphs, buildDir, dataDir, failureFile, hadFailure: false, configured: true, progress });
 */
export async function embedParagraphs(o: {
  config: Config;
  embeddings: IdentifiedEmbeddings;
  paragraphs: Paragraph[];
  buildDir: string;
  dataDir: string;
  failureFile: string;
  hadFailure: boolean;
  /** True when the embeddings come from the configuration (not a test override). */
  configured: boolean;
  progress: (done: number, total: number) => void;
  log: (line: string) => void;
}): Promise<EmbedResult> {
  const { config, embeddings, paragraphs } = o;
  const cacheFile = path.join(o.dataDir, 'embedding-cache', `${sha256(embeddings.modelId).slice(0, 16)}.json`);
  const cache: EmbeddingCache = (await readJsonIfExists<EmbeddingCache>(cacheFile)) ?? { modelId: embeddings.modelId, vectors: {} };
  const keys = paragraphs.map((p) => sha256(`${embeddings.modelId}\u0000${config.embeddings.passagePrefix}\u0000${p.text}`));
  const missing = keys.map((k, i) => (cache.vectors[k] ? -1 : i)).filter((i) => i >= 0);
  const fromCache = paragraphs.length - missing.length;
  let embedded = 0;
  try {
    const batch = Math.max(1, config.embeddings.batchSize);
    for (let s = 0; s < missing.length; s += batch) {
      const idx = missing.slice(s, s + batch);
      const vectors = await embeddings.embedDocuments(idx.map((i) => paragraphs[i].text));
      idx.forEach((i, j) => (cache.vectors[keys[i]] = vectors[j]));
      embedded += idx.length;
      o.progress(Math.min(s + batch, missing.length), missing.length);
    }
    const vectors = keys.map((k) => cache.vectors[k]);
    const store = new HnswVectorStore(embeddings, { dimension: vectors[0]?.length, ...hnswOptions(config) });
    await store.addVectors(
      vectors,
      paragraphs.map((p) => new Document({ pageContent: '', metadata: { documentId: p.documentId, label: p.label } })),
    );
    await store.save(o.buildDir);
    await mkdir(path.dirname(cacheFile), { recursive: true });
    const live = new Set(keys);
    for (const k of Object.keys(cache.vectors)) if (!live.has(k)) delete cache.vectors[k];
    await writeFile(cacheFile, JSON.stringify(cache));
    if (o.hadFailure) await rm(o.failureFile, { force: true });
    return { embedding: { provider: config.embeddings.provider, modelId: embeddings.modelId, dimension: vectors[0]?.length ?? 0, space: 'cosine' }, embedded, fromCache };
  } catch (err) {
    if (err instanceof AppError && err.code !== 'embeddings_unavailable') throw err;
    const embeddingError = `${embeddings.modelId} could not be used: ${(err as Error).message}`;
    o.log(`LEXICAL MODE: ${embeddingError}`);
    if (config.embeddings.provider === 'transformers' && o.configured) {
      await mkdir(o.dataDir, { recursive: true });
      await writeFile(o.failureFile, JSON.stringify({ modelId: embeddings.modelId, error: (err as Error).message.slice(0, 500), at: new Date().toISOString() }, null, 2));
    }
    return { embedding: null, embeddingError, embedded, fromCache };
  }
}
