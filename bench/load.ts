/**
 * `npm run load`: the hardening measurements on the real server in a child process (127.0.0.1), bounded in time:
 * 1. autocannon load on `/api/chat`, 32 connections, fixed duration, rate limit off → errors, non-2xx, p50/p99;
 * 2. oversized bodies (1 MB and 100 MB, with Content-Length and chunked) → 413, time to the response, RSS growth
 *    (status 0 = the connection was reset before this client read the 413, see bench/lib/raw-post.ts);
 * 3. the rate limit on (default 120/min) → how many of a burst are refused with 429.
 * Writes bench/load-results.json and prints a Markdown summary. Options: --duration <s> (default 10), --reps <n>.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIndex } from '../ingest/build-index.js';
import { loadConfig } from '../server/config.js';
import { loadOnce } from './lib/load.js';
import { chatBody, loadQuestions } from './lib/questions.js';
import { rawPost } from './lib/raw-post.js';
import { freePort, serverEnv, spawnServer, type ServerHandle } from './lib/server-process.js';
import { percentile, round } from './lib/stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const MB = 2 ** 20;
const { values } = parseArgs({ options: { duration: { type: 'string' }, reps: { type: 'string' } } });
const durationS = Number(values.duration ?? 10);
const reps = Number(values.reps ?? 5);

async function start(indexDir: string, env: Record<string, string>, probeBody: string): Promise<ServerHandle> {
  const port = await freePort();
  return spawnServer({ root: ROOT, args: ['server/node.ts'], env: { ...serverEnv(indexDir, port), ...env }, port, probePath: '/api/chat', probeBody });
}

async function oversized(server: ServerHandle) {
  const rows = [];
  for (const [mb, chunked] of [
    [1, false],
    [1, true],
    [100, false],
    [100, true],
  ] as const) {
    const times: number[] = [];
    const statuses: Record<string, number> = {};
    const rssBefore = server.memory()?.rssMb ?? Number.NaN;
    for (let i = 0; i < reps; i++) {
      const r = await rawPost(server.port, '/api/chat', mb * MB, { chunked });
      times.push(r.ms);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
    const rssAfter = server.memory()?.rssMb ?? Number.NaN;
    rows.push({ body_mb: mb, chunked, statuses, p50_ms: round(percentile(times, 50), 1), max_ms: round(Math.max(...times), 1), rss_growth_mb: round(rssAfter - rssBefore, 1) });
  }
  const rssBefore = server.memory()?.rssMb ?? Number.NaN;
  const parallel = await Promise.all(Array.from({ length: 5 }, (_, i) => rawPost(server.port, '/api/chat', 100 * MB, { chunked: i % 2 === 0 })));
  const hwm = server.memory();
  return {
    rows,
    parallel_5x100mb: {
      statuses: [...new Set(parallel.map((r) => r.status))],
      max_ms: round(Math.max(...parallel.map((r) => r.ms)), 1),
      rss_growth_mb: round((server.memory()?.rssMb ?? Number.NaN) - rssBefore, 1),
      peak_rss_mb: round(hwm?.hwmMb ?? Number.NaN, 1),
    },
  };
}

async function burst(server: ServerHandle, body: string, n: number) {
  const statuses: Record<string, number> = {};
  let withHeaders = 0;
  for (let i = 0; i < n; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, n - i) }, () =>
        fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (r) => (await r.arrayBuffer(), r)),
      ),
    );
    for (const r of batch) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.headers.get('ratelimit-limit') && (r.status !== 429 || r.headers.get('retry-after'))) withHeaders++;
    }
  }
  return { requests: n, statuses, with_ratelimit_headers: withHeaders };
}

const indexDir = await mkdtemp(path.join(os.tmpdir(), 'ct-load-index-'));
const servers: ServerHandle[] = [];
try {
  await buildIndex({ config: loadConfig({ INDEX_DIR: indexDir, CORPUS_DIR: path.join(ROOT, 'corpus'), EMBEDDINGS_PROVIDER: 'none' }), log: () => {} });
  const bodies = loadQuestions(path.join(ROOT, 'evals/suites/core.jsonl')).questions.map(chatBody);
  const open = await start(indexDir, {}, bodies[0]);
  servers.push(open);
  await loadOnce({ url: open.url, path: '/api/chat', bodies, connections: 8, durationS: 2 });
  console.error(`load: 32 connections for ${durationS} s on /api/chat (rate limit off)…`);
  const load = await loadOnce({ url: open.url, path: '/api/chat', bodies, connections: 32, durationS });
  const rssAfterLoad = open.memory()?.rssMb ?? Number.NaN;
  console.error('load: oversized bodies…');
  const big = await oversized(open);
  const limited = await start(indexDir, { RATE_LIMIT_PER_MINUTE: '120' }, bodies[0]);
  servers.push(limited);
  console.error('load: 500-request burst with RATE_LIMIT_PER_MINUTE=120…');
  const rate = await burst(limited, bodies[0], 500);
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadavg_1m: round(os.loadavg()[0], 2),
    load_32: { ...load, rss_mb_after: round(rssAfterLoad, 1) },
    oversized: big,
    rate_limit_120: rate,
  };
  await writeFile(path.join(ROOT, 'bench/load-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`## npm run load (${results.date}, Node ${process.version}, ${results.cpus} CPUs, load average ${results.loadavg_1m})\n`);
  console.log(
    `- /api/chat, 32 connections, ${durationS} s: ${load.requests} requests, ${round(load.rps, 0)} req/s, p50 ${load.p50_ms} ms, p99 ${load.p99_ms} ms, errors ${load.errors}, timeouts ${load.timeouts}, non-2xx ${load.non2xx}`,
  );
  for (const r of big.rows)
    console.log(
      `- ${r.body_mb} MB ${r.chunked ? 'chunked' : 'with Content-Length'} × ${reps}: ${JSON.stringify(r.statuses)} in p50 ${r.p50_ms} ms (max ${r.max_ms} ms), server RSS +${r.rss_growth_mb} MB`,
    );
  console.log(
    `- 5 × 100 MB in parallel: ${big.parallel_5x100mb.statuses.join('/')} within ${big.parallel_5x100mb.max_ms} ms, server RSS +${big.parallel_5x100mb.rss_growth_mb} MB (peak ${big.parallel_5x100mb.peak_rss_mb} MB)`,
  );
  console.log(`- burst of 500 with RATE_LIMIT_PER_MINUTE=120: ${JSON.stringify(rate.statuses)}, RateLimit-* headers on ${rate.with_ratelimit_headers}`);
  if (load.errors || load.timeouts || load.non2xx) process.exitCode = 1;
} finally {
  for (const s of servers) await s.stop();
  await rm(indexDir, { recursive: true, force: true });
}
