/** One structured log line per request: id, method, route, status, duration. Web-standard. */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { editResponseHeaders } from '../security/headers.js';
import type { Logger } from './logger.js';

/**
 * Logs `{"msg":"request","id","method","route","status","ms"}` once per request (error level for 5xx) and sends the
 * id back as `X-Request-Id`. The route is the matched pattern (`/documents/:id`), never the query string, so
 * questions are not logged. For streamed answers `ms` is the time to the response headers.
 * @example
 * app.use('*', requestLog(logger));
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const id = crypto.randomUUID();
    const start = performance.now();
    c.header('X-Request-Id', id);
    await next();
    // Responses a handler built itself (not through `c.json`/`c.body`) do not carry the header set above.
    if (!c.res.headers.has('X-Request-Id')) editResponseHeaders(c, (h) => h.set('X-Request-Id', id));
    const status = c.res.status;
    let route = routePath(c, -1);
    if (!route || route === '*' || route === '/*') route = status === 404 ? '(unmatched)' : c.req.path;
    const fields = { id, method: c.req.method, route, status, ms: Math.round((performance.now() - start) * 100) / 100 };
    if (status >= 500) logger.error('request', fields);
    else logger.info('request', fields);
  };
}
