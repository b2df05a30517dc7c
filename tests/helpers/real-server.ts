/**
 * The real server (createNodeRuntime + @hono/node-server) on 127.0.0.1 with its log lines captured, over an
 * index built once per process in a temp directory; plus a raw HTTP client that measures time to the response.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
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

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Milliseconds from the start of the request to the response headers. */
  ms: number;
}

/**
 * Sends `bytes` bytes of body (in 64 KiB chunks; `chunked` drops Content-Length) and resolves when the server
 * answers, without waiting for the upload to finish; the upload is then abandoned.
 * @example
 * const r = await rawPost(server.port, '/api/chat', 100 * 2 ** 20, { chunked: true });
 */
export function rawPost(port: number, route: string, bytes: number, o: { chunked?: boolean; contentType?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const headers: Record<string, string> = { 'content-type': o.contentType ?? 'application/json' };
    if (!o.chunked) headers['content-length'] = String(bytes);
    const req = httpRequest({ host: '127.0.0.1', port, path: route, method: 'POST', headers, agent: false });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    chunk[0] = 0x22;
    let sent = 0;
    let done = false;
    const pump = () => {
      while (!done && sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    req.on('response', (res) => {
      const ms = performance.now() - start;
      done = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms });
      });
    });
    req.on('error', (err) => (done ? undefined : reject(err)));
    pump();
  });
}
