/**
 * Safe failure against the real server and a fake LLM on 127.0.0.1: down, slow, endless, flooding, or echoing
 * its credentials. Every answer falls back to the extractive one, flagged `degraded: "llm_unavailable"` in JSON,
 * SSE, the OpenAI-compatible endpoint and the `/a` page; the canary key appears in no response and no log line.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm, type FakeLlmMode } from '../helpers/fake-llm.js';
import { removeSharedIndex, startRealServer, type RealServer } from '../helpers/real-server.js';

const CANARY = 'sk-canary-7f3a9c1e5b2d46801234';
const QUESTION = 'Que dit le paragraphe 5 du Plan de Bucarest ?';
const env = (baseUrl: string) => ({ ANSWERER: 'llm', LLM_BASE_URL: baseUrl, LLM_API_KEY: CANARY, LLM_TIMEOUT_MS: '400', LLM_MAX_TOKENS: '50', RATE_LIMIT_PER_MINUTE: '0', ANSWER_CACHE_SIZE: '0' });

let llm: FakeLlm;
let server: RealServer;

beforeAll(async () => {
  llm = await startFakeLlm('ok');
  server = await startRealServer(env(llm.url));
}, 120_000);
afterAll(async () => {
  await server?.close();
  await llm?.close();
  await removeSharedIndex();
});

/** Every way a client can get an answer, as raw text (JSON, SSE, OpenAI JSON and SSE, permalink HTML). */
async function allOutputs(s: RealServer): Promise<Record<string, string>> {
  const post = (route: string, body: unknown, accept = 'application/json') =>
    fetch(`${s.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) }).then((r) => r.text());
  const messages = [{ role: 'user', content: QUESTION }];
  return {
    json: await post('/api/chat', { question: QUESTION }),
    sse: await post('/api/chat', { question: QUESTION }, 'text/event-stream'),
    openai: await post('/v1/chat/completions', { messages }),
    openaiStream: await post('/v1/chat/completions', { messages, stream: true }),
    page: await fetch(`${s.url}/a?q=${encodeURIComponent(QUESTION)}`).then((r) => r.text()),
    ready: await fetch(`${s.url}/healthz/ready`).then((r) => r.text()),
    health: await fetch(`${s.url}/healthz`).then((r) => r.text()),
  };
}

function expectDegraded(out: Record<string, string>): void {
  const json = JSON.parse(out.json);
  expect(json.degraded).toBe('llm_unavailable');
  expect(json.citations[0]).toMatchObject({ documentId: 'osce-bucharest-plan-2001', paragraph: '5' });
  expect(out.sse).toMatch(/event: citations\ndata: .*"degraded":"llm_unavailable"/);
  expect(out.sse).toMatch(/event: done\ndata: .*"degraded":"llm_unavailable"/);
  expect(out.sse).not.toContain('event: error');
  expect(JSON.parse(out.openai).degraded).toBe('llm_unavailable');
  expect(out.openaiStream).toContain('"degraded":"llm_unavailable"');
  expect(out.page).toContain('data-degraded="llm_unavailable"');
  expect(JSON.parse(out.ready).llm).toMatchObject({ status: 'failing' });
}

function expectNoLeak(s: RealServer, out: Record<string, string>, port: string): void {
  for (const [where, text] of Object.entries(out)) {
    expect(text, where).not.toContain(CANARY);
    expect(text, where).not.toContain('canary');
    expect(text, where).not.toContain(`127.0.0.1:${port}`);
  }
  for (const line of s.logs) expect(line).not.toContain(CANARY);
}

describe('LLM failures fall back to the extractive answer', () => {
  it('answers with the LLM when it works, and readiness says ok', async () => {
    llm.mode = 'ok';
    const out = await allOutputs(server);
    expect(JSON.parse(out.json).degraded).toBeUndefined();
    expect(JSON.parse(out.json).answer).toMatch(/\[Plan d.action de Bucarest, §5\]/);
    expect(JSON.parse(out.ready)).toMatchObject({ status: 'ready', llm: { status: 'ok' } });
  });

  it.each<FakeLlmMode>(['error-echo', 'stream-error-echo', 'slow', 'endless', 'flood'])(
    '%s: degraded answer everywhere, no secret anywhere',
    async (mode) => {
      llm.mode = mode;
      const logsBefore = server.logs.length;
      const start = performance.now();
      const out = await allOutputs(server);
      console.log(`${mode}: 5 answers (JSON, SSE, OpenAI ×2, /a) in ${(performance.now() - start).toFixed(0)} ms`);
      expectDegraded(out);
      expectNoLeak(server, out, new URL(llm.url).port);
      const warnings = server.logs
        .slice(logsBefore)
        .map((l) => JSON.parse(l))
        .filter((l) => l.level === 'warn');
      expect(warnings.length).toBeGreaterThanOrEqual(5);
      expect(warnings[0]).toMatchObject({ msg: expect.stringContaining('LLM failed'), code: 'llm_failed' });
    },
    60_000,
  );

  it('masks the key when the LLM puts it in an answer', async () => {
    llm.mode = 'content-echo';
    const out = await allOutputs(server);
    expect(JSON.parse(out.json).answer).toContain('[REDACTED]');
    expectNoLeak(server, out, new URL(llm.url).port);
  });

  it('a down LLM (connection refused): degraded answers, failure logged, readiness reports it without the URL', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const down = await startRealServer(env(`http://127.0.0.1:${port}/v1`));
    try {
      const out = await allOutputs(down);
      expectDegraded(out);
      expectNoLeak(down, out, String(port));
      expect(down.logs.some((l) => l.includes('"level":"warn"') && l.includes('LLM failed'))).toBe(true);
      const health = JSON.parse(out.health);
      expect(health.status).toBe('ok');
    } finally {
      await down.close();
    }
  });
});
