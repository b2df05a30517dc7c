/**
 * Worker thread of {@link EmbeddingWorkerPool}: loads transformers.js with the pool's options and answers
 * `{ id, kind, texts }` with `{ id, dim, data }` (one flat Float32Array, transferred) or `{ id, error }`.
 */
import { readlinkSync } from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../server/errors.js';
import { TransformersEmbeddings, type TransformersEmbeddingsOptions } from '../server/embeddings/transformers-embeddings.js';
import { setOnnxThreads } from './onnx-threads.js';

/** What the pool sends and receives. */
export interface WorkerRequest {
  id: number;
  kind: 'query' | 'documents';
  texts: string[];
}
export type WorkerReply = { id: number; dim: number; data: Float32Array } | { id: number; error: { code?: string; message: string } };

const { options, threads, nice } = workerData as { options: TransformersEmbeddingsOptions; threads: number; nice?: number };
if (nice) lowerThreadPriority(nice);
await setOnnxThreads(threads);
const embeddings = new TransformersEmbeddings(options);

parentPort!.on('message', async (req: WorkerRequest) => {
  try {
    const vectors = req.kind === 'query' ? await embeddings.embedQueries(req.texts) : await embeddings.embedDocuments(req.texts);
    const dim = vectors[0]?.length ?? 0;
    const data = new Float32Array(vectors.length * dim);
    vectors.forEach((v, i) => data.set(v, i * dim));
    parentPort!.postMessage({ id: req.id, dim, data } satisfies WorkerReply, [data.buffer]);
  } catch (err) {
    const code = err instanceof AppError ? err.code : undefined;
    parentPort!.postMessage({ id: req.id, error: { code, message: err instanceof Error ? err.message : String(err) } } satisfies WorkerReply);
  }
});

/**
 * Raises this thread's nice value (Linux: priority is per thread, and the onnxruntime threads created
 * from here inherit it), so the event loop thread wins the CPU when both are runnable. Elsewhere a no-op.
 */
function lowerThreadPriority(nice: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid)) os.setPriority(tid, Math.min(19, os.getPriority(tid) + nice));
  } catch {
    // No /proc (macOS, Windows) or not permitted: keep the default priority.
  }
}
