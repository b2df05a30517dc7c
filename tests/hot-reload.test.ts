/**
 * Hot swap under load, against the real server on 127.0.0.1: while concurrent requests run, `npm run ingest`
 * publishes new indexes (picked up by the link watcher, then by `POST /api/admin/reload`, then a corrupt one
 * that is refused); zero requests fail and every new document appears without a restart.
 */
import type { AddressInfo } from 'node:net';
import { mkdtemp, realpath, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../ingest/build-index.js';
import { createNodeRuntime, type NodeRuntime } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';
import { INDEX_FILES } from '../server/index-format.js';

let dir: string;
let runtime: NodeRuntime;
let server: ServerType;
let base: string;
const config = () =>
  loadConfig({
    INDEX_DIR: path.join(dir, 'data', 'index'),
    CORPUS_DIR: path.resolve('corpus'),
    EMBEDDINGS_PROVIDER: 'none',
    ADMIN_TOKEN: 'test-token',
    ANSWER_CACHE_SIZE: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
  });
const memo = (n: number) => `# Memo ${n}\n\n1. Memo ${n} requires banks to screen transfers.\n\n2. Alerts are escalated.\n\n3. Records are kept.`;

async function addDocument(n: number): Promise<void> {
  const file = path.join(dir, `memo-${n}.md`);
  await writeFile(file, memo(n));
  await buildIndex({ config: config(), paths: [file] });
}

const documentIds = async () => ((await (await fetch(`${base}/api/documents`)).json()) as { documents: Array<{ id: string }> }).documents.map((d) => d.id);

async function until(cond: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-reload-'));
  await addDocument(0);
  runtime = await createNodeRuntime(config(), { buildIfMissing: false, watch: true, allowNotReady: true });
  server = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await runtime.close();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('hot swap under load', () => {
  it('serves new indexes without a restart and fails no request', async () => {
    const statuses = new Map<number, number>();
    let stop = false;
    let sent = 0;
    const MAX = 50_000;
    const marks: number[] = [];
    const requests: Array<() => Promise<Response>> = [
      () => fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Que disent les textes sur le gel des avoirs ?' }) }),
      () => fetch(`${base}/api/documents`),
      () => fetch(`${base}/documents/user-memo-0`),
      () => fetch(`${base}/healthz`),
    ];
    const worker = async (w: number) => {
      for (let i = w; !stop && sent < MAX; i++) {
        sent++;
        const res = await requests[i % requests.length]();
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    const load = Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)));

    await until(async () => sent > 50, 'the load to start');
    marks.push(sent);
    await addDocument(1);
    await until(async () => (await documentIds()).includes('user-memo-1'), 'the watcher to serve memo-1');

    marks.push(sent);
    await runtime.close();
    await addDocument(2);
    expect(await documentIds()).not.toContain('user-memo-2');
    const reload = await fetch(`${base}/api/admin/reload`, { method: 'POST', headers: { authorization: 'Bearer test-token' } });
    expect(reload.status).toBe(200);
    expect(await documentIds()).toContain('user-memo-2');

    marks.push(sent);
    await addDocument(3);
    const published = await realpath(path.join(dir, 'data', 'index'));
    await truncate(path.join(published, INDEX_FILES.corpus), 10);
    const refused = await fetch(`${base}/api/admin/reload`, { method: 'POST', headers: { authorization: 'Bearer test-token' } });
    expect(refused.status).toBe(503);
    expect(JSON.stringify(await refused.json())).toContain(INDEX_FILES.corpus);
    expect(await documentIds()).not.toContain('user-memo-3');
    const ready = (await (await fetch(`${base}/healthz/ready`)).json()) as { ready: boolean; lastReloadError?: { file?: string } };
    expect(ready).toMatchObject({ ready: true, lastReloadError: { file: INDEX_FILES.corpus } });

    marks.push(sent);
    await until(async () => sent > marks[3] + 50, 'more load after the last reload');
    stop = true;
    await load;
    const total = [...statuses.values()].reduce((s, n) => s + n, 0);
    console.log(
      `hot swap: ${total} requests from 12 concurrent clients over 3 publications (watcher, admin reload, refused corrupt index); statuses ${JSON.stringify(Object.fromEntries(statuses))}; sent at each milestone ${marks.join(', ')}`,
    );
    for (let i = 1; i < marks.length; i++) expect(marks[i]).toBeGreaterThan(marks[i - 1]);
    expect(sent).toBeLessThan(MAX);
    expect([...statuses.keys()]).toEqual([200]);
    expect(total).toBeGreaterThan(100);
  }, 120_000);
});
