/** Layout and manifest of the index directory, shared by ingest and loaders. Web-standard. */
import { AppError } from './errors.js';

export const INDEX_SCHEMA_VERSION = 3;

export const INDEX_FILES = {
  manifest: 'manifest.json',
  corpus: 'corpus.json',
  lexical: 'lexical.json',
  lexicalPostings: 'lexical-postings.bin',
  vectors: 'vectors.hnsw',
  vectorDocs: 'vectors-docs.json',
} as const;

export interface IndexManifest {
  schemaVersion: number;
  createdAt: string;
  corpusHash: string;
  documents: number;
  paragraphs: number;
  analyzer: string;
  /** Embedding model the vectors were built with, or null when the index is lexical only. */
  embedding: { provider: string; modelId: string; dimension: number } | null;
  /** Why there are no vectors, when an embedding provider was configured but could not be used. */
  embeddingError?: string;
}

export const ANALYZER_ID = 'fr-en-snowball-v5';

/**
 * Checks a loaded manifest against the running configuration.
 * @example
 * checkManifest(manifest, { modelId: 'transformers:Xenova/multilingual-e5-small' });
 */
export function checkManifest(manifest: IndexManifest, expected: { modelId: string | null; requireVectors: boolean }): void {
  const rerun = 'Re-run `npm run ingest` to rebuild the index.';
  if (manifest.schemaVersion !== INDEX_SCHEMA_VERSION) throw new AppError('index_mismatch', `The index was built with schema version ${manifest.schemaVersion}, this server needs ${INDEX_SCHEMA_VERSION}. ${rerun}`);
  if (manifest.analyzer !== ANALYZER_ID) throw new AppError('index_mismatch', `The index was built with analyser ${manifest.analyzer}, this server uses ${ANALYZER_ID}. ${rerun}`);
  if (manifest.embedding && expected.modelId && manifest.embedding.modelId !== expected.modelId) {
    throw new AppError('index_mismatch', `The index vectors were built with ${manifest.embedding.modelId} (dimension ${manifest.embedding.dimension}) but the configured embedding model is ${expected.modelId}. ${rerun}`);
  }
  if (expected.requireVectors && !manifest.embedding) throw new AppError('index_mismatch', `RETRIEVAL_MODE needs vectors but the index has none${manifest.embeddingError ? ` (${manifest.embeddingError})` : ''}. ${rerun}`);
}
