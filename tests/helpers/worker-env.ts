/** Test doubles of the Workers bindings, for running `createWorkerApp` in Node. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { R2BucketBinding } from '../../server/worker-bindings.js';
import type { WorkerEnv } from '../../server/worker-app.js';

/**
 * An ASSETS binding serving a directory (as `layoutWorkerAssets` lays it out).
 * @example
 * const env = { ASSETS: directoryAssets('dist/worker-assets') };
 */
export function directoryAssets(dir: string): WorkerEnv['ASSETS'] {
  return {
    async fetch(input: Request | string) {
      const url = new URL(typeof input === 'string' ? input : input.url);
      try {
        return new Response(await readFile(path.join(dir, decodeURIComponent(url.pathname))), { headers: { 'content-type': 'application/json' } });
      } catch {
        return new Response('not found', { status: 404 });
      }
    },
  };
}

/**
 * An R2 binding over an in-memory map of keys to bytes or text.
 * @example
 * const bucket = memoryBucket(new Map([['current', 'v1']]));
 */
export function memoryBucket(objects: Map<string, Uint8Array | string>): R2BucketBinding {
  return {
    async get(key) {
      const value = objects.get(key);
      if (value === undefined) return null;
      const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      return { arrayBuffer: async () => bytes.slice().buffer, text: async () => new TextDecoder().decode(bytes) };
    },
  };
}
