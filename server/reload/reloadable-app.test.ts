import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { ReloadableApp, type Generation } from './reloadable-app.js';

/** A generation whose `/slow` route waits for `release()`, to hold a request in flight across a swap. */
function generation(id: string, closed?: string[]) {
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const app = new Hono();
  app.get('/which', (c) => c.json({ id }));
  app.get('/slow', async (c) => {
    await gate;
    return c.json({ id });
  });
  const close = closed ? async () => void closed.push(id) : undefined;
  return { gen: { id, app, documents: 1, paragraphs: 2, ...(close ? { close } : {}) } satisfies Generation, release };
}

const describeErr = (err: unknown) => ({
  code: err instanceof AppError ? err.code : 'internal',
  message: 'failed',
  ...(err instanceof AppError && err.code === 'index_corrupt' ? { file: 'corpus.json' } : {}),
});

describe('ReloadableApp', () => {
  it('is not ready (503) until a generation loads, then serves it', async () => {
    let next: () => Promise<Generation> = () => Promise.reject(new AppError('index_corrupt', '/secret/path/corpus.json: bad'));
    const r = new ReloadableApp({ load: () => next(), describe: describeErr });
    expect((await r.reload()).reloaded).toBe(false);
    const res = await r.app.request('/which');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('index_not_ready');
    const ready = await r.app.request('/healthz/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, reason: { code: 'index_corrupt', message: 'failed', file: 'corpus.json' } });
    next = async () => generation('a').gen;
    await r.reload();
    expect(await (await r.app.request('/which')).json()).toEqual({ id: 'a' });
    expect((await r.app.request('/healthz/ready')).status).toBe(200);
  });

  it('a failed reload keeps serving the old generation and reports the error', async () => {
    let fail = false;
    const r = new ReloadableApp({ load: async () => (fail ? Promise.reject(new AppError('index_corrupt')) : generation('a').gen), describe: describeErr });
    await r.reload();
    fail = true;
    expect(await r.reload()).toMatchObject({ reloaded: false, error: { file: 'corpus.json' } });
    expect((await r.app.request('/which')).status).toBe(200);
    expect(r.readiness()).toMatchObject({ ready: true, index: { build: 'a' }, lastReloadError: { code: 'index_corrupt' } });
  });

  it('POST /api/admin/reload: 404 without ADMIN_TOKEN, 401 with a wrong token, reloads with the right one', async () => {
    const off = new ReloadableApp({ load: async () => generation('a').gen, describe: describeErr });
    await off.reload();
    expect((await off.app.request('/api/admin/reload', { method: 'POST' })).status).toBe(404);
    let n = 0;
    const on = new ReloadableApp({ load: async () => generation(`g${++n}`).gen, describe: describeErr, adminToken: 's3cret' });
    await on.reload();
    expect((await on.app.request('/api/admin/reload', { method: 'POST' })).status).toBe(401);
    expect((await on.app.request('/api/admin/reload', { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await on.app.request('/api/admin/reload', { method: 'POST', headers: { authorization: 'Bearer s3cret' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ reloaded: true, index: { build: 'g2', documents: 1, paragraphs: 2 } });
  });

  it('swaps atomically: a request in flight finishes on the old generation, which closes once it has (exactly once)', async () => {
    const closed: string[] = [];
    const a = generation('a', closed);
    const b = generation('b', closed);
    let next = a.gen;
    const r = new ReloadableApp({ load: async () => next, describe: describeErr });
    await r.reload();
    const inFlight = r.app.request('/slow');
    next = b.gen;
    await r.reload();
    expect(await (await r.app.request('/which')).json()).toEqual({ id: 'b' });
    expect(closed).toEqual([]);
    expect(r.draining()).toBe(1);
    a.release();
    expect(await (await inFlight).json()).toEqual({ id: 'a' });
    expect(closed).toEqual(['a']);
    expect(r.draining()).toBe(0);
    next = generation('c', closed).gen;
    await r.reload();
    await Promise.resolve();
    expect(closed).toEqual(['a', 'b']);
    await r.close();
    expect(closed).toEqual(['a', 'b', 'c']);
  });

  it('a streamed response keeps its generation open until the stream ends', async () => {
    const closed: string[] = [];
    let push = (_s: string | null) => {};
    const app = new Hono();
    app.get('/stream', () => {
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (push = (s) => (s === null ? c.close() : c.enqueue(new TextEncoder().encode(s)))) });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const gens = [{ id: 'a', app, documents: 1, paragraphs: 1, close: async () => void closed.push('a') }, generation('b', closed).gen];
    const r = new ReloadableApp({ load: async () => gens.shift()!, describe: describeErr });
    await r.reload();
    const res = await r.app.request('/stream');
    await r.reload();
    push('data: 1\n\n');
    push(null);
    expect(closed).toEqual([]);
    expect(await res.text()).toBe('data: 1\n\n');
    await Promise.resolve();
    expect(closed).toEqual(['a']);
  });

  it('close() closes the current generation and the draining ones at once', async () => {
    const closed: string[] = [];
    const c = generation('c', closed);
    const queue = [c.gen, generation('d', closed).gen];
    const r = new ReloadableApp({ load: async () => queue.shift()!, describe: describeErr });
    await r.reload();
    const pending = r.app.request('/slow');
    await r.reload();
    await r.close();
    expect(closed.sort()).toEqual(['c', 'd']);
    c.release();
    await pending;
    expect(closed).toHaveLength(2);
  });
});
