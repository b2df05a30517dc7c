/** Layout and manifest of the index directory, shared by ingest and loaders. Web-standard. */
import { AppError } from './errors.js';

/**
 * 3: units with kinds and eIds (segmenter). 4: the manifest lists every file with its size and sha256, and the vector space.
 * 5: the corpus is split into per-paragraph metadata (`corpus-meta.json`) and the paragraph bodies (`corpus-bodies.bin`, decoded
 * per paragraph on first use); large files carry per-chunk sha256s, verified on first read instead of at start.
 */
export const INDEX_SCHEMA_VERSION = 5;

export const INDEX_FILES = {
  manifest: 'manifest.json',
  /** Documents and per-paragraph metadata in columns, with the offsets of each paragraph's body (server/corpus/corpus-files.ts). */
  corpus: 'corpus-meta.json',
  /** Each paragraph's text, items and translation as one UTF-8 JSON object, concatenated. */
  corpusBodies: 'corpus-bodies.bin',
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

/** Files stored with per-chunk sha256s (server/index-chunks.ts): read in ranges, each chunk verified on first use. */
export const CHUNKED_FILES: ReadonlySet<string> = new Set([INDEX_FILES.corpusBodies, INDEX_FILES.lexicalPostings, INDEX_FILES.translatedPostings]);

/** Size and checksum of one index file, recorded in the manifest and verified before the file is used. */
export interface IndexFileEntry {
  bytes: number;
  /** sha256 of the whole file; for a chunked file, of the concatenated chunk digests (hex, in order). */
  sha256: string;
  /** Large files: sha256 of each `chunkSize`-byte chunk, so that a loader can verify each chunk when it first reads it. */
  chunkSize?: number;
  chunks?: string[];
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

export const ANALYZER_ID = 'fr-en-snowball-v7';

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
