/**
 * `npm run bench:workerd [-- --passes 5] [--starts 3] [--record]`: the Worker bundle (size raw and gzip), workerd cold
 * start, and per-question latency of the seed suite on Node and on workerd, side by side in one run. Both servers load
 * the same lexical index (built in a temporary directory), answer cache off, and are asked over HTTP on 127.0.0.1 by the
 * same client (both servers are child processes), alternating question by question in a seeded shuffled order. Writes bench/out/workerd.{json,md}
 * (git-ignored); `--record` writes bench/workerd.{json,md}.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../evals/lib/metrics.js';
import { buildIndex } from '../ingest/build-index.js';
import { bundleWorker, layoutWorkerAssets, measureBundle } from '../scripts/lib/worker-bundle.js';
import { readWranglerSettings, startWorkerd } from '../scripts/lib/workerd.js';
import { loadConfig } from '../server/config.js';
import { chatBody, loadQuestions, type BenchQuestion } from './lib/questions.js';
import { freePort, spawnServer, type ServerHandle } from './lib/server-process.js';
import { median, round, summarize, type Summary } from './lib/stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const VARS = { ANSWER_CACHE_SIZE: '0', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' };

type Post = (base: string, q: BenchQuestion) => Promise<number>;

/** One timed POST /api/chat; throws on a non-2xx answer so a broken target cannot look fast. */
const timedAsk: Post = async (base, q) => {
  const t = performance.now();
  const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chatBody(q) });
  const text = await res.text();
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`${base} answered ${res.status} to ${q.id}: ${text.slice(0, 200)}`);
  return ms;
};

function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

/**
 * Cold starts, alternating: workerd = Miniflare start → ready, then the first /api/chat (module evaluation + index load
 * from ASSETS + answer); Node = spawn of `server/node.ts` → first 2xx /api/chat (bench/lib/server-process.ts).
 */
async function coldStarts(script: string, assetsDir: string, indexDir: string, starts: number, first: BenchQuestion) {
  const rows: Array<{ ready_ms: number; first_chat_ms: number; total_ms: number; node_ms: number }> = [];
  for (let i = 0; i < starts; i++) {
    const [worker, ready] = await timed(() => startWorkerd({ script, assetsDir, vars: VARS }));
    const chat = await timedAsk(worker.url, first);
    await worker.close();
    const node = await startNode(indexDir, first);
    await node.stop();
    rows.push({ ready_ms: ready, first_chat_ms: chat, total_ms: ready + chat, node_ms: node.coldStartMs });
  }
  const med = (k: keyof (typeof rows)[number]) => round(median(rows.map((r) => r[k])), 1);
  return { starts, workerd_ready_ms: med('ready_ms'), workerd_first_chat_ms: med('first_chat_ms'), workerd_total_ms: med('total_ms'), node_spawn_to_first_chat_ms: med('node_ms') };
}

