/**
 * Bounded input against the real server on 127.0.0.1: oversized bodies (1 MB, 100 MB; with Content-Length and
 * chunked) get 413 JSON before the body is read; non-JSON content types get 415; permalink history is bounded.
 * Times and RSS growth are printed; the assertions are generous (a loaded 2-core machine), `npm run load` measures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawPost, removeSharedIndex, startRealServer, type RealServer } from '../helpers/real-server.js';

const MB = 2 ** 20;
let server: RealServer;

beforeAll(async () => {
  server = await startRealServer({ RATE_LIMIT_PER_MINUTE: '0' });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await removeSharedIndex();
});

describe('oversized bodies', () => {
  it.each([
    ['/api/chat', 1, false],
    ['/api/chat', 1, true],
    ['/api/chat', 100, false],
    ['/api/chat', 100, true],
    ['/v1/chat/completions', 100, false],
    ['/v1/chat/completions', 100, true],
  ])('%s: %i MB (chunked: %s) → 413 JSON before the body is read', async (route, mb, chunked) => {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const res = await rawPost(server.port, route, mb * MB, { chunked });
    const growth = (process.memoryUsage().rss - rssBefore) / MB;
    console.log(`${route} ${mb} MB chunked=${chunked}: ${res.status} in ${res.ms.toFixed(1)} ms, RSS +${growth.toFixed(1)} MB`);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'payload_too_large', message: expect.stringContaining('MAX_BODY_BYTES') } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.ms).toBeLessThan(3000);
    expect(growth).toBeLessThan(40);
  });

  it('rejects five 100 MB bodies in parallel without holding them', async () => {
    const rssBefore = process.memoryUsage().rss;
    const all = await Promise.all(Array.from({ length: 5 }, (_, i) => rawPost(server.port, '/api/chat', 100 * MB, { chunked: i % 2 === 0 })));
    const growth = (process.memoryUsage().rss - rssBefore) / MB;
    console.log(`5 × 100 MB in parallel: ${all.map((r) => r.ms.toFixed(0)).join(', ')} ms, RSS +${growth.toFixed(1)} MB`);
    expect(all.map((r) => r.status)).toEqual([413, 413, 413, 413, 413]);
    expect(growth).toBeLessThan(80);
  });

  it('still accepts a body just under the limit (64 KiB by default)', async () => {
    const question = 'Que dit le paragraphe 5 du Plan de Bucarest ?';
    const body = JSON.stringify({ question, history: [{ role: 'user', content: 'x'.repeat(60_000) }] });
    const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
  });
});

describe('content type', () => {
  it.each([
    ['text/plain', 415],
    ['application/x-www-form-urlencoded', 415],
    ['application/jsonp', 415],
    ['text/json', 415],
    [undefined, 415],
    ['application/json; charset=utf-8', 200],
    ['Application/JSON', 200],
  ])('Content-Type %s → %i', async (type, status) => {
    const headers: Record<string, string> = type ? { 'content-type': type } : {};
    const body = new TextEncoder().encode(JSON.stringify({ question: 'Que dit le paragraphe 5 du Plan de Bucarest ?' }));
    const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers, body });
    expect(res.status).toBe(status);
    if (status === 415) expect((await res.json()).error.code).toBe('unsupported_media_type');
  });
});

describe('permalink history parameters', () => {
  const link = (h: string[]) => `${server.url}/a?q=${encodeURIComponent('Et le paragraphe 6 ?')}${h.map((q) => `&h=${encodeURIComponent(q)}`).join('')}`;

  it('accepts up to MAX_HISTORY_TURNS / 2 previous questions and refuses more, without answering them', async () => {
    expect((await fetch(link(Array(6).fill('Que dit le paragraphe 5 du Plan de Bucarest ?')))).status).toBe(200);
    const res = await fetch(link(Array(7).fill('Que dit le paragraphe 5 du Plan de Bucarest ?')));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('the limit is 6');
  });

  it('refuses previous questions longer in all than MAX_HISTORY_CHARS', async () => {
    const s = await startRealServer({ RATE_LIMIT_PER_MINUTE: '0', MAX_HISTORY_CHARS: '100' });
    try {
      const res = await fetch(`${s.url}/a?q=ok&h=${'a'.repeat(60)}&h=${'b'.repeat(60)}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('120 characters in all');
    } finally {
      await s.close();
    }
  });
});
