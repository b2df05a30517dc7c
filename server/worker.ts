/**
 * Cloudflare Workers entry module. It exports the default handler and nothing else: workerd treats every named
 * export of the entry module as an entrypoint and refuses to start on a constant. Everything else lives in
 * `worker-app.ts`.
 */
import type { Hono } from 'hono';
import { AppError } from './errors.js';
import { createWorkerApp, type WorkerEnv } from './worker-app.js';

let appPromise: Promise<Hono> | null = null;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: unknown): Promise<Response> {
    appPromise ??= createWorkerApp(env).catch((err) => {
      appPromise = null;
      throw err;
    });
    try {
      const app = await appPromise;
      return app.fetch(request, env, ctx as never);
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('internal', (err as Error).message);
      return Response.json(e.toJSON(), { status: e.status });
    }
  },
};
