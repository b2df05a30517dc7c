/**
 * transformers.js embeddings in a pool of worker threads, so inference never blocks the event loop, with
 * micro-batching: queries that arrive while every worker is busy (or in the same tick) go to the next
 * free worker together, in one inference call of up to `batchSize` texts of similar length.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Embeddings } from '@langchain/core/embeddings';
import type { TransformersEmbeddingsOptions } from '../server/embeddings/transformers-embeddings.js';
import { transformersModelId } from '../server/embeddings/transformers-embeddings.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../server/errors.js';
import type { WorkerReply, WorkerRequest } from './embedding-worker.js';

/** Options of {@link EmbeddingWorkerPool}. */
export interface EmbeddingPoolOptions {
  /** What each worker passes to `TransformersEmbeddings`; its `batchSize` also caps micro-batches. */
  embeddings: TransformersEmbeddingsOptions;
  /** Worker threads (≥ 1). */
  workers: number;
  /** onnxruntime intra-op threads per worker (`0`: onnxruntime's default). */
  threads: number;
  /** Added to the workers' nice value on Linux (0–19; default 0), so the event loop preempts inference. */
  nice?: number;
  /** Worker restarts after crashes before the pool gives up (default 3). */
  maxRestarts?: number;
  /** Worker script (tests); defaults to `embedding-worker.ts`. */
  workerUrl?: URL;
}

/** Counters of the pool, for tests and the bench. */
export interface PoolStats {
  /** Inference calls sent to workers, and the texts they held. */
  batches: number;
  texts: number;
  largestBatch: number;
  restarts: number;
}

interface Pending {
  text: string;
  resolve: (v: number[]) => void;
  reject: (e: unknown) => void;
}
interface Job {
  kind: WorkerRequest['kind'];
  texts: string[];
  resolve: (v: number[][]) => void;
  reject: (e: unknown) => void;
}
interface Slot {
  worker: Worker;
  job: (Job & { id: number }) | null;
}

/**
 * Code of a worker that loads a TypeScript worker script: Node 20 workers ignore `--import tsx` in
 * `execArgv`, so the worker registers tsx's loader itself, then imports the script.
 */
