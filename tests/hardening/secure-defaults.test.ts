/**
 * Secure defaults on the real server (127.0.0.1): nosniff and Referrer-Policy on every response, framing refused
 * except for /widget and /a/card (allowlist), embed.js with CORP and a published SRI hash, one JSON log line per
 * request honouring LOG_LEVEL, and a canary key absent from the built assets.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../ingest/build-index.js';
import { loadConfig } from '../../server/config.js';
import { rawPost, removeSharedIndex, startRealServer, type RealServer } from '../helpers/real-server.js';

const PARTNER = 'https://partner.example';
let server: RealServer;

beforeAll(async () => {
  server = await startRealServer({ ALLOWED_ORIGINS: PARTNER, RATE_LIMIT_PER_MINUTE: '1000' });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await removeSharedIndex();
});

const json = { 'content-type': 'application/json' };
const question = JSON.stringify({ question: 'Que dit le paragraphe 5 du Plan de Bucarest ?' });

describe('headers on every response', () => {
  it.each<[string, () => Promise<{ status: number; headers: Headers | Record<string, unknown> }>]>([
    ['JSON answer', () => fetch(`${server.url}/api/chat`, { method: 'POST', headers: json, body: question })],
    ['SSE answer', () => fetch(`${server.url}/api/chat`, { method: 'POST', headers: { ...json, accept: 'text/event-stream' }, body: question })],
    ['400', () => fetch(`${server.url}/api/chat`, { method: 'POST', headers: json, body: '{}' })],
    ['404 JSON', () => fetch(`${server.url}/nope`)],
    ['415', () => fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })],
    ['403 origin', () => fetch(`${server.url}/api/documents`, { headers: { origin: 'https://evil.example' } })],
    ['preflight', () => fetch(`${server.url}/api/chat`, { method: 'OPTIONS', headers: { origin: PARTNER, 'access-control-request-method': 'POST' } })],
    ['health', () => fetch(`${server.url}/healthz`)],
    ['readiness', () => fetch(`${server.url}/healthz/ready`)],
    ['chat page', () => fetch(`${server.url}/`)],
    ['asset', () => fetch(`${server.url}/assets/app.css`)],
    ['embed.js', () => fetch(`${server.url}/embed.js`)],
    ['OpenAI models', () => fetch(`${server.url}/v1/models`)],
  ])('%s', async (_name, send) => {
    const res = await send();
    const get = (k: string) => (res.headers instanceof Headers ? res.headers.get(k) : (res.headers[k] as string));
    expect(get('x-content-type-options')).toBe('nosniff');
    expect(get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('413', async () => {
    const res = await rawPost(server.port, '/api/chat', 2 ** 20);
    expect(res.status).toBe(413);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
});

describe('framing', () => {
  const ancestors = async (p: string) => /frame-ancestors ([^;]+)/.exec((await fetch(`${server.url}${p}`)).headers.get('content-security-policy') ?? '')?.[1];
  it.each(['/', '/a?q=paragraphe%205', '/documents/osce-bucharest-plan-2001', '/demo'])('%s cannot be framed', async (p) => {
    expect(await ancestors(p)).toBe("'none'");
  });
  it.each(['/widget', '/a/card?q=paragraphe%205'])('%s follows the allowlist', async (p) => {
    expect(await ancestors(p)).toBe(`'self' ${PARTNER}`);
  });
});

describe('embed.js', () => {
  it('is served with CORP cross-origin and CORS, and /embed.json publishes its SRI hash', async () => {
    const js = await fetch(`${server.url}/embed.js`);
    expect(js.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(js.headers.get('access-control-allow-origin')).toBe('*');
    const bytes = Buffer.from(await js.arrayBuffer());
    const expected = `sha384-${createHash('sha384')
      .update(await readFile('web/public/embed.js'))
      .digest('base64')}`;
    expect(`sha384-${createHash('sha384').update(bytes).digest('base64')}`).toBe(expected);
    const meta = await (await fetch(`${server.url}/embed.json`)).json();
    expect(meta).toMatchObject({ src: `${server.url}/embed.js`, integrity: expected, crossorigin: 'anonymous' });
    expect(meta.snippet).toContain(`integrity="${expected}"`);
  });
});

describe('structured logs', () => {
  it('writes one JSON line per request with id, route, status and ms, and never the query string', async () => {
    const before = server.logs.length;
    const res = await fetch(`${server.url}/documents/osce-bucharest-plan-2001?secret-question=1`);
    const lines = server.logs
      .slice(before)
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', id: res.headers.get('x-request-id'), method: 'GET', route: '/documents/:id', status: 200, ms: expect.any(Number) });
    expect(JSON.stringify(lines[0])).not.toContain('secret-question');
  });

  it.each([
    ['warn', 0],
    ['silent', 0],
    ['debug', 1],
  ])('LOG_LEVEL=%s → %i request lines', async (level, count) => {
    const s = await startRealServer({ LOG_LEVEL: level, RATE_LIMIT_PER_MINUTE: '0' });
    try {
      await fetch(`${s.url}/api/documents`);
      expect(s.logs.filter((l) => l.includes('"msg":"request"'))).toHaveLength(count);
      if (level === 'silent') expect(s.logs).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('canary key', () => {
  it('never reaches the built index or the web assets', async () => {
    const canary = 'sk-canary-built-assets-5e1d';
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ct-canary-'));
    try {
      await buildIndex({ config: loadConfig({ INDEX_DIR: dir, EMBEDDINGS_PROVIDER: 'none', LLM_API_KEY: canary, EMBEDDINGS_API_KEY: canary, LLM_BASE_URL: 'http://127.0.0.1:9/v1' }), log: () => {} });
      const files = [...(await readdir(dir, { recursive: true })).map((f) => path.join(dir, f)), ...(await readdir('web/public', { recursive: true })).map((f) => path.join('web/public', f))];
      let scanned = 0;
      for (const file of files) {
        const body = await readFile(file).catch(() => null);
        if (!body) continue;
        scanned++;
        expect(body.includes(canary), file).toBe(false);
      }
      expect(scanned).toBeGreaterThan(10);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
