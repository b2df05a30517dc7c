import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';
import { clusterSize, forkWorkers } from './cluster.js';
import { autoOnnxThreads } from './onnx-threads.js';

describe('process and thread counts', () => {
  it('reads WORKERS, EMBEDDINGS_WORKERS, EMBEDDINGS_THREADS and the HNSW settings, with auto', () => {
    const d = loadConfig({});
    expect([d.workers, d.embeddings.workers, d.embeddings.threads, d.embeddings.queryCacheSize]).toEqual([1, 1, 0, 1000]);
    expect(d.hnsw).toEqual({ m: 16, efConstruction: 100, efSearch: 64 });
    const c = loadConfig({ WORKERS: 'auto', EMBEDDINGS_WORKERS: '0', EMBEDDINGS_THREADS: '3', HNSW_M: '32', HNSW_EF_SEARCH: '128' });
    expect([c.workers, c.embeddings.workers, c.embeddings.threads, c.hnsw.m, c.hnsw.efSearch]).toEqual([0, 0, 3, 32, 128]);
    expect(() => loadConfig({ WORKERS: '0' })).toThrow(/WORKERS must be an integer between 1 and 256/);
    expect(() => loadConfig({ EMBEDDINGS_THREADS: 'many' })).toThrow(/EMBEDDINGS_THREADS/);
  });

  it('sizes auto to the machine', () => {
    expect(clusterSize(0, 4)).toBe(4);
    expect(clusterSize(3, 4)).toBe(3);
    expect(autoOnnxThreads(1, 2)).toBe(1);
    expect(autoOnnxThreads(1, 8)).toBe(7);
    expect(autoOnnxThreads(2, 8)).toBe(3);
    expect(autoOnnxThreads(4, 2)).toBe(1);
  });

  it('serves in this process when one process is asked for', () => {
    expect(forkWorkers(1, () => {})).toBe(false);
  });
});
