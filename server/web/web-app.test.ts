import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ChatService, ChatStreamEvent } from '../chat/chat-service-types.js';
import { loadConfig } from '../config.js';
import { CorpusStore } from '../corpus/corpus-store.js';
import { AppError } from '../errors.js';
import type { ChatRequest, ChatResponse, DocumentMeta, Paragraph } from '../types.js';
import { createWebApp, oembedFor, type Asset } from './web-app.js';

const doc: DocumentMeta = {
  id: 'plan',
  title: "Plan d'action de Bucarest pour lutter contre le terrorisme",
  titleEn: 'Bucharest Plan of Action for Combating Terrorism',
  shortTitle: "Plan d'action de Bucarest",
  shortTitleEn: 'Bucharest Plan of Action',
  organisation: 'OSCE, Ministerial Council',
  date: '2001-12',
  language: 'fr',
  source: 'test',
  numbering: 'numbered',
  paragraphCount: 2,
};
const paragraphs: Paragraph[] = [
  { documentId: 'plan', label: '5', index: 0, text: 'Les États participants <b>coopèrent</b> pleinement.', section: 'II. Engagements', kind: 'numbered' },
  { documentId: 'plan', label: '6', index: 1, text: 'Le Secrétariat apporte son appui.', section: 'II. Engagements', kind: 'numbered' },
];
const store = new CorpusStore({ documents: [doc], paragraphs });

function response(request: ChatRequest): ChatResponse {
  return {
    answer: `Réponse à « ${request.question} » : les États coopèrent [Plan d'action de Bucarest, §5].`,
    language: request.lang ?? 'fr',
    abstained: false,
    citations: [{ ref: 1, documentId: 'plan', documentTitle: doc.title, paragraph: '5', text: paragraphs[0].text, quote: 'pleinement' }],
    retrieval: { mode: 'lexical', passages: [] },
  };
}

function makeApp(env: Record<string, string> = {}) {
  const calls: ChatRequest[] = [];
  const chat: ChatService = {
    async ask(request) {
      calls.push(request);
      if (request.question === 'boom') throw new AppError('index_missing');
      return response(request);
    },
    async *askStream(request): AsyncGenerator<ChatStreamEvent, void, void> {
      yield { type: 'done', response: response(request) };
    },
  };
  const files: Record<string, Asset> = {
    'index.html': { body: '<!doctype html><title>chat</title>', contentType: 'text/html; charset=utf-8' },
    'widget.html': { body: '<!doctype html><title>widget</title>', contentType: 'text/html; charset=utf-8' },
    'embed.js': { body: '(function(){})();', contentType: 'text/javascript' },
    'assets/app.css': { body: new TextEncoder().encode('body{}'), contentType: 'text/css; charset=utf-8' },
    'demo.html': { body: '<!doctype html><title>demo</title>', contentType: 'text/html; charset=utf-8' },
  };
  const asked: string[] = [];
  const web = createWebApp({
    store,
    chat,
    config: loadConfig(env),
    getAsset: async (path) => {
      asked.push(path);
      return files[path] ?? null;
    },
  });
  const app = new Hono();
  app.route('/', web);
  app.onError((err, c) => (err instanceof AppError ? c.json(err.toJSON(), err.status as 400) : c.json({ error: { code: 'internal', message: String(err) } }, 500)));
  return { app, calls, asked };
}

