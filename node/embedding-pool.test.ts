import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyModel } from '../tests/fixtures/tiny-model.js';
import { TransformersEmbeddings, type TransformersEmbeddingsOptions } from '../server/embeddings/transformers-embeddings.js';
import { EmbeddingWorkerPool, type EmbeddingPoolOptions } from './embedding-pool.js';

let dir: string;
const pools: EmbeddingWorkerPool[] = [];

function options(batchSize = 16): TransformersEmbeddingsOptions {
  return { model: 'tiny/pool', modelDir: dir, cacheDir: join(dir, '.cache'), allowRemote: false, queryPrefix: 'query: ', passagePrefix: 'passage: ', batchSize };
}
function pool(o: Partial<EmbeddingPoolOptions> = {}): EmbeddingWorkerPool {
  const p = new EmbeddingWorkerPool({ embeddings: options(), workers: 1, threads: 1, ...o });
  pools.push(p);
  return p;
}
const flaky = new URL('../tests/fixtures/flaky-embedding-worker.ts', import.meta.url);
/** Ten questions of similar length (the pool batches texts within a factor 2 of length). */
const texts = ['la loi de paris', 'What is the law?', 'paris, france.', 'le terrorism', 'a big attaque', 'de la france', 'the law of paris', 'la loi, la loi', 'france, paris', 'attack in paris'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pool-model-'));
  await writeTinyModel(dir, 'tiny/pool');
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('EmbeddingWorkerPool on the tiny model', { timeout: 60_000 }, () => {
  it('gives the vectors of in-thread transformers.js, with the query and passage prefixes', async () => {
    const direct = new TransformersEmbeddings(options());
    const p = pool();
    expect(p.modelId).toBe(direct.modelId);
    const [q, docs] = await Promise.all([p.embedQuery('What is the law?'), p.embedDocuments(texts.slice(0, 3))]);
    const wantQ = await direct.embedQuery('What is the law?');
    const wantDocs = await direct.embedDocuments(texts.slice(0, 3));
    q.forEach((x, i) => expect(x).toBeCloseTo(wantQ[i], 5));
    docs.forEach((v, r) => v.forEach((x, i) => expect(x).toBeCloseTo(wantDocs[r][i], 5)));
    expect(await p.embedDocuments([])).toEqual([]);
  });

  it('puts queries asked in the same tick into one inference call, in order', async () => {
    const p = pool();
    const vectors = await Promise.all(texts.map((t) => p.embedQuery(t)));
    expect(p.stats()).toMatchObject({ batches: 1, texts: 10, largestBatch: 10 });
    const direct = new TransformersEmbeddings(options());
    for (const [i, t] of texts.entries()) (await direct.embedQuery(t)).forEach((x, j) => expect(vectors[i][j]).toBeCloseTo(x, 5));
  });

  it('caps a micro-batch at batchSize and sends queries awaited one by one alone', async () => {
    const p = pool({ embeddings: options(4) });
    await Promise.all(texts.map((t) => p.embedQuery(t)));
    expect(p.stats()).toMatchObject({ batches: 3, texts: 10, largestBatch: 4 });
    for (const t of texts.slice(0, 3)) await p.embedQuery(t);
    expect(p.stats()).toMatchObject({ batches: 6, texts: 13 });
  });

  it('batches the queries that wait while the worker is busy', async () => {
    const p = pool();
    const first = p.embedQuery('paris');
    await new Promise((r) => setTimeout(r, 0));
    await Promise.all([first, ...texts.map((t) => p.embedQuery(t))]);
    expect(p.stats().batches).toBeLessThanOrEqual(2);
    expect(p.stats().texts).toBe(11);
  });

  it('keeps onnxruntime-node loaded in the main thread, so a worker started after another exited can still load it', () => {
    pool();
    const cache = createRequire(import.meta.url).cache;
    expect(Object.keys(cache).some((k) => /onnxruntime_binding\.node$/.test(k))).toBe(true);
  });

  it('rejects every call with a clear error when the model cannot be loaded, and stays usable', async () => {
    const p = pool({ embeddings: { ...options(), model: 'tiny/missing' } });
    await expect(p.embedQuery('la loi')).rejects.toMatchObject({ code: 'embeddings_unavailable', message: expect.stringMatching(/Could not load the embedding model "tiny\/missing"/) });
    await expect(p.embedDocuments(['la loi'])).rejects.toMatchObject({ code: 'embeddings_unavailable' });
  });
});

describe('EmbeddingWorkerPool failure handling', { timeout: 60_000 }, () => {
  it('fails the batch of a crashed worker, replaces the worker and goes on', async () => {
    const p = pool({ workerUrl: flaky });
    await expect(Promise.all([p.embedQuery('a crash'), p.embedQuery('same batch')])).rejects.toMatchObject({
      code: 'embeddings_unavailable',
      message: expect.stringMatching(/worker stopped \(exit code 1\) during a batch of 2 texts/),
    });
    expect(await p.embedQuery('abc')).toEqual([3, 0]);
    expect(p.stats().restarts).toBe(1);
  });

  it('batches queries of similar length together, oldest first, each caller getting its own vector', async () => {
    const p = pool({ workerUrl: flaky });
    const long = 'x'.repeat(400);
    const texts = ['short one', long, 'short two', `${long}!`, 'tiny'];
    const vectors = await Promise.all(texts.map((t) => p.embedQuery(t)));
    expect(vectors.map((v) => v[0])).toEqual(texts.map((t) => t.length));
    expect(vectors.map((v) => v[1])).toEqual([0, 0, 1, 1, 0]);
    expect(p.stats()).toMatchObject({ batches: 3, texts: 5, largestBatch: 2 });
  });

  it('passes a worker-reported error to the callers of that batch only', async () => {
    const p = pool({ workerUrl: flaky });
    await expect(p.embedQuery('fail')).rejects.toThrow('cannot embed "fail"');
    expect(await p.embedDocuments(['ab', 'c'])).toEqual([
      [2, 0],
      [1, 1],
    ]);
  });

  it('gives up after maxRestarts crashes and then fails fast', async () => {
    const p = pool({ workerUrl: flaky, maxRestarts: 1 });
    await expect(p.embedQuery('crash 1')).rejects.toThrow(/worker stopped/);
    await expect(p.embedQuery('crash 2')).rejects.toThrow(/worker stopped/);
    await expect(p.embedQuery('fine')).rejects.toThrow(/kept stopping/);
  });

  it('fails pending calls on close', async () => {
    const p = new EmbeddingWorkerPool({ embeddings: options(), workers: 1, threads: 1, workerUrl: flaky });
    const pending = expect(p.embedQuery('abc')).rejects.toThrow(/closed/);
    await p.close();
    await pending;
    await expect(p.embedQuery('abc')).rejects.toThrow(/closed/);
  });
});
