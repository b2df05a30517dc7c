/** Per-client rate limit (hono-rate-limiter, in-memory window) on the routes that cost work. Web-standard. */
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { AppError } from '../errors.js';

/** The client's address as the platform sees it (socket peer, or a trusted proxy's forwarded address). */
export type ClientAddress = (c: Context) => string | undefined;

/** Routes counted against the limit (one shared counter per client). */
export const LIMITED_ROUTES: readonly string[] = ['/api', '/api/*', '/v1', '/v1/*', '/a', '/a/card', '/oembed'];

/**
 * `perMinute` requests per client per minute; beyond it 429 `rate_limited` with `Retry-After`. Every counted
 * response carries the draft-6 `RateLimit-Policy`, `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`.
 * Requests without a client address are not counted: in-process `app.request()` calls (tests, `npm run eval`,
 * the bench's in-process stages) have no socket. `perMinute = 0` turns the limit off.
 * @example
 * for (const route of LIMITED_ROUTES) app.use(route, limiter);  // limiter = rateLimit(120, clientAddress)
 */
export function rateLimit(perMinute: number, clientAddress: ClientAddress | undefined): MiddlewareHandler {
  if (perMinute === 0 || !clientAddress) return async (_c, next) => next();
  return rateLimiter({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => clientAddress(c) ?? '',
    skip: (c) => c.req.method === 'OPTIONS' || clientAddress(c) === undefined,
    handler: (c) => c.json(new AppError('rate_limited', `More than ${perMinute} requests in a minute from this address; wait for the time in Retry-After.`).toJSON(), 429),
  });
}
