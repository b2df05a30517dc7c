/**
 * The built Worker bundle in workerd (Miniflare), configured from wrangler.toml, against the Node app on the same
 * index: health, French and English questions with their citations, a user-ingested document, the documents API,
 * errors, and identical `/api/chat` bodies for every question of the seed suite (evals/suites/core.jsonl).
 * Documented differences: `/healthz` `retrieval.note` names the runtime; nothing else may differ.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSuite } from '../evals/lib/suite.js';
import { buildIndex } from '../ingest/build-index.js';
import { createNodeRuntime, type NodeRuntime } from '../node/runtime.js';
import { bundleWorker, layoutWorkerAssets, WORKER_INDEX_FILES } from '../scripts/lib/worker-bundle.js';
import { readWranglerSettings, startWorkerd, type RunningWorker } from '../scripts/lib/workerd.js';
import { loadConfig } from '../server/config.js';
import type { ChatRequest, ChatResponse } from '../server/types.js';

const SLOW = 180_000;
let dir: string;
let worker: RunningWorker;
let node: NodeRuntime;
let built: { script: string; assetsDir: string; indexDir: string };

const MEMO = [
  '# Internal memo on sanctions screening',
  '',
  '1. Banks must screen every wire transfer against the consolidated sanctions list before execution.',
  '',
  '2. Money laundering alerts are escalated to the compliance officer within two business days.',
].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-workerd-'));
  const memo = path.join(dir, 'sanctions-memo.md');
  await writeFile(memo, MEMO);
  const vars = readWranglerSettings().vars;
  const config = loadConfig({ ...vars, INDEX_DIR: path.join(dir, 'index'), CORPUS_DIR: path.resolve('corpus') });
  await buildIndex({ config, paths: [memo] });
  const assetsDir = path.join(dir, 'assets');
  await layoutWorkerAssets({ indexDir: config.indexDir, outDir: assetsDir });
  const script = await bundleWorker({ outDir: path.join(dir, 'bundle'), assetsDir });
  built = { script, assetsDir, indexDir: config.indexDir };
  // Every request comes from one local address: the per-client rate limit would refuse most of the suite.
  worker = await startWorkerd({ script, assetsDir, vars: { RATE_LIMIT_PER_MINUTE: '0' } });
  node = await createNodeRuntime(config, { buildIfMissing: false });
}, SLOW);

afterAll(async () => {
  await worker?.close();
  await rm(dir, { recursive: true, force: true });
}, SLOW);

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const ask = async (request: ChatRequest) => (await (await worker.fetch('/api/chat', post(request))).json()) as ChatResponse;

/** Status, content type and body of the same request on workerd and on Node. */
async function both(pathname: string, init?: RequestInit) {
  const w = await worker.fetch(pathname, init);
  const n = await node.app.request(`http://worker.test${pathname}`, init);
  return {
    worker: { status: w.status, type: w.headers.get('content-type'), body: await w.text() },
    node: { status: n.status, type: n.headers.get('content-type'), body: await n.text() },
  };
}

