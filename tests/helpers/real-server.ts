/**
 * The real server (createNodeRuntime + @hono/node-server) on 127.0.0.1 with its log lines captured, over an
 * index built once per process in a temp directory; `rawPost` sends large bodies and times the response.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { buildIndex } from '../../ingest/build-index.js';
import { createNodeRuntime, type NodeRuntime } from '../../node/runtime.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logging/logger.js';

let indexDir: Promise<string> | null = null;

/** One lexical index for the whole test file (built on first use, removed by {@link removeSharedIndex}). */
export function sharedIndex(): Promise<string> {
  indexDir ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ct-hardening-index-'));
    await buildIndex({ config: loadConfig({ EMBEDDINGS_PROVIDER: 'none', INDEX_DIR: dir }), log: () => {} });
    return dir;
  })();
  return indexDir;
}

export async function removeSharedIndex(): Promise<void> {
  if (indexDir) await rm(await indexDir, { recursive: true, force: true });
  indexDir = null;
}

export interface RealServer {
  url: string;
  port: number;
  runtime: NodeRuntime;
  /** Every log line the app wrote (JSON), in order. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * Starts the real app on a free port of 127.0.0.1 with `env` (lexical, extractive unless overridden).
 * @example
 * const s = await startRealServer({ RATE_LIMIT_PER_MINUTE: '0' });
 */
export async function startRealServer(env: Record<string, string> = {}): Promise<RealServer> {
  const config = loadConfig({ EMBEDDINGS_PROVIDER: 'none', ANSWERER: 'extractive', LOG_LEVEL: 'info', INDEX_DIR: await sharedIndex(), ...env });
  const logs: string[] = [];
  const logger = createLogger({ level: config.logLevel, secrets: [config.llm.apiKey, config.embeddings.apiKey], write: (line) => logs.push(line) });
  const runtime = await createNodeRuntime(config, { buildIfMissing: false, logger, log: (line) => logger.info(line) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    runtime,
    logs,
    close: async () => {
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise((r) => server.close(r));
      await runtime.close();
    },
  };
}

import { rawPost as rawPostOnce, type RawResponse } from '../../bench/lib/raw-post.js';

export type { RawResponse };

/**
 * {@link rawPostOnce}, tried again (twice at most) when the connection was reset before the response could be read
 * (status 0: the server resets a connection whose client goes on uploading; the 413 was sent, but the client's
 * kernel may drop it on the reset). `attempts` says how many were needed.
 * @example
 * const r = await rawPost(server.port, '/api/chat', 2 ** 20);
 */
export async function rawPost(port: number, route: string, bytes: number, o: { chunked?: boolean; contentType?: string } = {}): Promise<RawResponse & { attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    const r = await rawPostOnce(port, route, bytes, o);
    if (r.status !== 0 || attempt === 3) return { ...r, attempts: attempt };
  }
}
