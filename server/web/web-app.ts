/**
 * The web UI as a Hono sub-app: chat page, widget, embed loader, static assets, document view,
 * answer permalinks and cards, oEmbed. Web-standard: files come in through `getAsset`.
 */
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import { getMimeType } from 'hono/utils/mime';
import type { ChatService } from '../chat/chat-service-types.js';
import type { Config } from '../config.js';
import type { CorpusStore } from '../corpus/corpus-store.js';
import { AppError } from '../errors.js';
import { BUSY_RETRY_AFTER_SECONDS } from '../security/concurrency.js';
import type { ChatResponse, ChatTurn, Lang } from '../types.js';
import { embedIntegrity, sriHash } from './embed-integrity.js';
import { cardPage, documentPage, errorPage, escapeAttr, permalinkPage, tr, type Html } from './pages.js';

/** A static file, as the platform hands it over. */
export interface Asset {
  body: Uint8Array | string;
  contentType: string;
}

export interface WebAppDeps {
  store: Pick<CorpusStore, 'documents' | 'document' | 'paragraphs' | 'paragraph'>;
  chat: ChatService;
  config: Config;
  /**
   * Reads a file of `web/public/` by relative path (`index.html`, `assets/app.css`); `null` when missing.
   * Node: `createAssetReader('web/public')`; Workers: the ASSETS binding.
   */
  getAsset: (path: string) => Promise<Asset | null>;
}

/** Content-Security-Policy of the UI pages; `frame-ancestors` is added by `originPolicy`. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Most `h=` parameters an oEmbed card URL carries over (the permalink itself is bounded by the history limits). */
const MAX_PREVIOUS = 6;
/** How long an oEmbed answer may be cached: `cache_age` and the response's `Cache-Control` say the same. */
export const OEMBED_CACHE_SECONDS = 3600;
const ASSET_PATH = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*(?:\/[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)*$/;

/** The public base URL: `PUBLIC_URL` when set, else the request's origin. */
export function baseUrl(c: Context, config: Pick<Config, 'publicUrl'>): string {
  return config.publicUrl ?? new URL(c.req.url).origin;
}

/** UI language of a request: `?lang=`, else Accept-Language, else French. */
export function requestLang(c: Context): Lang {
  const q = c.req.query('lang');
  if (q === 'fr' || q === 'en') return q;
  const header = c.req.header('accept-language') ?? '';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const qv = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().slice(0, 2).toLowerCase(), q: qv ? Number(qv.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.tag === 'fr' || x.tag === 'en')
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.tag as Lang | undefined) ?? 'fr';
}

/**
 * The oEmbed 1.0 answer for a permalink or card URL of this server.
 * @example
 * oembedFor('https://ct.example.org', 'https://ct.example.org/a?q=Que%20dit%20le%20%C2%A75%20%3F', {});
 * // { version: '1.0', type: 'rich', html: '<iframe src="https://ct.example.org/a/card?q=…" …></iframe>', … }
 */
export function oembedFor(base: string, rawUrl: string, o: { maxwidth?: number; maxheight?: number; providerName?: string }) {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new AppError('invalid_request', '"url" must be an absolute URL.');
  }
  if (url.origin !== new URL(base).origin) throw new AppError('not_found', `Only URLs of ${new URL(base).origin} can be embedded.`);
  if (url.pathname !== '/a' && url.pathname !== '/a/card') throw new AppError('not_found', 'Only answer permalinks (/a?q=…) and cards (/a/card?q=…) can be embedded.');
  const question = (url.searchParams.get('q') ?? '').trim();
  if (!question) throw new AppError('not_found', 'The URL carries no question (q=…).');
  const card = new URL('/a/card', base);
  card.searchParams.set('q', question);
  for (const key of ['lang', 'ui']) {
    const value = url.searchParams.get(key);
    if (value === 'fr' || value === 'en') card.searchParams.set(key, value);
  }
  for (const h of url.searchParams.getAll('h').slice(0, MAX_PREVIOUS)) card.searchParams.append('h', h);
  const width = Math.max(240, Math.min(o.maxwidth ?? 560, 560));
  const height = Math.max(200, Math.min(o.maxheight ?? 420, 420));
  const title = question.length > 200 ? `${question.slice(0, 199)}…` : question;
  return {
    version: '1.0' as const,
    type: 'rich' as const,
    title,
    provider_name: o.providerName ?? 'Counter-terrorism texts assistant',
    provider_url: `${base}/`,
    cache_age: OEMBED_CACHE_SECONDS,
    width,
    height,
    html: `<iframe src="${escapeAttr(card.toString())}" width="${width}" height="${height}" style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin" title="${escapeAttr(title)}"></iframe>`,
  };
}