async function startNode(indexDir: string, first: BenchQuestion): Promise<ServerHandle> {
  const port = await freePort();
  const env = { ...readWranglerSettings().vars, ...VARS, INDEX_DIR: indexDir, PORT: String(port), HOST: '127.0.0.1', EMBEDDINGS_PROVIDER: 'none', ANSWERER: 'extractive' };
  return spawnServer({ root: ROOT, args: ['server/node.ts'], env, port, probePath: '/api/chat', probeBody: chatBody(first) });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { passes: { type: 'string', default: '5' }, starts: { type: 'string', default: '3' }, record: { type: 'boolean', default: false }, suite: { type: 'string' } },
  });
  const passes = Number(values.passes);
  const work = await mkdtemp(path.join(os.tmpdir(), 'ct-bench-workerd-'));
  try {
    const config = loadConfig({ ...readWranglerSettings().vars, ...VARS, INDEX_DIR: path.join(work, 'index'), CORPUS_DIR: path.join(ROOT, 'corpus') });
    await buildIndex({ config });
    const assetsDir = path.join(work, 'assets');
    await layoutWorkerAssets({ indexDir: config.indexDir, outDir: assetsDir });
    const script = await bundleWorker({ outDir: path.join(work, 'bundle'), assetsDir });
    const bundle = await measureBundle(script, assetsDir);
    const { questions, source } = loadQuestions(values.suite ?? path.join(ROOT, 'evals/suites/core.jsonl'));

    const cold = await coldStarts(script, assetsDir, config.indexDir, Number(values.starts), questions[0]);
    const server = await startNode(config.indexDir, questions[0]);
    const nodeUrl = server.url.replace(/\/$/, '');
    const worker = await startWorkerd({ script, assetsDir, vars: VARS });
    const samples = { node: [] as number[], workerd: [] as number[] };
    const floor = { node: [] as number[], workerd: [] as number[] };
    const rand = mulberry32(12);
    try {
      for (const q of questions) await Promise.all([timedAsk(nodeUrl, q), timedAsk(worker.url, q)]);
      for (let p = 0; p < passes; p++) {
        for (const [i, q] of shuffled(questions, rand).entries()) {
          const order: Array<['node' | 'workerd', string]> =
            i % 2
              ? [
                  ['node', nodeUrl],
                  ['workerd', worker.url],
                ]
              : [
                  ['workerd', worker.url],
                  ['node', nodeUrl],
                ];
          for (const [name, base] of order) samples[name].push(await timedAsk(base, q));
          for (const [name, base] of order) floor[name].push((await timed(async () => (await fetch(`${base}/healthz`)).text()))[1]);
        }
      }
    } finally {
      await worker.close();
      await server.stop();
    }
    const results = {
      meta: {
        date: new Date().toISOString(),
        machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}`,
        node: process.version,
        loadavg: os.loadavg().map((v) => round(v, 2)),
        suite: path.relative(ROOT, source),
        questions: questions.length,
        passes,
      },
      bundle: {
        raw_kib: round(bundle.raw / 1024, 1),
        gzip_kib: round(bundle.gzip / 1024, 1),
        asset_files: bundle.assetFiles,
        largest_asset: bundle.largestAsset.file,
        largest_asset_kib: round(bundle.largestAsset.bytes / 1024, 1),
      },
      cold_start: cold,
      latency_ms: { node: summarize(samples.node, 2), workerd: summarize(samples.workerd, 2) },
      healthz_ms: { node: summarize(floor.node, 2), workerd: summarize(floor.workerd, 2) },
    };
    const md = toMarkdown(results);
    const outDir = path.join(ROOT, values.record ? 'bench' : 'bench/out');
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'workerd.json'), JSON.stringify(results, null, 2) + '\n');
    await writeFile(path.join(outDir, 'workerd.md'), md);
    console.log(md);
    console.error(`[bench:workerd] wrote ${path.relative(ROOT, path.join(outDir, 'workerd.json'))} and workerd.md`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function toMarkdown(r: {
  meta: Record<string, unknown>;
  bundle: Record<string, unknown>;
  cold_start: Record<string, number>;
  latency_ms: { node: Summary; workerd: Summary };
  healthz_ms: { node: Summary; workerd: Summary };
}): string {
  const { node, workerd } = r.latency_ms;
  const h = r.healthz_ms;
  const c = r.cold_start;
  return [
    `# Node vs workerd (${r.meta.date}, ${r.meta.machine}, Node ${r.meta.node}, load ${(r.meta.loadavg as number[]).join(' ')})`,
    '',
    `Worker bundle: ${r.bundle.raw_kib} KiB raw, ${r.bundle.gzip_kib} KiB gzip; ${r.bundle.asset_files} asset files, largest ${r.bundle.largest_asset} ${r.bundle.largest_asset_kib} KiB.`,
    '',
    `Cold start to the first answered /api/chat (median of ${c.starts}, alternating): workerd ${c.workerd_total_ms} ms (Miniflare + workerd ready ${c.workerd_ready_ms} ms, then the first request — module evaluation, index load from ASSETS, answer — ${c.workerd_first_chat_ms} ms); Node (spawn of server/node.ts with tsx) ${c.node_spawn_to_first_chat_ms} ms.`,
    '',
    `Per-question latency, ${r.meta.questions} questions of ${r.meta.suite} × ${r.meta.passes} passes, HTTP on 127.0.0.1, answer cache off:`,
    '',
    '| Runtime | p50 ms | p95 ms | p99 ms | mean ms | n |',
    '|---|---|---|---|---|---|',
    `| Node (server/node.ts, child process) | ${node.p50} | ${node.p95} | ${node.p99} | ${node.mean} | ${node.n} |`,
    `| workerd (Miniflare, built bundle) | ${workerd.p50} | ${workerd.p95} | ${workerd.p99} | ${workerd.mean} | ${workerd.n} |`,
    '',
    `Transport and routing floor, GET /healthz after each question: Node p50 ${h.node.p50} ms, workerd p50 ${h.workerd.p50} ms (Miniflare's entry and asset-router workers sit in front of the Worker).`,
    '',
  ].join('\n');
}

await main();
