import { describe, expect, it } from 'vitest';
import { corpusApp } from '../../tests/helpers/corpus-app.js';
import { createApp } from '../app.js';
import { silentLogger } from '../logging/logger.js';
import { scrub } from './health-app.js';

describe('health', () => {
  it('scrubs URLs and absolute paths from published text', () => {
    expect(scrub('fetch failed: http://10.0.0.5:11434/v1/embeddings (ECONNREFUSED)')).toBe('fetch failed: [url] (ECONNREFUSED)');
    expect(scrub('cannot read /srv/app/data/index/vectors.hnsw')).toBe('cannot read [path]');
  });

  it('/healthz/ready is 200 when the index is ready, and reports upstreams by state only', async () => {
    const { app } = corpusApp();
    const res = await app.request('/healthz/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', index: { status: 'ready' }, llm: { status: 'disabled' }, embeddings: { status: 'disabled' } });
  });

  it('a not-ready index: /healthz/ready 503 with the reason, answer routes 503 not_ready with Retry-After', async () => {
    const base = corpusApp();
    const app = createApp({
      logger: silentLogger,
      config: base.config,
      store: base.store,
      chat: base.chat,
      health: () => ({
        status: 'ok',
        retrieval: { mode: 'lexical' },
        embedding: { provider: 'none', model: null, dimension: null, status: 'disabled' },
        answerer: 'extractive',
        corpus: { documents: 0, paragraphs: 0, corpusHash: '', indexedAt: '' },
      }),
      readiness: () => ({ ready: false, reason: 'checksum mismatch in /data/index/lexical-postings.bin' }),
    });
    const ready = await app.request('/healthz/ready');
    expect(ready.status).toBe(503);
    expect((await ready.json()).index).toEqual({ status: 'not_ready', reason: 'checksum mismatch in [path]' });
    const chat = await app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"x"}' });
    expect(chat.status).toBe(503);
    expect(chat.headers.get('retry-after')).toBe('5');
    expect((await chat.json()).error.code).toBe('not_ready');
    expect((await app.request('/healthz')).status).toBe(200);
  });
});
