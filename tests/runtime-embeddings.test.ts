/**
 * Index generations share the runtime's embeddings: a reload neither starts a second embedding worker pool
 * nor drops the query cache (the configured model is the same), and shutdown closes them once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../ingest/build-index.js';
import { createNodeRuntime } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';
import { HashEmbeddings } from './helpers/hash-embeddings.js';

class CountingEmbeddings extends HashEmbeddings {
  queries = 0;
  override async embedQuery(text: string) {
    this.queries++;
    return super.embedQuery(text);
  }
}

let root: string;
const config = () =>
  loadConfig({
    INDEX_DIR: path.join(root, 'data', 'index'),
    CORPUS_DIR: path.resolve('corpus'),
    RETRIEVAL_MODE: 'hybrid',
    EMBEDDINGS_QUERY_CACHE_SIZE: '100',
    ANSWER_CACHE_SIZE: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
  });

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ct-runtime-emb-'));
  await buildIndex({ config: config(), embeddings: new HashEmbeddings() });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('runtime embeddings across reloads', { timeout: 60_000 }, () => {
  it('keeps one query cache for every generation', async () => {
    const embeddings = new CountingEmbeddings();
    const runtime = await createNodeRuntime(config(), { buildIfMissing: false, embeddings });
    const ask = async () =>
      (await runtime.app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Qu’est-ce que le financement du terrorisme ?' }) }))
        .status;
    expect(runtime.health().retrieval.mode).toBe('hybrid');
    expect(await ask()).toBe(200);
    const first = runtime.manifest;
    expect((await runtime.reload()).reloaded).toBe(true);
    expect(runtime.manifest).not.toBe(first);
    expect(await ask()).toBe(200);
    expect(embeddings.queries).toBe(1);
    await runtime.close();
  });
});
