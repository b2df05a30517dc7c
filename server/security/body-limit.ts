/** Request body size limit that leaves the request as the platform made it. Web-standard. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors.js';

/**
 * 413 `payload_too_large` for bodies over `maxBytes`. A declared `Content-Length` is checked without touching the
 * body, so the request reaches the route untouched (on Node, `@hono/node-server` then reads it straight from the
 * socket instead of through a web stream); a body without one (chunked upload) is counted as it streams in by
 * Hono's `bodyLimit`. GET and HEAD requests carry no body.
 * @example
 * app.use('*', limitBody(1_000_000));
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new AppError('payload_too_large', `The request body exceeds ${maxBytes} bytes (MAX_BODY_BYTES).`);
  };
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    const { method, headers } = c.req.raw;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = headers.get('content-length');
    if (length === null || headers.has('transfer-encoding')) return streamed(c, next);
    if (parseInt(length, 10) > maxBytes) tooLarge();
    return next();
  };
}
