/** Builds the Hono app from injected dependencies. Web-standard: runs on Node and Cloudflare Workers. */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Guards } from './assemble.js';
import { CachedChatService } from './chat/cached-chat-service.js';
import { createChatApp } from './chat/chat-app.js';
import type { ChatService } from './chat/chat-service-types.js';
import type { Config } from './config.js';
import type { CorpusStore } from './corpus/corpus-store.js';
import { createDocumentsApp } from './corpus/documents-app.js';
import { AppError } from './errors.js';
import { createHealthApp, type HealthInfo, type IndexReadiness } from './health/health-app.js';
import { createLogger, errorFields, type Logger } from './logging/logger.js';
import { requestLog } from './logging/request-log.js';
import { createOpenAICompatApp } from './openai-compat/openai-compat-app.js';
import { limitBody } from './security/body-limit.js';
import { BUSY_RETRY_AFTER_SECONDS, overloadGuard } from './security/concurrency.js';
import { securityHeaders } from './security/headers.js';
import { originPolicy } from './security/origins.js';
import { LIMITED_ROUTES, rateLimit, type ClientAddress } from './security/rate-limit.js';
import { createWebApp } from './web/web-app.js';

export interface AppDeps {
  config: Config;
  store: CorpusStore;
  chat: ChatService;
  health: () => HealthInfo;
  /** Index loaded and verified (`/healthz/ready`; answer routes 503 `not_ready` while false). Default: ready. */
  readiness?: () => IndexReadiness;
  /** LLM / embeddings limiters and status, from `assembleChat({ guard })`. */
  guards?: Guards;
  /**
   * The client address for the rate limit (Node: socket peer or trusted proxy; Workers: `CF-Connecting-IP`).
   * Without it (in-process `app.request()`), requests are not rate-limited.
   */
  clientAddress?: ClientAddress;
  /** Reads a static file of `web/public/` (Node: from disk; Workers: the ASSETS binding). */
  getAsset?: (path: string) => Promise<{ body: Uint8Array | string; contentType: string } | null>;
  /** Structured logger; default: JSON lines at `config.logLevel`, API keys redacted. */
  logger?: Logger;
}

/** Routes that retrieve and answer: bounded by the upstream pools and by readiness. */
const ANSWER_ROUTES = ['/api/chat', '/v1/chat/completions', '/a', '/a/card'];

function readinessGate(readiness: (() => IndexReadiness) | undefined): MiddlewareHandler {
  return async (_c, next) => {
    if (readiness && !readiness().ready) throw new AppError('not_ready', 'The index is not loaded or failed verification; see /healthz/ready.');
    await next();
  };
}

/**
 * Creates the application.
 * @example
 * const app = createApp({ config, store, chat, health });
 * const res = await app.request('/api/documents');
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const { config } = deps;
  const logger = deps.logger ?? createLogger({ level: config.logLevel, secrets: [config.llm.apiKey, config.embeddings.apiKey] });
  const chat = config.answerCacheSize > 0 ? new CachedChatService(deps.chat, config.answerCacheSize) : deps.chat;
  const limits = { maxQuestionChars: config.maxQuestionChars, maxHistoryTurns: config.limits.maxHistoryTurns, maxHistoryChars: config.limits.maxHistoryChars };

  app.use('*', requestLog(logger));
  app.use('*', securityHeaders());
  app.use('*', originPolicy(config));
  const limiter = rateLimit(config.limits.rateLimitPerMinute, deps.clientAddress);
  for (const route of LIMITED_ROUTES) app.use(route, limiter);
  app.use('*', limitBody(config.limits.maxBodyBytes));
  const gate = readinessGate(deps.readiness);
  const overload = overloadGuard([deps.guards?.llm?.limiter, deps.guards?.embeddings?.limiter]);
  for (const route of ANSWER_ROUTES) app.use(route, gate, overload);

  app.route('/api/chat', createChatApp(chat, limits));
  app.route('/api/documents', createDocumentsApp(deps.store));
  app.route('/healthz', createHealthApp({ info: deps.health, ...(deps.readiness ? { readiness: deps.readiness } : {}), ...(deps.guards ? { guards: deps.guards } : {}) }));
  app.route('/', createOpenAICompatApp(chat, { modelName: 'ct-texts-assistant', ...limits }));
  if (deps.getAsset) app.route('/', createWebApp({ store: deps.store, chat, config, getAsset: deps.getAsset }));

  app.notFound((c) => c.json(new AppError('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 200)}.`).toJSON(), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) {
      if (err.status === 503) c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
      if (err.status === 503) logger.warn('request refused', { code: err.code, ...errorFields(err) });
      else if (err.status >= 500) logger.error('request failed', { code: err.code, ...errorFields(err) });
      return c.json(err.toJSON(), err.status as 400);
    }
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return c.json({ error: { code: 'invalid_request', message: 'The request is invalid.' } }, status as 400);
    logger.error('unhandled error', errorFields(err, true));
    return c.json(new AppError('internal').toJSON(), 500);
  });
  return app;
}
