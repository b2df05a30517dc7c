/**
 * Sets the onnxruntime-node thread counts of the sessions transformers.js creates. transformers.js 2.17
 * passes no session options, so `InferenceSession.create` (the class transformers.js also uses) is wrapped
 * once per thread to add `intraOpNumThreads` (and `interOpNumThreads: 1`, the graph is sequential).
 */
import os from 'node:os';

let threads = 0;
let wrapped = false;

/**
 * The thread count `auto` resolves to: the cores left after one for the event loop, shared by the workers.
 * @example
 * autoOnnxThreads(1); // 1 on 2 cores, 3 on 4 cores
 */
export function autoOnnxThreads(workers: number, cores = os.availableParallelism()): number {
  return Math.max(1, Math.floor((cores - 1) / Math.max(1, workers)));
}

/**
 * Makes sessions created from now on in this thread use `n` intra-op threads (`0` keeps onnxruntime's
 * default, one per physical core). Returns false when onnxruntime-node is not installed (wasm fallback).
 * @example
 * await setOnnxThreads(autoOnnxThreads(1));
 */
export async function setOnnxThreads(n: number): Promise<boolean> {
  threads = n;
  if (wrapped) return true;
  let ort: typeof import('onnxruntime-node');
  try {
    const mod = (await import('onnxruntime-node')) as typeof import('onnxruntime-node') & { default?: typeof import('onnxruntime-node') };
    ort = mod.default ?? mod;
  } catch {
    return false;
  }
  const session = ort.InferenceSession as unknown as { create: (...args: unknown[]) => Promise<unknown> };
  const create = session.create.bind(session);
  session.create = (model: unknown, options?: unknown, ...rest: unknown[]) => {
    const withThreads = threads > 0 && (options === undefined || (typeof options === 'object' && options !== null && !ArrayBuffer.isView(options)));
    return withThreads ? create(model, { ...(options as object), intraOpNumThreads: threads, interOpNumThreads: 1 }, ...rest) : create(model, options, ...rest);
  };
  wrapped = true;
  return true;
}
