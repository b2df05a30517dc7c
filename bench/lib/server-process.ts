/** Child-process servers for the bench: the real one (`server/node.ts`) and the HTTP floor, with cold start and RSS. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface ServerHandle {
  child: ChildProcess;
  port: number;
  url: string;
  /** Spawn → first successful response of the readiness probe, in ms. */
  coldStartMs: number;
  /** Resident set size now (VmRSS) and its peak (VmHWM), in MiB; null when /proc is unavailable. */
  memory(): { rssMb: number; hwmMb: number } | null;
  /** Output of the child so far (for error messages). */
  output(): string;
  /** How the child ended, or null while it runs. */
  exitInfo(): { code: number | null; signal: string | null } | null;
  stop(): Promise<void>;
}

/**
 * A free TCP port on 127.0.0.1 (bound then released).
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Reads VmRSS/VmHWM of a process from /proc (Linux), in MiB.
 * @example
 * procMemory(process.pid)?.rssMb
 */
export function procMemory(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SpawnOptions {
  /** Repository root (cwd of the child). */
  root: string;
  /** Script and arguments: a `.ts` script runs with `node --import tsx`, a JavaScript one (the server bundle) with plain `node`. */
  args: string[];
  env?: Record<string, string>;
  port: number;
  /** Readiness probe: a POST body to `probePath`, retried until it answers 2xx. */
  probePath: string;
  probeBody: string;
  timeoutMs?: number;
}

/**
 * Spawns `node --import tsx <args>` and waits until `POST probePath` answers 2xx; the time this takes is
 * the cold start (process start, TypeScript loading, index load, first answer).
 * @example
 * const s = await spawnServer({ root, args: ['server/node.ts'], env: { PORT: '8788' }, port: 8788, probePath: '/api/chat', probeBody: '{"question":"x"}' });
 * await s.stop();
 */
export async function spawnServer(options: SpawnOptions): Promise<ServerHandle> {
  const started = performance.now();
  const loader = /\.[cm]?js$/.test(options.args[0] ?? '') ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...loader, ...options.args], {
    cwd: options.root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null = null;
  let exitInfo: { code: number | null; signal: string | null } | null = null;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 0);
      exitInfo = { code, signal };
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = started + (options.timeoutMs ?? 120_000);
  let coldStartMs = Number.NaN;
  while (performance.now() < deadline) {
    if (exited !== null) throw new Error(`${options.args[0]} exited with ${exited} before answering:\n${out}`);
    try {
      const res = await fetch(url + options.probePath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: options.probeBody });
      await res.arrayBuffer();
      if (res.ok) {
        coldStartMs = performance.now() - started;
        break;
      }
      throw new Error(`${options.probePath} answered ${res.status}`);
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (code !== 'ECONNREFUSED' && code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') {
        child.kill('SIGKILL');
        throw new Error(`${options.args[0]}: readiness probe failed: ${(err as Error).message}\n${out}`);
      }
      await sleep(5);
    }
  }
  if (Number.isNaN(coldStartMs)) {
    child.kill('SIGKILL');
    throw new Error(`${options.args[0]} did not answer within ${options.timeoutMs ?? 120_000} ms:\n${out}`);
  }
  return {
    child,
    port: options.port,
    url,
    coldStartMs,
    memory: () => (child.pid ? procMemory(child.pid) : null),
    output: () => out,
    exitInfo: () => exitInfo,
    stop: async () => {
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/**
 * The server as `npm start` runs it: bundles it when stale (`scripts/build-server.mjs --if-stale`, outside any timing)
 * and returns the bundle's path relative to `root`, for {@link spawnServer}'s `args`.
 * @example
 * const s = await spawnServer({ root, args: [serverBundle(root)], env, port, probePath: '/api/chat', probeBody });
 */
export function serverBundle(root: string): string {
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  return path.join('dist', 'node', 'server.mjs');
}

/** Environment of the real server in the bench: lexical, extractive, quiet, on 127.0.0.1. */
export function serverEnv(indexDir: string, port: number): Record<string, string> {
  return {
    INDEX_DIR: path.resolve(indexDir),
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDINGS_PROVIDER: 'none',
    RETRIEVAL_MODE: 'lexical',
    ANSWERER: 'extractive',
    LOG_LEVEL: 'warn',
    ANSWER_CACHE_SIZE: '0',
    // The load comes from one address: the per-client rate limit would answer 429 to most of it.
    RATE_LIMIT_PER_MINUTE: '0',
  };
}
