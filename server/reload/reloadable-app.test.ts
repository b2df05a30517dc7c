import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { ReloadableApp, type Generation } from './reloadable-app.js';

/** A generation whose `/slow` route waits for `release()`, to hold a request in flight across a swap. */
function generation(id: string) {
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const app = new Hono();
  app.get('/which', (c) => c.json({ id }));
  app.get('/slow', async (c) => {
    await gate;
    return c.json({ id });
  });
  return { gen: { id, app, documents: 1, paragraphs: 2 } satisfies Generation, release };
}

const describeErr = (err: unknown) => ({ code: err instanceof AppError ? err.code : 'internal', message: 'failed', ...(err instanceof AppError && err.code === 'index_corrupt' ? { file: 'corpus.json' } : {}) });

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

  it('swaps atomically: a request in flight finishes on the old generation, new ones get the new', async () => {
    const a = generation('a');
    const b = generation('b');
    let next = a.gen;
    const r = new ReloadableApp({ load: async () => next, describe: describeErr });
    await r.reload();
    const inFlight = r.app.request('/slow');
    next = b.gen;
    await r.reload();
    expect(await (await r.app.request('/which')).json()).toEqual({ id: 'b' });
    a.release();
    expect(await (await inFlight).json()).toEqual({ id: 'a' });
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
});
