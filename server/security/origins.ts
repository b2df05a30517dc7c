/**
 * The operator's origin allowlist (`ALLOWED_ORIGINS`): CORS on the API, refusal of other browser origins,
 * and `frame-ancestors` on the pages: only the widget and answer cards may be framed, by allowed sites only;
 * every other page (the chat page first) gets `frame-ancestors 'none'`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { editResponseHeaders, setResponseHeaders } from './headers.js';

/** Paths under CORS and the allowlist check. */
export const API_PATHS: readonly RegExp[] = [/^\/api(?:\/|$)/, /^\/v1(?:\/|$)/, /^\/oembed\/?$/];

/** Pages meant to be embedded in other sites: they follow the allowlist; all other pages refuse framing. */
export const FRAMEABLE_PATHS: readonly RegExp[] = [/^\/widget\/?$/, /^\/a\/card\/?$/];

type OriginConfig = Pick<Config, 'allowedOrigins' | 'publicUrl'>;

/** Response headers a cross-origin caller may read. */
const EXPOSE_HEADERS = 'Content-Type';

/**
 * Whether a browser `Origin` may call the API: same origin as the request or `PUBLIC_URL`, or listed.
 * @example
 * isOriginAllowed('https://a.example', 'https://ct.example/api/chat', { allowedOrigins: ['https://a.example'] }); // true
 */
export function isOriginAllowed(origin: string, requestUrl: string, config: OriginConfig): boolean {
  if (config.allowedOrigins === '*') return true;
  const o = origin.replace(/\/+$/, '');
  if (o === new URL(requestUrl).origin) return true;
  if (config.publicUrl && o === new URL(config.publicUrl).origin) return true;
  return config.allowedOrigins.includes(o);
}

/**
 * The `frame-ancestors` source list: `*`, or `'self'` plus the allowed origins (and `PUBLIC_URL`).
 * @example
 * frameAncestors({ allowedOrigins: ['https://a.example'] }); // "'self' https://a.example"
 */
export function frameAncestors(config: OriginConfig): string {
  if (config.allowedOrigins === '*') return '*';
  const list = new Set(["'self'", ...(config.publicUrl ? [new URL(config.publicUrl).origin] : []), ...config.allowedOrigins]);
  return [...list].join(' ');
}

function withFrameAncestors(existing: string | null, ancestors: string): string {
  if (!existing) return `frame-ancestors ${ancestors}`;
  const directives = existing
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !/^frame-ancestors\b/i.test(d));
  return [...directives, `frame-ancestors ${ancestors}`].join('; ');
}

/**
 * Middleware enforcing the origin allowlist. Mount it first: `app.use('*', originPolicy(config))`.
 * - `/api/*`, `/v1/*`, `/oembed`: CORS for allowed origins (preflights answered); a browser `Origin`
 *   that is not allowed gets 403 `origin_not_allowed`; requests without `Origin` (curl, servers) pass.
 * - HTML responses elsewhere: `Content-Security-Policy: frame-ancestors …` (merged into an existing policy):
 *   the allowlist on {@link FRAMEABLE_PATHS}, `'none'` on every other page; no `X-Frame-Options`, whose
 *   `DENY`/`SAMEORIGIN` would contradict the allowlist.
 * @example
 * app.use('*', originPolicy(config));
 */
export function originPolicy(config: OriginConfig): MiddlewareHandler {
  const ancestors = frameAncestors(config);
  const corsHandler = cors({
    origin: (origin, c) => {
      if (config.allowedOrigins === '*') return '*';
      return isOriginAllowed(origin, c.req.url, config) ? origin : null;
    },
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Accept', 'Authorization', 'Last-Event-ID'],
    exposeHeaders: [EXPOSE_HEADERS],
    maxAge: 600,
  });

  const refuse = (c: Context, origin: string) => {
    const err = new AppError('origin_not_allowed', `The origin ${origin} is not allowed to call this assistant. The operator can add it to ALLOWED_ORIGINS.`);
    if (c.req.method === 'OPTIONS') {
      c.header('Vary', 'Origin');
      return c.json(err.toJSON(), 403);
    }
    throw err;
  };

  // What `corsHandler` adds to a simple (non-preflight) request, set on the finished response instead of on a
  // placeholder response before `next()`: the handler's own response is then sent as it is (see editResponseHeaders).
  const simpleCors = async (c: Context, next: () => Promise<void>, origin: string | undefined) => {
    await next();
    const allowOrigin = config.allowedOrigins === '*' ? '*' : origin;
    editResponseHeaders(c, (h) => {
      if (allowOrigin && !h.has('Access-Control-Allow-Origin')) h.set('Access-Control-Allow-Origin', allowOrigin);
      if (!h.has('Access-Control-Expose-Headers')) h.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      h.append('Vary', 'Origin');
    });
  };

  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (API_PATHS.some((re) => re.test(path))) {
      const origin = c.req.header('origin');
      if (origin !== undefined && !isOriginAllowed(origin, c.req.url, config)) return refuse(c, origin);
      return c.req.method === 'OPTIONS' ? corsHandler(c, next) : simpleCors(c, next, origin);
    }
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (!type.startsWith('text/html')) return;
    const csp = withFrameAncestors(c.res.headers.get('content-security-policy'), FRAMEABLE_PATHS.some((re) => re.test(path)) ? ancestors : "'none'");
    setResponseHeaders(c, { 'Content-Security-Policy': csp }, ['X-Frame-Options']);
  };
}
