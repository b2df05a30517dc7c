/**
 * The Worker app with its optional bindings, as test doubles in Node (Workers AI and Vectorize have no local mode):
 * hybrid retrieval with AI + VECTORIZE and a Workers AI index, lexical with a clear /healthz otherwise, per-question
 * fallback when AI fails, and the index read from R2 (`current` → version prefix). The Vectorize double is loaded with
 * what `npm run export:vectorize` produces from the ingested index, so ingest → export → query is one path.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../ingest/build-index.js';
import { exportForVectorize } from '../scripts/lib/vectorize-export.js';
import { layoutWorkerAssets } from '../scripts/lib/worker-bundle.js';
import { loadConfig } from '../server/config.js';
import { INDEX_FILES } from '../server/index-format.js';
import type { ChatResponse } from '../server/types.js';
import { createWorkerApp, R2_CURRENT_KEY, type WorkerEnv } from '../server/worker-app.js';
import type { AiBinding, VectorizeBinding } from '../server/worker-bindings.js';
import { directoryAssets, memoryBucket } from './helpers/worker-env.js';

const MODEL = '@cf/baai/bge-m3';
const DIM = 64;

/** Bag of hashed words, normalised: a stand-in for a real model, identical at ingest and query time. */
function hashVector(text: string): number[] {
  const v = new Array<number>(DIM).fill(0);
  for (const w of text.toLowerCase().match(/\p{L}{3,}/gu) ?? []) v[[...w].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % DIM] += 1;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

class IngestEmbeddings extends Embeddings {
  readonly modelId = `openai:${MODEL}@https://api.cloudflare.com/client/v4/accounts/test/ai/v1`;
  async embedDocuments(texts: string[]) {
    return texts.map(hashVector);
  }
  async embedQuery(text: string) {
    return hashVector(text);
  }
}

let dir: string;
let assets: string;
const namespaces: string[] = [];
let vectorize: VectorizeBinding;
let indexDir: string;
const ai: AiBinding = { run: async (_model, inputs) => ({ data: (inputs.text as string[]).map(hashVector) }) };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-worker-bindings-'));
  const config = loadConfig({ INDEX_DIR: path.join(dir, 'index'), EMBEDDINGS_PROVIDER: 'none', EMBEDDINGS_PASSAGE_PREFIX: '' });
  await buildIndex({ config, embeddings: new IngestEmbeddings({}) });
  assets = path.join(dir, 'assets');
  await layoutWorkerAssets({ indexDir: config.indexDir, outDir: assets });
  indexDir = config.indexDir;
  const lines = (await exportForVectorize(indexDir)).ndjson.trim().split('\n');
  const stored = lines.map((l) => JSON.parse(l) as { id: string; values: number[]; namespace: string });
  vectorize = {
    query: async (vector, options) => {
      namespaces.push(options.namespace ?? '');
      const scored = stored.filter((s) => s.namespace === options.namespace).map((s) => ({ id: s.id, score: s.values.reduce((sum, x, i) => sum + x * vector[i], 0) }));
      return { matches: scored.sort((a, b) => b.score - a.score).slice(0, options.topK) };
    },
  };
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: Partial<WorkerEnv> = {}): WorkerEnv => ({ ASSETS: directoryAssets(assets), ANSWER_CACHE_SIZE: '0', ...extra });
const health = async (app: Hono) => (await app.request('/healthz')).json();
const ask = async (app: Hono, question: string) =>
  (await (await app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) })).json()) as ChatResponse;

describe('Worker bindings', { timeout: 30_000 }, () => {
  it('without bindings: lexical mode, and /healthz names the missing bindings', async () => {
    const h = await health(await createWorkerApp(env()));
    expect(h.retrieval.mode).toBe('lexical');
    expect(h.retrieval.note).toMatch(/AI and VECTORIZE bindings/);
    expect(h.embedding.status).toBe('disabled');
  });

  it('with AI + VECTORIZE: hybrid retrieval, query vectors from Workers AI, Vectorize queried in the index version namespace', async () => {
    const app = await createWorkerApp(env({ AI: ai, VECTORIZE: vectorize }));
    const h = await health(app);
    expect(h.retrieval).toEqual({ mode: 'hybrid' });
    expect(h.embedding).toEqual({ provider: 'workers-ai', model: MODEL, dimension: DIM, status: 'ready' });
    const r = await ask(app, "Que dit le paragraphe 24 du Plan d'action de Bucarest ?");
    expect(r.retrieval.mode).toBe('hybrid');
    expect(r.citations[0]).toMatchObject({ documentId: 'osce-bucharest-plan-2001', paragraph: '24' });
    expect(namespaces.at(-1)).toBe(h.corpus.corpusHash);
  });

  it('falls back to lexical for a question when Workers AI fails, and honours RETRIEVAL_MODE=lexical', async () => {
    const failing: AiBinding = { run: async () => Promise.reject(new Error('AI down')) };
    const r = await ask(await createWorkerApp(env({ AI: failing, VECTORIZE: vectorize })), "Que dit le paragraphe 24 du Plan d'action de Bucarest ?");
    expect(r.retrieval.mode).toBe('lexical');
    expect(r.citations[0]).toMatchObject({ documentId: 'osce-bucharest-plan-2001', paragraph: '24' });
    const h = await health(await createWorkerApp(env({ AI: ai, VECTORIZE: vectorize, RETRIEVAL_MODE: 'lexical' })));
    expect(h.retrieval).toMatchObject({ mode: 'lexical', note: expect.stringContaining('RETRIEVAL_MODE=lexical') });
  });

  it('reads the index version named by R2 `current`, and says what is missing', async () => {
    const objects = new Map<string, Uint8Array | string>([[R2_CURRENT_KEY, 'v2\n']]);
    for (const f of await readdir(path.join(assets, '_index'))) objects.set(`v2/${f}`, await readFile(path.join(assets, '_index', f)));
    const noAssets = { fetch: async () => new Response('no', { status: 404 }) };
    const app = await createWorkerApp(env({ ASSETS: noAssets, INDEX_BUCKET: memoryBucket(objects) }));
    expect((await health(app)).corpus.paragraphs).toBe(94);
    await expect(createWorkerApp(env({ INDEX_BUCKET: memoryBucket(new Map()) }))).rejects.toThrow(/"current" object/);
    await expect(createWorkerApp(env({ INDEX_BUCKET: memoryBucket(new Map([[R2_CURRENT_KEY, 'v3']])) }))).rejects.toThrow(/no v3\/manifest.json/);
  });
});

describe('npm run export:vectorize', { timeout: 30_000 }, () => {
  it('exports one vector a paragraph, in the index version namespace, and refuses an index without Workers AI vectors', async () => {
    const out = await exportForVectorize(indexDir);
    const manifest = JSON.parse(await readFile(path.join(indexDir, INDEX_FILES.manifest), 'utf8'));
    expect(out).toMatchObject({ count: 94, dimension: DIM, namespace: manifest.corpusHash, model: MODEL });
    expect(JSON.parse(out.ndjson.split('\n')[0])).toMatchObject({ id: expect.stringMatching(/^[a-z0-9-]+#\w+$/), namespace: manifest.corpusHash });
    const lexicalOnly = path.join(dir, 'lexical-only');
    await mkdir(lexicalOnly, { recursive: true });
    await writeFile(path.join(lexicalOnly, INDEX_FILES.manifest), JSON.stringify({ ...manifest, embedding: null }));
    await expect(exportForVectorize(lexicalOnly)).rejects.toThrow(/manifest.json: .*no vectors.*EMBEDDINGS_MODEL=@cf/);
  });
});
