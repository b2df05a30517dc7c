/** Builds the Hono app from injected dependencies. Web-standard: runs on Node and Cloudflare Workers. */
import { Hono } from 'hono';
import { CachedChatService } from './chat/cached-chat-service.js';
import { createChatApp } from './chat/chat-app.js';
import type { ChatService } from './chat/chat-service-types.js';
import type { Config } from './config.js';
import type { CorpusStore } from './corpus/corpus-store.js';
import { createDocumentsApp } from './corpus/documents-app.js';
import { AppError } from './errors.js';
import { createHealthApp, type HealthInfo } from './health/health-app.js';
import { createOpenAICompatApp } from './openai-compat/openai-compat-app.js';
import { originPolicy } from './security/origins.js';
import { createWebApp } from './web/web-app.js';

export interface AppDeps {
  config: Config;
  store: CorpusStore;
  chat: ChatService;
  health: () => HealthInfo;
  /** Reads a static file of `web/public/` (Node: from disk; Workers: the ASSETS binding). */
  getAsset?: (path: string) => Promise<{ body: Uint8Array | string; contentType: string } | null>;
  logger?: Pick<Console, 'error'>;
}

/**
 * Creates the application.
 * @example
 * const app = createApp({ config, store, chat, health });
 * const res = await app.request('/api/documents');
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const chat = deps.config.answerCacheSize > 0 ? new CachedChatService(deps.chat, deps.config.answerCacheSize) : deps.chat;
  app.use('*', originPolicy(deps.config));
  app.route('/api/chat', createChatApp(chat, { maxQuestionChars: deps.config.maxQuestionChars }));
  app.route('/api/documents', createDocumentsApp(deps.store));
  app.route('/healthz', createHealthApp(deps.health));
  app.route('/', createOpenAICompatApp(chat, { modelName: 'ct-texts-assistant', maxQuestionChars: deps.config.maxQuestionChars }));
  if (deps.getAsset) app.route('/', createWebApp({ store: deps.store, chat, config: deps.config, getAsset: deps.getAsset }));

  app.notFound((c) => c.json(new AppError('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`).toJSON(), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json(err.toJSON(), err.status as 400);
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return c.json({ error: { code: 'invalid_request', message: err.message } }, status as 400);
    (deps.logger ?? console).error(err);
    return c.json(new AppError('internal').toJSON(), 500);
  });
  return app;
}
