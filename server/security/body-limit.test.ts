import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { limitBody } from './body-limit.js';

function makeApp(max: number) {
  const app = new Hono();
  app.use('*', limitBody(max));
  app.post('/echo', async (c) => c.text(await c.req.text()));
  app.get('/get', (c) => c.text('ok'));
  app.onError((err, c) => (err instanceof AppError ? c.json(err.toJSON(), err.status as 413) : c.text('internal', 500)));
  return app;
}

describe('limitBody', () => {
  const app = makeApp(10);

  it('passes a body within the declared limit untouched', async () => {
    const res = await app.request('/echo', { method: 'POST', headers: { 'content-length': '5' }, body: 'hello' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello');
  });

  it('refuses a declared Content-Length over the limit with 413 payload_too_large', async () => {
    const res = await app.request('/echo', { method: 'POST', headers: { 'content-length': '11' }, body: 'hello world' });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'payload_too_large', message: expect.stringContaining('MAX_BODY_BYTES') });
  });

  it('counts a body without Content-Length as it streams', async () => {
    const small = await app.request('/echo', { method: 'POST', body: 'hello' });
    expect(await small.text()).toBe('hello');
    const big = await app.request('/echo', { method: 'POST', body: 'x'.repeat(11) });
    expect(big.status).toBe(413);
  });

  it('lets GET through', async () => {
    expect((await app.request('/get')).status).toBe(200);
  });
});
