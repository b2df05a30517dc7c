/** Headers every response carries, whatever route or error produced it. Web-standard. */
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Sets headers on the finished response, copying it first when its headers are immutable (fetched assets).
 * @example
 * setResponseHeaders(c, { 'X-Content-Type-Options': 'nosniff' });
 */
export function setResponseHeaders(c: Context, headers: Record<string, string>, remove: readonly string[] = []): void {
  const apply = (h: Headers) => {
    for (const [k, v] of Object.entries(headers)) h.set(k, v);
    for (const k of remove) h.delete(k);
  };
  try {
    apply(c.res.headers);
  } catch {
    const res = new Response(c.res.body, c.res);
    apply(res.headers);
    c.res = res;
  }
}

/**
 * `X-Content-Type-Options: nosniff` and `Referrer-Policy: strict-origin-when-cross-origin` on every response
 * (JSON, errors, SSE, assets, pages). Mount first.
 * @example
 * app.use('*', securityHeaders());
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    setResponseHeaders(c, { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin' });
  };
}