/**
 * Why a permalink's questions exceed the limits, or `null`: the question and each `h=` at most `MAX_QUESTION_CHARS`,
 * at most `MAX_HISTORY_TURNS / 2` previous questions (each replays a question and its answer), and their total
 * length within `MAX_HISTORY_CHARS`. Each previous question costs one more answer, so they are refused, not cut.
 * @example
 * permalinkLimitError('Et le §6 ?', ['Que dit le §5 ?'], config); // null
 */
export function permalinkLimitError(question: string, previous: readonly string[], config: Pick<Config, 'maxQuestionChars' | 'limits'>): AppError | null {
  const tooLong = [question, ...previous].find((q) => q.length > config.maxQuestionChars);
  if (tooLong) return new AppError('question_too_long', `The question has ${tooLong.length} characters; the limit is ${config.maxQuestionChars}.`);
  const maxPrevious = Math.floor(config.limits.maxHistoryTurns / 2);
  if (previous.length > maxPrevious) return new AppError('history_too_long', `The link replays ${previous.length} previous questions; the limit is ${maxPrevious}.`);
  const total = previous.reduce((n, q) => n + q.length, 0);
  if (total > config.limits.maxHistoryChars) return new AppError('history_too_long', `The previous questions have ${total} characters in all; the limit is ${config.limits.maxHistoryChars}.`);
  return null;
}

function positiveInt(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('invalid_request', 'maxwidth and maxheight must be positive integers.');
  return n;
}

/**
 * Creates the web UI sub-app. Mount it at the root, after the API routes.
 * @example
 * app.route('/', createWebApp({ store, chat, config, getAsset }));
 */