describe('the Worker bundle in workerd', { timeout: 60_000 }, () => {
  it('reports lexical mode on /healthz, with the Node health apart from the runtime note', async () => {
    const health = await (await worker.fetch('/healthz')).json();
    expect(health).toMatchObject({
      status: 'ok',
      retrieval: { mode: 'lexical', note: expect.stringContaining('Workers') },
      embedding: { provider: 'none', status: 'disabled' },
      answerer: 'extractive',
      corpus: { documents: 6 },
    });
    const { note: _w, ...workerRetrieval } = health.retrieval;
    const { note: _n, ...nodeRetrieval } = node.health().retrieval;
    expect({ ...health, retrieval: workerRetrieval }).toEqual({ ...node.health(), retrieval: nodeRetrieval });
  });

  it('answers a French question with the paragraph it names', async () => {
    const r = await ask({ question: "Que dit le paragraphe 24 du Plan d'action de Bucarest ?" });
    expect(r.language).toBe('fr');
    expect(r.citations[0]).toMatchObject({ documentId: 'osce-bucharest-plan-2001', paragraph: '24' });
  });

  it('answers an English question from the French texts, with the right citation', async () => {
    const r = await ask({ question: 'By what date should OSCE participating States try to become parties to the UN counter-terrorism conventions?' });
    expect(r.language).toBe('en');
    expect(r.abstained).toBe(false);
    expect(r.citations[0]).toMatchObject({ documentId: 'osce-bucharest-plan-2001', paragraph: '5' });
  });

  it('answers from a user-ingested document bundled in the index', async () => {
    const r = await ask({ question: 'Within how many days are money laundering alerts escalated?' });
    expect(r.citations[0]).toMatchObject({ documentId: 'user-sanctions-memo', paragraph: '2' });
    const doc = await (await worker.fetch('/api/documents/user-sanctions-memo')).json();
    expect(doc.paragraphs.map((p: { label: string }) => p.label)).toEqual(['1', '2']);
  });

  it('serves the documents API, the web UI and its assets exactly as Node does, but not the raw index or .d.ts files', async () => {
    for (const p of [
      '/api/documents',
      '/api/documents/osce-bucharest-plan-2001',
      '/api/documents/osce-bucharest-plan-2001/paragraphs/24',
      '/',
      '/widget',
      '/embed.js',
      '/assets/app.css',
      '/documents/osce-bucharest-plan-2001',
      `/a?q=${encodeURIComponent('Que dit le paragraphe 5 du Plan de Bucarest ?')}`,
    ]) {
      const r = await both(p);
      expect(r.worker, p).toEqual(r.node);
      expect(r.worker.status, p).toBe(200);
    }
    expect((await worker.fetch('/_index/corpus-meta.json')).status).toBe(404);
    expect((await worker.fetch('/assets/i18n.d.ts')).status).toBe(404);
  });

  it('maps errors to the same JSON as Node', async () => {
    const cases: Array<[string, RequestInit | undefined, number]> = [
      ['/api/chat', post('{'), 400],
      ['/api/chat', post({ question: '' }), 400],
      ['/api/chat', post('{}', { 'content-type': 'text/plain' }), 415],
      ['/api/documents/nope', undefined, 404],
      ['/api/documents/osce-bucharest-plan-2001/paragraphs/999', undefined, 404],
      ['/nowhere', undefined, 404],
    ];
    for (const [p, init, status] of cases) {
      const r = await both(p, init);
      expect(r.worker, p).toEqual(r.node);
      expect(r.worker.status, `${p} ${init?.body ?? ''}`).toBe(status);
      expect(JSON.parse(r.worker.body).error.code).toBeTruthy();
    }
  });

  it('streams the same server-sent events as Node', async () => {
    const r = await both('/api/chat', post({ question: 'Quelles mesures le Plan de Bucarest prévoit-il contre le financement du terrorisme ?' }, { accept: 'text/event-stream' }));
    expect(r.worker.type).toContain('text/event-stream');
    expect(r.worker).toEqual(r.node);
  });

  it('gives the same /api/chat body as Node for every question of the seed suite', { timeout: SLOW }, async () => {
    const { items } = await loadSuite(path.resolve('evals/suites/core.jsonl'));
    const differing: string[] = [];
    for (const item of items) {
      const init = post({ question: item.question, ...(item.history ? { history: item.history } : {}) });
      const r = await both('/api/chat', init);
      if (r.worker.status !== 200 || JSON.stringify(r.worker) !== JSON.stringify(r.node)) differing.push(item.id);
    }
    expect(items.length).toBeGreaterThanOrEqual(100);
    expect(differing).toEqual([]);
  });
});

describe('the Worker bundle in workerd with an INDEX_BUCKET (R2) binding', () => {
  it('serves the index version that the `current` object names', { timeout: SLOW }, async () => {
    const r2 = await startWorkerd({ script: built.script, assetsDir: built.assetsDir, r2Buckets: ['INDEX_BUCKET'] });
    try {
      for (const f of WORKER_INDEX_FILES) {
        const bytes = await readFile(path.join(built.indexDir, f));
        await r2.putR2('INDEX_BUCKET', `v7/${f}`, f === 'manifest.json' ? JSON.stringify({ ...JSON.parse(bytes.toString('utf8')), corpusHash: 'from-r2-v7' }) : bytes);
      }
      await r2.putR2('INDEX_BUCKET', 'current', 'v7');
      expect((await (await r2.fetch('/healthz')).json()).corpus.corpusHash).toBe('from-r2-v7');
      expect((await (await r2.fetch('/api/chat', post({ question: 'Within how many days are money laundering alerts escalated?' }))).json()).citations[0]).toMatchObject({
        documentId: 'user-sanctions-memo',
        paragraph: '2',
      });
    } finally {
      await r2.close();
    }
  });
});
