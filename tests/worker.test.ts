/** The Workers entry run in Node (fast, no workerd) with an ASSETS binding served from a directory laid out by `layoutWorkerAssets`; tests/workerd.test.ts runs the real bundle in workerd. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../ingest/build-index.js';
import { loadConfig } from '../server/config.js';
import { layoutWorkerAssets } from '../scripts/lib/worker-bundle.js';
import worker from '../server/worker.js';
import type { WorkerEnv } from '../server/worker-app.js';
import { directoryAssets } from './helpers/worker-env.js';

let dir: string;
let env: WorkerEnv;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-worker-'));
  const config = loadConfig({ INDEX_DIR: path.join(dir, 'index'), EMBEDDINGS_PROVIDER: 'none' });
  await buildIndex({ config });
  const assets = path.join(dir, 'assets');
  await layoutWorkerAssets({ indexDir: path.join(dir, 'index'), outDir: assets });
  env = {
    ALLOWED_ORIGINS: '*',
    ASSETS: directoryAssets(assets),
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Cloudflare Workers entry', () => {
  it('answers /api/chat in lexical mode from the bundled index', async () => {
    const res = await worker.fetch(
      new Request('https://worker.example/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: "Que dit le paragraphe 24 du Plan d'action de Bucarest ?" }),
      }),
      env,
      {},
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.citations[0]).toMatchObject({ documentId: 'osce-bucharest-plan-2001', paragraph: '24' });
    expect(body.retrieval.mode).toBe('lexical');
  });

  it('reports health and maps errors the same way as on Node', async () => {
    const health = await (await worker.fetch(new Request('https://worker.example/healthz'), env, {})).json();
    expect(health).toMatchObject({ status: 'ok', retrieval: { mode: 'lexical' }, corpus: { paragraphs: 94 } });
    const bad = await worker.fetch(new Request('https://worker.example/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), env, {});
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_json');
  });

  it('says to run build:worker when the index is missing from the assets', async () => {
    const { createWorkerApp } = await import('../server/worker-app.js');
    const empty: WorkerEnv = { ASSETS: { fetch: async () => new Response('nope', { status: 404 }) } };
    await expect(createWorkerApp(empty)).rejects.toThrow(/build:worker/);
  });
});