function workerBootstrap(script: URL): string {
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(tsxApi)}).then((m) => m.register()).then(() => import(${JSON.stringify(script.href)}));`;
}

let pinned = false;

/**
 * Loads onnxruntime-node's native binding once in this (main) thread, so it stays loaded for the life of
 * the process: when the last worker that loaded it exits, Node unloads the addon and a worker started later
 * (a restarted worker) fails with "Module did not self-register".
 *
 * Known upstream limit (onnxruntime-node 1.14, the version transformers.js 2.17 pins; see
 * microsoft/onnxruntime#13086): a worker that creates a session after another session-holding worker
 * has exited corrupts the process heap in about one run in five (measured here: 5 of 25). Closing one pool
 * and starting another is therefore not supported: the server keeps one pool for its whole life
 * (node/serving-embeddings.ts), and a restart after a worker crash is a best effort.
 */
function pinOnnxBinding(): void {
  if (pinned) return;
  pinned = true;
  try {
    createRequire(import.meta.url)('onnxruntime-node');
  } catch {
    // Not installed: transformers.js falls back to onnxruntime-web in the workers.
  }
}

function toError(error: { code?: string; message: string }): AppError {
  const code = (error.code && error.code in ERROR_CODES ? error.code : 'embeddings_unavailable') as ErrorCode;
  return new AppError(code, error.message);
}

/**
 * LangChain `Embeddings` over transformers.js worker threads. Call {@link close} to stop the workers.
 * A worker that crashes fails its current batch with `AppError('embeddings_unavailable')` and is replaced,
 * up to `maxRestarts` times; then every call fails with that error.
 * @example
 * const pool = new EmbeddingWorkerPool({ embeddings: { model: 'Xenova/multilingual-e5-small', allowRemote: false,
 *   modelDir: 'models', queryPrefix: 'query: ', passagePrefix: 'passage: ', batchSize: 16 }, workers: 1, threads: 1 });
 * const v = await pool.embedQuery('Qu’est-ce que l’apologie du terrorisme ?');
 * await pool.close();
 */
export class EmbeddingWorkerPool extends Embeddings {
  readonly modelId: string;
  private readonly slots: Slot[] = [];
  private readonly queries: Pending[] = [];
  private readonly documents: Job[] = [];
  private readonly counters: PoolStats = { batches: 0, texts: 0, largestBatch: 0, restarts: 0 };
  private scheduled = false;
  private closed = false;
  private broken: AppError | null = null;
  private nextId = 1;

  constructor(private readonly options: EmbeddingPoolOptions) {
    super({});
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new RangeError('workers must be a positive integer.');
    this.modelId = transformersModelId(options.embeddings.model, options.embeddings.quantized ?? true);
    pinOnnxBinding();
    for (let i = 0; i < options.workers; i++) this.slots.push(this.spawn());
  }

  /** Counters since creation. */
  stats(): PoolStats {
    return { ...this.counters };
  }

  embedQuery(text: string): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.queries.push({ text, resolve, reject });
      this.schedule();
    });
  }

  embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.documents.push({ kind: 'documents', texts, resolve, reject });
      this.schedule();
    });
  }

  /** Stops the workers; pending calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new AppError('embeddings_unavailable', 'The embedding worker pool is closed.'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const url = this.options.workerUrl ?? new URL('./embedding-worker.ts', import.meta.url);
    const worker = new Worker(workerBootstrap(url), { eval: true, workerData: { options: this.options.embeddings, threads: this.options.threads, nice: this.options.nice ?? 0 } });
    const slot: Slot = { worker, job: null };
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.settle(slot, reply));
    worker.on('error', (err) => this.crashed(slot, err.message));
    worker.on('exit', (code) => this.crashed(slot, `exit code ${code}`));
    return slot;
  }

  private crashed(slot: Slot, why: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const error = new AppError('embeddings_unavailable', `An embedding worker stopped (${why}) during ${slot.job ? `a batch of ${slot.job.texts.length} texts` : 'no batch'}.`);
    slot.job?.reject(error);
    slot.job = null;
    void slot.worker.terminate();
    if (this.closed) return;
    if (this.counters.restarts >= (this.options.maxRestarts ?? 3)) {
      this.slots.splice(i, 1);
      if (this.slots.length === 0) {
        this.broken = new AppError('embeddings_unavailable', `The embedding workers kept stopping (last: ${why}); query embedding is off until restart.`);
        this.failAll(this.broken);
      }
      return;
    }
    this.counters.restarts++;
    this.slots[i] = this.spawn();
    this.schedule();
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    slot.job = null;
    slot.worker.unref();
    if ('error' in reply) job.reject(toError(reply.error));
    else {
      const vectors: number[][] = [];
      for (let r = 0; r < job.texts.length; r++) vectors.push(Array.from(reply.data.subarray(r * reply.dim, (r + 1) * reply.dim)));
      job.resolve(vectors);
    }
    this.schedule();
  }

  /** Dispatches at the end of the current tick, so calls made in the same tick share a batch. */
  private schedule(): void {
    if (this.broken || this.closed) {
      this.failAll(this.broken ?? new AppError('embeddings_unavailable', 'The embedding worker pool is closed.'));
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.takeJob();
      if (!job) return;
      const id = this.nextId++;
      slot.job = { ...job, id };
      this.counters.batches++;
      this.counters.texts += job.texts.length;
      this.counters.largestBatch = Math.max(this.counters.largestBatch, job.texts.length);
      slot.worker.ref();
      slot.worker.postMessage({ id, kind: job.kind, texts: job.texts } satisfies WorkerRequest);
    }
  }

  /**
   * Queries first (a user waits for each): the oldest, with the queued queries of similar length (longest at
   * most twice the shortest, in characters, since a batch is padded to its longest text), up to `batchSize`;
   * then a documents call.
   */
  private takeJob(): Job | null {
    if (this.queries.length) {
      let min = this.queries[0].text.length;
      let max = min;
      const picked: number[] = [0];
      for (let i = 1; i < this.queries.length && picked.length < this.options.embeddings.batchSize; i++) {
        const len = this.queries[i].text.length;
        if (Math.max(max, len) > 2 * Math.max(1, Math.min(min, len))) continue;
        min = Math.min(min, len);
        max = Math.max(max, len);
        picked.push(i);
      }
      const batch = picked.map((i) => this.queries[i]);
      for (let j = picked.length - 1; j >= 0; j--) this.queries.splice(picked[j], 1);
      return {
        kind: 'query',
        texts: batch.map((q) => q.text),
        resolve: (vectors) => batch.forEach((q, i) => q.resolve(vectors[i])),
        reject: (err) => batch.forEach((q) => q.reject(err)),
      };
    }
    return this.documents.shift() ?? null;
  }

  private failAll(error: AppError): void {
    for (const q of this.queries.splice(0)) q.reject(error);
    for (const d of this.documents.splice(0)) d.reject(error);
  }
}