export function createWebApp(deps: WebAppDeps): Hono {
  const { store, chat, config, getAsset } = deps;
  const app = new Hono();

  const pageHeaders = (c: Context) => {
    c.header('Content-Security-Policy', PAGE_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  };
  const page = (c: Context, body: Html, status: 200 | 400 | 404 | 500 | 503 = 200) => {
    pageHeaders(c);
    c.header('Cache-Control', 'no-cache');
    return c.html(body, status);
  };
  const notFoundPage = (c: Context, message: string) => {
    const lang = requestLang(c);
    return page(c, errorPage({ lang, status: 404, title: lang === 'fr' ? 'Page introuvable' : 'Page not found', message }), 404);
  };

  const serveFile = async (c: Context, path: string, cache: string, extra?: Record<string, string>) => {
    const asset = await getAsset(path);
    if (!asset) return notFoundPage(c, `/${path}`);
    const type = asset.contentType || getMimeType(path) || 'application/octet-stream';
    if (type.startsWith('text/html')) pageHeaders(c);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', cache);
    for (const [k, v] of Object.entries(extra ?? {})) c.header(k, v);
    c.header('Content-Type', type);
    return c.body(typeof asset.body === 'string' ? asset.body : (asset.body as Uint8Array<ArrayBuffer>));
  };

  app.use('/assets/*', etag());
  app.use('/embed.js', etag());

  app.get('/', (c) => serveFile(c, 'index.html', 'no-cache'));
  app.get('/widget', (c) => serveFile(c, 'widget.html', 'no-cache'));
  app.get('/demo', (c) => serveFile(c, 'demo.html', 'no-cache'));
  // Public script meant for other sites: CORP cross-origin, and CORS so `<script integrity crossorigin>` (SRI) can load it.
  app.get('/embed.js', (c) =>
    serveFile(c, 'embed.js', 'public, max-age=300', { 'Cross-Origin-Resource-Policy': 'cross-origin', 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/embed.json', async (c) => {
    const asset = await getAsset('embed.js');
    if (!asset) throw new AppError('not_found', 'embed.js is missing.');
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(embedIntegrity(baseUrl(c, config), await sriHash(asset.body)));
  });
  app.get('/assets/*', (c) => {
    const rest = c.req.path.slice('/assets/'.length);
    if (!ASSET_PATH.test(rest) || rest.endsWith('.d.ts')) return notFoundPage(c, c.req.path);
    return serveFile(c, `assets/${rest}`, 'public, max-age=300');
  });

  app.get('/documents/:id', (c) => {
    const lang = requestLang(c);
    const document = store.document(c.req.param('id'));
    if (!document) return notFoundPage(c, lang === 'fr' ? `Aucun document « ${c.req.param('id')} ».` : `No document "${c.req.param('id')}".`);
    const hl = c.req.query('hl')?.slice(0, 600);
    const hle = c.req.query('hle')?.slice(0, 600);
    return page(c, documentPage({ lang, document, paragraphs: store.paragraphs(document.id), highlight: hl ? { hl, hle } : undefined }));
  });

  /** Re-runs a permalink's conversation: previous questions in order, then the question. */
  const replay = async (c: Context): Promise<{ question: string; previous: string[]; lang?: Lang; response: ChatResponse } | Response> => {
    const question = (c.req.query('q') ?? '').trim();
    const uiLang = requestLang(c);
    if (!question) return c.redirect('/', 302);
    const previous =
      c.req
        .queries('h')
        ?.map((q) => q.trim())
        .filter(Boolean) ?? [];
    const refused = permalinkLimitError(question, previous, config);
    if (refused) return page(c, errorPage({ lang: uiLang, status: 400, title: tr(uiLang)('error.title'), message: refused.message }), 400);
    const qLang = c.req.query('lang');
    const lang = qLang === 'fr' || qLang === 'en' ? qLang : undefined;
    try {
      const history: ChatTurn[] = [];
      for (const q of previous) {
        const r = await chat.ask({ question: q, history: [...history] }, c.req.raw.signal);
        history.push({ role: 'user', content: q }, { role: 'assistant', content: r.answer });
      }
      const response = await chat.ask({ question, history, ...(lang ? { lang } : {}) }, c.req.raw.signal);
      return { question, previous, lang, response };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.status === 503) c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
      return page(c, errorPage({ lang: uiLang, status: err.status, title: tr(uiLang)('error.title'), message: err.toJSON().error.message }), err.status as 400);
    }
  };

  const permalinkUrl = (base: string, r: { question: string; previous: string[]; lang?: Lang }, path = '/a') => {
    const u = new URL(path, base);
    u.searchParams.set('q', r.question);
    if (r.lang) u.searchParams.set('lang', r.lang);
    for (const h of r.previous) u.searchParams.append('h', h);
    return u.toString();
  };

  /** UI language of a permalink or card: `?ui=`, else the answer's language. */
  const answerUiLang = (c: Context, r: { lang?: Lang; response: ChatResponse }): Lang => {
    const ui = c.req.query('ui');
    return ui === 'fr' || ui === 'en' ? ui : (r.lang ?? r.response.language);
  };

  app.get('/a', async (c) => {
    const r = await replay(c);
    if (r instanceof Response) return r;
    const base = baseUrl(c, config);
    const lang = answerUiLang(c, r);
    const pageUrl = permalinkUrl(base, r);
    const cont = new URL('/', base);
    for (const h of r.previous) cont.searchParams.append('h', h);
    cont.searchParams.set('q', r.question);
    if (r.lang) cont.searchParams.set('lang', r.lang);
    const oembed = new URL('/oembed', base);
    oembed.searchParams.set('url', pageUrl);
    oembed.searchParams.set('format', 'json');
    return page(
      c,
      permalinkPage({
        lang,
        question: r.question,
        previous: r.previous,
        response: r.response,
        documents: store.documents(),
        continueHref: cont.pathname + cont.search,
        cardUrl: permalinkUrl(base, r, '/a/card'),
        oembedUrl: oembed.toString(),
        pageUrl,
      }),
    );
  });

  app.get('/a/card', async (c) => {
    const r = await replay(c);
    if (r instanceof Response) return r;
    const base = baseUrl(c, config);
    const lang = answerUiLang(c, r);
    return page(c, cardPage({ lang, question: r.question, response: r.response, documents: store.documents(), permalink: permalinkUrl(base, r) }));
  });

  app.get('/oembed', (c) => {
    const format = c.req.query('format');
    if (format !== undefined && format !== 'json') throw new AppError('not_implemented', 'Only format=json is supported (oEmbed 1.0: 501 for other formats).');
    const url = c.req.query('url');
    if (!url) throw new AppError('invalid_request', 'The "url" parameter is required.');
    const body = oembedFor(baseUrl(c, config), url, { maxwidth: positiveInt(c.req.query('maxwidth')), maxheight: positiveInt(c.req.query('maxheight')) });
    c.header('Cache-Control', `public, max-age=${OEMBED_CACHE_SECONDS}`);
    return c.json(body);
  });

  return app;
}
