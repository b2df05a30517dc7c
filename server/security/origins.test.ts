import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { frameAncestors, isOriginAllowed, originPolicy } from './origins.js';

const SELF = 'http://localhost';

function makeApp(env: Record<string, string>) {
  const config = loadConfig(env);
  const app = new Hono();
  app.use('*', originPolicy(config));
  app.post('/api/chat', (c) => c.json({ answer: 'ok' }));
  app.get('/api/documents', (c) => c.json({ documents: [] }));
  app.get('/api/fail', () => {
    throw new AppError('document_not_found');
  });
  app.get('/v1/models', (c) => c.json({ data: [] }));
  app.get('/api/raw', () => new Response('raw', { headers: { 'Cache-Control': 'no-store' } }));
  app.get('/api/own-cors', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    return c.json({});
  });
  app.get('/oembed', (c) => c.json({ version: '1.0' }));
  app.get('/widget', (c) => c.html('<p>widget</p>'));
  app.get('/a/card', (c) => {
    c.header('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'");
    c.header('X-Frame-Options', 'DENY');
    return c.html('<p>card</p>');
  });
  app.get('/embed.js', (c) => c.body('//', 200, { 'Content-Type': 'text/javascript' }));
  app.onError((err, c) => (err instanceof AppError ? c.json(err.toJSON(), err.status as 403) : c.json({ error: { code: 'internal', message: err.message } }, 500)));
  return app;
}

const listed = { ALLOWED_ORIGINS: 'https://allowed.example, https://other.example' };

describe('isOriginAllowed / frameAncestors', () => {
  it('allows listed, same-origin and PUBLIC_URL origins only', () => {
    const config = loadConfig({ ...listed, PUBLIC_URL: 'https://ct.example/' });
    expect(isOriginAllowed('https://allowed.example', `${SELF}/api/chat`, config)).toBe(true);
    expect(isOriginAllowed(SELF, `${SELF}/api/chat`, config)).toBe(true);
    expect(isOriginAllowed('https://ct.example', `${SELF}/api/chat`, config)).toBe(true);
    expect(isOriginAllowed('https://evil.example', `${SELF}/api/chat`, config)).toBe(false);
    expect(isOriginAllowed('null', `${SELF}/api/chat`, config)).toBe(false);
    expect(isOriginAllowed('https://allowed.example.evil.example', `${SELF}/api/chat`, config)).toBe(false);
  });
  it('builds the frame-ancestors list', () => {
    expect(frameAncestors(loadConfig({}))).toBe('*');
    expect(frameAncestors(loadConfig(listed))).toBe("'self' https://allowed.example https://other.example");
  });
});

describe('originPolicy on the API', () => {
  const app = makeApp(listed);
  const chat = (headers: Record<string, string>) => app.request('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"question":"q"}' });

  it('lets requests without Origin through (curl, servers)', async () => {
    const res = await chat({});
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers an allowed origin with CORS headers', async () => {
    const res = await chat({ Origin: 'https://allowed.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });

  it('allows the server’s own origin', async () => {
    const res = await chat({ Origin: SELF });
    expect(res.status).toBe(200);
  });

  it('refuses a browser origin that is not allowed with 403 origin_not_allowed', async () => {
    const res = await chat({ Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('origin_not_allowed');
    expect(body.error.message).toContain('https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('applies to /v1/* and /oembed too, not to other paths', async () => {
    for (const path of ['/v1/models', '/oembed', '/api/documents']) {
      const res = await app.request(path, { headers: { Origin: 'https://evil.example' } });
      expect(res.status, path).toBe(403);
    }
    const ok = await app.request('/oembed', { headers: { Origin: 'https://other.example' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://other.example');
    const script = await app.request('/embed.js', { headers: { Origin: 'https://evil.example' } });
    expect(script.status).toBe(200);
  });

  it('answers preflights: allowed → 204 with methods and headers; refused → 403', async () => {
    const pre = (origin: string) =>
      app.request('/api/chat', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
    const ok = await pre('https://allowed.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(ok.headers.get('access-control-max-age')).toBe('600');
    const refused = await pre('https://evil.example');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
  });

  it('keeps CORS headers on error responses so the browser can read them', async () => {
    const res = await app.request('/api/fail', { headers: { Origin: 'https://allowed.example' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
  });

  it('adds the CORS headers to responses a handler builds itself, and keeps a handler’s own Allow-Origin', async () => {
    const raw = await app.request('/api/raw', { headers: { Origin: 'https://allowed.example' } });
    expect(await raw.text()).toBe('raw');
    expect(raw.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    expect(raw.headers.get('access-control-expose-headers')).toBe('Content-Type');
    expect(raw.headers.get('vary')).toBe('Origin');
    expect(raw.headers.get('cache-control')).toBe('no-store');
    const own = await app.request('/api/own-cors', { headers: { Origin: 'https://allowed.example' } });
    expect(own.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('with ALLOWED_ORIGINS=* allows every origin', async () => {
    const open = makeApp({});
    const res = await open.request('/api/chat', { method: 'POST', headers: { Origin: 'https://anyone.example', 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('vary')).toBe('Origin');
  });
});

describe('originPolicy on pages', () => {
  it('sets frame-ancestors from the allowlist on HTML pages', async () => {
    const res = await makeApp(listed).request('/widget');
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'self' https://allowed.example https://other.example");
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  it('merges into an existing policy, replacing its frame-ancestors, and drops X-Frame-Options', async () => {
    const res = await makeApp(listed).request('/a/card');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'self' https://allowed.example https://other.example");
    expect(csp).not.toContain("'none'");
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  it('allows every ancestor with ALLOWED_ORIGINS=*', async () => {
    const res = await makeApp({}).request('/widget');
    expect(res.headers.get('content-security-policy')).toBe('frame-ancestors *');
  });

  it('leaves non-HTML responses alone', async () => {
    const res = await makeApp(listed).request('/embed.js');
    expect(res.headers.get('content-security-policy')).toBeNull();
  });
});
