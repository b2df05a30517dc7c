/**
 * Abuse limits on the real server (127.0.0.1): per-client rate limit with RateLimit-* headers and 429 +
 * Retry-After; X-Forwarded-For believed only from TRUSTED_PROXIES; a full LLM pool answers 503 + Retry-After fast.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeLlm } from '../helpers/fake-llm.js';
import { removeSharedIndex, startRealServer } from '../helpers/real-server.js';

afterAll(() => removeSharedIndex());

const QUESTION = JSON.stringify({ question: 'Que dit le paragraphe 5 du Plan de Bucarest ?' });
const postChat = (url: string, headers: Record<string, string> = {}) => fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: QUESTION });

describe('rate limit', () => {
  it('counts every limited route per client, with RateLimit-* headers, then 429 with Retry-After', async () => {
    const s = await startRealServer({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const first = await postChat(s.url);
      expect(first.status).toBe(200);
      expect(first.headers.get('ratelimit-limit')).toBe('5');
      expect(first.headers.get('ratelimit-remaining')).toBe('4');
      expect(first.headers.get('ratelimit-policy')).toBe('5;w=60');
      expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      for (const path of ['/api/documents', '/v1/models', `/a?q=${encodeURIComponent('Que dit le paragraphe 5 ?')}`, '/api/documents/osce-bucharest-plan-2001']) {
        const res = await fetch(`${s.url}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('ratelimit-limit'), path).toBe('5');
      }
      const limited = await postChat(s.url);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.headers.get('ratelimit-remaining')).toBe('0');
      const health = await fetch(`${s.url}/healthz`);
      expect(health.status).toBe(200);
      expect(health.headers.get('ratelimit-limit')).toBeNull();
      expect((await fetch(`${s.url}/`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('ignores X-Forwarded-For from an untrusted peer, and believes it from TRUSTED_PROXIES', async () => {
    const untrusted = await startRealServer({ RATE_LIMIT_PER_MINUTE: '2' });
    const trusted = await startRealServer({ RATE_LIMIT_PER_MINUTE: '2', TRUSTED_PROXIES: '127.0.0.1' });
    try {
      const spoof = ['203.0.113.1', '203.0.113.2', '203.0.113.3'].map((ip) => ({ 'x-forwarded-for': ip }));
      const a = [];
      for (const h of spoof) a.push((await postChat(untrusted.url, h)).status);
      expect(a).toEqual([200, 200, 429]);
      const b = [];
      for (const h of [...spoof, ...spoof, spoof[0]]) b.push((await postChat(trusted.url, h)).status);
      expect(b).toEqual([200, 200, 200, 200, 200, 200, 429]);
    } finally {
      await untrusted.close();
      await trusted.close();
    }
  });

  it('RATE_LIMIT_PER_MINUTE=0 turns it off (no headers, no 429)', async () => {
    const s = await startRealServer({ RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const statuses = await Promise.all(Array.from({ length: 30 }, () => fetch(`${s.url}/api/documents`).then((r) => [r.status, r.headers.get('ratelimit-limit')])));
      expect(statuses.every(([status, header]) => status === 200 && header === null)).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe('bounded LLM concurrency', () => {
  it('answers 503 busy with Retry-After at once when the LLM pool is full, JSON and SSE', async () => {
    const llm = await startFakeLlm('slow');
    const s = await startRealServer({ ANSWERER: 'llm', LLM_BASE_URL: llm.url, LLM_TIMEOUT_MS: '3000', LLM_MAX_CONCURRENCY: '1', RATE_LIMIT_PER_MINUTE: '0', ANSWER_CACHE_SIZE: '0' });
    try {
      const pending = postChat(s.url);
      await expect.poll(() => llm.calls, { timeout: 10_000, interval: 10 }).toBe(1);
      for (const accept of ['application/json', 'text/event-stream']) {
        const start = performance.now();
        const busy = await postChat(s.url, { accept });
        const ms = performance.now() - start;
        console.log(`503 busy (${accept}) in ${ms.toFixed(1)} ms`);
        expect(busy.status).toBe(503);
        expect(busy.headers.get('retry-after')).toBe('5');
        expect(await busy.json()).toEqual({ error: { code: 'busy', message: expect.any(String) } });
        expect(ms).toBeLessThan(2000);
      }
      const ready = await (await fetch(`${s.url}/healthz/ready`)).json();
      expect(ready.llm).toMatchObject({ inFlight: 1, maxConcurrency: 1 });
      const first = await pending;
      expect(first.status).toBe(200);
      expect((await first.json()).degraded).toBe('llm_unavailable');
      expect((await postChat(s.url)).status).toBe(200);
    } finally {
      await s.close();
      await llm.close();
    }
  }, 60_000);
});
