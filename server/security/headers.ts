/** Headers every response carries, whatever route or error produced it. Web-standard. */
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Edits the headers of the finished response in place, copying the response first when its headers are immutable
 * (fetched assets). Editing in place keeps the response as it is: re-wrapping it (`new Response(c.res.body, …)`,
 * or Hono's `c.header()` once the response is set) turns a string body into a stream, which the Node adapter then
 * writes chunk by chunk instead of in one write.
 * @example
 * editResponseHeaders(c, (h) => h.append('Vary', 'Origin'));
 */
export function editResponseHeaders(c: Context, edit: (headers: Headers) => void): void {
  try {
    edit(c.res.headers);
  } catch {
    const res = new Response(c.res.body, c.res);
    edit(res.headers);
    c.res = res;
  }
}

/**
 * Sets headers on the finished response (see {@link editResponseHeaders}).
 * @example
 * setResponseHeaders(c, { 'X-Content-Type-Options': 'nosniff' });
 */
export function setResponseHeaders(c: Context, headers: Record<string, string>, remove: readonly string[] = []): void {
  editResponseHeaders(c, (h) => {
    for (const k in headers) h.set(k, headers[k]);
    for (const k of remove) h.delete(k);
  });
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