describe('createWebApp: static files', () => {
  it('serves the chat page, the widget and the demo with a strict CSP', async () => {
    const { app } = makeApp();
    for (const [path, title] of [
      ['/', 'chat'],
      ['/widget', 'widget'],
      ['/demo', 'demo'],
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain(title);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves assets and the loader with their types', async () => {
    const { app } = makeApp();
    const css = await app.request('/assets/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('etag')).toBeTruthy();
    const js = await app.request('/embed.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('never asks getAsset for paths outside public/assets', async () => {
    const { app, asked } = makeApp();
    for (const path of ['/assets/../demo.html', '/assets/%2e%2e/demo.html', '/assets/.env', '/assets/markers.d.ts', '/assets/a//b.js', '/assets/missing.js']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
    }
    expect(asked.every((p) => p.startsWith('assets/') && !p.includes('..'))).toBe(true);
  });
});

describe('createWebApp: document view', () => {
  it('renders every paragraph with its anchor, escaped, and highlights ?hl=', async () => {
    const { app } = makeApp();
    const res = await app.request('/documents/plan?hl=pleinement');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('id="p5"');
    expect(body).toContain('id="p6"');
    expect(body).toContain('&lt;b&gt;coopèrent&lt;/b&gt;');
    expect(body).not.toContain('<b>coopèrent');
    expect(body).toContain('<mark class="quote-mark">pleinement</mark>');
    expect(body).toContain('II. Engagements');
  });

  it('answers an unknown document with an HTML 404', async () => {
    const { app } = makeApp();
    const res = await app.request('/documents/%3Cscript%3E');
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).toContain('&lt;script&gt;');
    expect(body).not.toContain('<script>');
  });
});

describe('createWebApp: permalinks and cards', () => {
  it('re-runs the question with its previous questions and renders the answer escaped', async () => {
    const { app, calls } = makeApp();
    const q = '<img src=x onerror=alert(1)>';
    const res = await app.request(`/a?q=${encodeURIComponent(q)}&lang=en&h=${encodeURIComponent('Premier ?')}`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(calls.map((c) => c.question)).toEqual(['Premier ?', q]);
    expect(calls[1].history?.map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(calls[1].lang).toBe('en');
    expect(body).toContain('href="/documents/plan?hl=pleinement&amp;lang=en#p5"');
    expect(body).toContain('application/json+oembed');
  });

  it('redirects a permalink without question to the chat, refuses too long questions', async () => {
    const { app } = makeApp({ MAX_QUESTION_CHARS: '20' });
    const redirect = await app.request('/a');
    expect(redirect.status).toBe(302);
    const long = await app.request(`/a?q=${'x'.repeat(30)}`);
    expect(long.status).toBe(400);
  });

  it('shows chat failures as an HTML error page with the message', async () => {
    const { app } = makeApp();
    const res = await app.request('/a/card?q=boom');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run ingest');
  });

  it('renders the UI in ?ui= (else the answer language) with the matching FR/EN button pressed', async () => {
    const { app } = makeApp();
    const q = encodeURIComponent('Que dit le §5 ?');
    const answerLang = await (await app.request(`/a?q=${q}&lang=en`)).text();
    expect(answerLang).toContain('<html lang="en">');
    expect(answerLang).toContain('data-set-lang="en" aria-pressed="true"');
    expect(answerLang).toContain('data-set-lang="fr" aria-pressed="false"');
    const ui = await (await app.request(`/a?q=${q}&lang=en&ui=fr`)).text();
    expect(ui).toContain('<html lang="fr">');
    expect(ui).toContain('data-set-lang="fr" aria-pressed="true"');
    expect(ui).toContain('Continuer dans l’assistant');
    expect(ui).toContain('<h2 class="sources-title">Sources citées</h2>');
  });

  it('renders the card with links opening in a new tab', async () => {
    const { app } = makeApp();
    const res = await app.request(`/a/card?q=${encodeURIComponent('Que dit le §5 ?')}`);
    const body = await res.text();
    expect(body).toContain('class="chip"');
    expect(body).toContain('target="_blank"');
    expect(body).toContain('Plan d&#39;action de Bucarest, §5');
  });
});

describe('createWebApp: oEmbed', () => {
  it('returns a rich oEmbed with an iframe to the card', async () => {
    const { app } = makeApp({ PUBLIC_URL: 'https://ct.example', ALLOWED_ORIGINS: '*' });
    const url = 'https://ct.example/a?q=' + encodeURIComponent('Que dit "le" §5 ?') + '&lang=fr';
    const res = await app.request(`/oembed?format=json&maxwidth=400&url=${encodeURIComponent(url)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string | number>;
    expect(body).toMatchObject({ version: '1.0', type: 'rich', width: 400, height: 420, title: 'Que dit "le" §5 ?' });
    expect(body.html).toMatch(/^<iframe src="https:\/\/ct\.example\/a\/card\?q=/);
    expect(body.html).toContain('title="Que dit &quot;le&quot; §5 ?"');
    expect(res.headers.get('cache-control')).toBe(`public, max-age=${body.cache_age}`);
  });

  it('refuses foreign, malformed or unsupported requests in the error shape', async () => {
    const { app } = makeApp({ PUBLIC_URL: 'https://ct.example', ALLOWED_ORIGINS: '*' });
    const get = async (qs: string) => {
      const res = await app.request(`/oembed?${qs}`);
      return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
    };
    expect(await get(`url=${encodeURIComponent('https://evil.example/a?q=x')}`)).toEqual({ status: 404, code: 'not_found' });
    expect(await get(`url=${encodeURIComponent('https://ct.example/documents/plan')}`)).toEqual({ status: 404, code: 'not_found' });
    expect(await get(`url=${encodeURIComponent('https://ct.example/a')}`)).toEqual({ status: 404, code: 'not_found' });
    expect(await get('url=not-a-url')).toEqual({ status: 400, code: 'invalid_request' });
    expect(await get('')).toEqual({ status: 400, code: 'invalid_request' });
    expect(await get(`format=xml&url=${encodeURIComponent('https://ct.example/a?q=x')}`)).toEqual({ status: 501, code: 'not_implemented' });
    expect(await get(`maxwidth=-3&url=${encodeURIComponent('https://ct.example/a?q=x')}`)).toEqual({ status: 400, code: 'invalid_request' });
  });

  it('uses the request origin when PUBLIC_URL is unset', () => {
    expect(() => oembedFor('http://127.0.0.1:8787', 'http://127.0.0.1:9999/a?q=x', {})).toThrow(AppError);
    expect(oembedFor('http://127.0.0.1:8787', 'http://127.0.0.1:8787/a/card?q=x', {}).html).toContain('http://127.0.0.1:8787/a/card?q=x');
  });
});
