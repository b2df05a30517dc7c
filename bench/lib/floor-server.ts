/**
 * The HTTP floor: a minimal Hono app on @hono/node-server answering `POST /api/chat` with a static JSON
 * body of a given size, after reading the request body. Run as a child process by the bench:
 * `node --import tsx bench/lib/floor-server.ts <port> <bytes> [processes]` (processes > 1: the server's
 * multi-process mode, node/cluster.ts, run the same way).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { forkWorkers } from '../../node/cluster.js';

/**
 * A static JSON body of exactly `bytes` bytes (ASCII), shaped like an answer.
 * @example
 * floorBody(300).length // 300
 */
export function floorBody(bytes: number): string {
  const skeleton = JSON.stringify({ answer: '', language: 'fr', abstained: false, citations: [], retrieval: { mode: 'lexical', passages: [] } });
  return JSON.stringify({ answer: 'x'.repeat(Math.max(0, bytes - skeleton.length)), language: 'fr', abstained: false, citations: [], retrieval: { mode: 'lexical', passages: [] } });
}

/**
 * The floor app.
 * @example
 * const app = createFloorApp(floorBody(2000));
 */
export function createFloorApp(body: string): Hono {
  const app = new Hono();
  app.post('/api/chat', async (c) => {
    await c.req.text();
    return c.body(body, 200, { 'content-type': 'application/json' });
  });
  return app;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2]);
  const bytes = Number(process.argv[3] ?? 2000);
  if (!Number.isInteger(port) || port <= 0) {
    console.error('usage: floor-server.ts <port> <bytes> [processes]');
    process.exit(2);
  }
  if (!forkWorkers(Number(process.argv[4] ?? 1), () => {})) {
    const app = createFloorApp(floorBody(bytes));
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
    const stop = () => server.close(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  }
}
