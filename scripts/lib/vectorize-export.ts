/**
 * Turns the vectors of a built index into Vectorize's NDJSON (`wrangler vectorize insert --file`): one line a
 * paragraph, id `<documentId>#<label>`, namespace = the index's corpus hash (the Worker queries that namespace).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { AppError } from '../../server/errors.js';
import { INDEX_FILES, type IndexManifest } from '../../server/index-format.js';
import { vectorizeId, workersAiModelOf } from '../../server/worker-bindings.js';

export interface VectorizeExport {
  ndjson: string;
  count: number;
  dimension: number;
  namespace: string;
  model: string;
}

/**
 * Reads `vectors.hnsw` + `vectors-docs.json` of an index built with a Workers AI model and returns the NDJSON lines.
 * @example
 * const out = await exportForVectorize('data/index');
 * await writeFile('dist/vectorize.ndjson', out.ndjson);
 */
export async function exportForVectorize(indexDir: string): Promise<VectorizeExport> {
  const manifestPath = path.join(indexDir, INDEX_FILES.manifest);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as IndexManifest;
  const model = manifest.embedding ? workersAiModelOf(manifest.embedding.modelId) : null;
  if (!manifest.embedding || !model) {
    throw new AppError(
      'index_mismatch',
      `${manifestPath}: the Worker can only embed questions with the Workers AI model the vectors were built with, and this index has ${manifest.embedding?.modelId ?? 'no vectors'}. Ingest with EMBEDDINGS_PROVIDER=openai, EMBEDDINGS_MODEL=@cf/… and EMBEDDINGS_BASE_URL=https://api.cloudflare.com/client/v4/accounts/<id>/ai/v1.`,
    );
  }
  const docs = JSON.parse(await readFile(path.join(indexDir, INDEX_FILES.vectorDocs), 'utf8')) as { dimension: number; documents: Array<{ metadata: { documentId: string; label: string } }> };
  const index = new hnswlib.HierarchicalNSW('cosine', docs.dimension);
  await index.readIndex(path.join(indexDir, INDEX_FILES.vectors));
  const lines = docs.documents.map((d, label) => JSON.stringify({ id: vectorizeId(d.metadata.documentId, d.metadata.label), values: index.getPoint(label), namespace: manifest.corpusHash }));
  return { ndjson: lines.join('\n') + '\n', count: lines.length, dimension: docs.dimension, namespace: manifest.corpusHash, model };
}
