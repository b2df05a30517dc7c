/** Layout and manifest of the index directory, shared by ingest and loaders. Web-standard. */
import { AppError } from './errors.js';

/** 3: units with kinds and eIds (segmenter). 4: the manifest lists every file with its size and sha256, and the vector space. */
export const INDEX_SCHEMA_VERSION = 4;

export const INDEX_FILES = {
  manifest: 'manifest.json',
  corpus: 'corpus.json',
  lexical: 'lexical.json',
  lexicalPostings: 'lexical-postings.bin',
  vectors: 'vectors.hnsw',
  vectorDocs: 'vectors-docs.json',
  /** Cross-lingual dictionary and cognates kept for this index's vocabulary (server/text/lexicon-table.ts); optional. */
  lexicon: 'lexicon.json',
  /** BM25 over the ingest-time translations (server/retrieval/translated-field.ts); only when the index has translations. */
  translatedLexical: 'lexical-translated.json',
  translatedPostings: 'lexical-translated-postings.bin',
} as const;

/** Size and checksum of one index file, recorded in the manifest and verified before the file is used. */
export interface IndexFileEntry {
  bytes: number;
  sha256: string;
}

export interface IndexManifest {
  schemaVersion: number;
  createdAt: string;
  corpusHash: string;
  documents: number;
  paragraphs: number;
  analyzer: string;
  /** Embedding model the vectors were built with, or null when the index is lexical only. */
  embedding: { provider: string; modelId: string; dimension: number; space: 'cosine' } | null;
  /** Why there are no vectors, when an embedding provider was configured but could not be used. */
  embeddingError?: string;
  /** Every other file of the index, by name. */
  files: Record<string, IndexFileEntry>;
}

export const ANALYZER_ID = 'fr-en-snowball-v5';

/**
 * Checks a loaded manifest against the running configuration.
 * @example
 * checkManifest(manifest, { modelId: 'transformers:Xenova/multilingual-e5-small' });
 */
export function checkManifest(manifest: IndexManifest, expected: { modelId: string | null; requireVectors: boolean }): void {
  const rerun = 'Re-run `npm run ingest` to rebuild the index.';
  if (manifest.schemaVersion !== INDEX_SCHEMA_VERSION)
    throw new AppError('index_mismatch', `The index was built with schema version ${manifest.schemaVersion}, this server needs ${INDEX_SCHEMA_VERSION}. ${rerun}`);
  if (manifest.analyzer !== ANALYZER_ID) throw new AppError('index_mismatch', `The index was built with analyser ${manifest.analyzer}, this server uses ${ANALYZER_ID}. ${rerun}`);
  if (manifest.embedding && expected.modelId && manifest.embedding.modelId !== expected.modelId) {
    throw new AppError(
      'index_mismatch',
      `The index vectors were built with ${manifest.embedding.modelId} (dimension ${manifest.embedding.dimension}) but the configured embedding model is ${expected.modelId}. ${rerun}`,
    );
  }
  if (expected.requireVectors && !manifest.embedding)
    throw new AppError('index_mismatch', `RETRIEVAL_MODE needs vectors but the index has none${manifest.embeddingError ? ` (${manifest.embeddingError})` : ''}. ${rerun}`);
}
