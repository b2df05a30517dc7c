/**
 * `npm run bench [-- --quick] [--out dir] [--record] [--sizes 1000,10000] [--keep]`: latency by stage, HTTP
 * throughput against a floor, peers, growth and ingest in one run; writes `results.json` and
 * `results.md` (default in the git-ignored bench/out/; `--record` writes the tracked bench/ copies) and prints the tables. Exits 1 when a stage fails or the server
 * returns errors at 32 connections. See bench/README.md.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CorpusEntry } from '../ingest/build-index.js';
import { createNodeRuntime, loadCorpusData, type NodeRuntime } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';
import { embeddingSkipReason, measureEmbedding } from './lib/embedding.js';
import { fitRows, measureSize, type GrowthRow } from './lib/growth.js';
import { measureRealIngest, type IngestResult } from './lib/ingest.js';
import { chatInit, measureChat, TimingAnswerer, type ChatLatency } from './lib/latency.js';
import { measureHttp, type HttpStageResult } from './lib/http-stage.js';
import { comparePeers, miniSearchEngine, oramaEngine, oursEngine } from './lib/peers.js';
import { profile } from './lib/profile.js';
import { chatBody, gradable, loadQuestions } from './lib/questions.js';
import { toMarkdown, type BenchResults } from './lib/report.js';
import { measureScaleStages, scaleMarkdown } from './lib/scale-stages.js';
import { measureTranslation, translationMarkdown } from './lib/translation.js';
import { round } from './lib/stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `Usage: npm run bench -- [options]

  --quick            CI mode: growth at 1,000 paragraphs only, short load, dense on 12 questions,
                     hnswlib at 5,000 vectors
  --out <dir>        Where to write results.json and results.md (default bench/out/, git-ignored)
  --record           Write them to bench/ instead, the tracked copies the README quotes (commit them)
  --sizes <a,b,…>    Growth sizes in paragraphs (default 1000,10000,100000; quick 1000)
  --duration <s>     Seconds per autocannon run (default 5; quick 2)
  --rounds <n>       autocannon runs per connection level and target (default 3; quick 1)
  --suite <file>     Questions (default evals/suites/core.jsonl; built-in list when missing)
  --no-profile       Skip the CPU profile of the in-process chat
  --only <a,b,…>     Run only these stages: chat, profile, peers, load, growth, dense, hnsw, cluster, translation
                     (ingest always runs; skipped stages are null in results.json)
  --hnsw-sizes <a,…> Vector counts of the hnswlib stage (default 100000,1000000; quick 5000)
  --keep             Keep the temporary directory (indexes, synthetic corpora)
  -h, --help         This help
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      record: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      suite: { type: 'string' },
      'no-profile': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      only: { type: 'string' },
      'hnsw-sizes': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  process.chdir(ROOT);
  const quick = values.quick;
  const started = performance.now();
  if (values.record && values.out) throw new Error('--record writes to bench/; do not combine it with --out.');
  const outDir = path.resolve(values.out ?? path.join(ROOT, values.record ? 'bench' : 'bench/out'));
  const sizes = (values.sizes ?? (quick ? '1000' : '1000,10000,100000'))
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  const durationS = Number(values.duration ?? (quick ? 2 : 5));
  const rounds = Number(values.rounds ?? (quick ? 1 : 3));
  const log = (line: string) => console.error(`[bench] ${line}`);
  const only = values.only ? new Set(values.only.split(',').map((x) => x.trim())) : null;
  const wants = (name: 'chat' | 'profile' | 'peers' | 'load' | 'growth' | 'dense' | 'hnsw' | 'cluster' | 'translation') => !only || only.has(name);
  const failures: string[] = [];
  const loadStart = os.loadavg().map((v) => round(v, 2));
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'ct-bench-'));
  log(`${quick ? 'quick' : 'full'} run; temporary directory ${workDir}`);

  async function stage<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
    const t = performance.now();
    log(`${name}…`);
    try {
      const r = await fn();
      log(`${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      return r;
    } catch (err) {
      const msg = `${name}: ${(err as Error).message.split('\n').slice(0, 6).join(' | ')}`;
      failures.push(msg);
      log(`FAILED ${msg}`);
      return null;
    }
  }

  const { source, questions } = loadQuestions(path.resolve(values.suite ?? 'evals/suites/core.jsonl'));
  log(`${questions.length} questions (${gradable(questions).length} with gold) from ${path.relative(ROOT, source) || source}`);
  const bodies = questions.map(chatBody);

  const ingest: IngestResult | null = await stage('ingest (real corpus)', () => measureRealIngest({ root: ROOT, workDir, fullReps: quick ? 2 : 5, unchangedReps: quick ? 3 : 7 }));

  let runtime: NodeRuntime | null = null;
  let chat: ChatLatency | null = null;
  let prof: BenchResults['profile'] = null;
  const answerer = new TimingAnswerer();
  const runtimeConfig = ingest
    ? loadConfig({
        INDEX_DIR: ingest.indexDir,
        CORPUS_DIR: path.join(ROOT, 'corpus'),
        EMBEDDINGS_PROVIDER: 'none',
        RETRIEVAL_MODE: 'lexical',
        ANSWERER: 'extractive',
        LOG_LEVEL: 'silent',
        ANSWER_CACHE_SIZE: '0',
      })
    : null;
  if (runtimeConfig) {
    runtime = await stage('runtime', () => createNodeRuntime(runtimeConfig, { buildIfMissing: false, answerer }));
  }
  if (runtime && wants('chat')) {
    const rt = runtime;
    chat = await stage('chat latency (in-process)', async () => {
      const c = await measureChat(rt, answerer, questions, { reps: quick ? 3 : 20, warmup: quick ? 1 : 2, config: runtimeConfig! });
      if (c.errors) throw new Error(`${c.errors} of ${c.requests} in-process requests failed`);
      return c;
    });
    if (!values['no-profile'] && wants('profile')) {
      prof = await stage('cpu profile (in-process chat)', () =>
        profile(async () => {
          for (let rep = 0; rep < (quick ? 3 : 15); rep++) {
            for (const body of bodies) await (await rt.app.request('/api/chat', chatInit(body))).text();
          }
        }, ROOT),
      );
    }
  }

  const peers =
    ingest && runtime && wants('peers')
      ? await stage('peers (in-process)', async () => {
          const corpus = await loadCorpusData(ingest.indexDir);
          const engines = [oursEngine(corpus, runtime!.retriever), await oramaEngine(corpus), miniSearchEngine(corpus, { stem: false }), miniSearchEngine(corpus, { stem: true })];
          return comparePeers(engines, questions, { reps: quick ? 3 : 20, warmup: quick ? 1 : 2 });
        })
      : null;

  const embeddingReason = embeddingSkipReason(loadConfig(process.env));
  const embedding = !embeddingReason && chat ? await stage('query embedding', () => measureEmbedding(loadConfig(process.env), questions, { reps: quick ? 1 : 3, chatP50: chat!.e2e.p50 })) : null;

  let throughput: BenchResults['throughput'] = null;
  let server: BenchResults['server'] = null;
  let restarts: BenchResults['server_restarts'] = [];
  if (ingest && wants('load')) {
    await stage('http load (real server vs floor)', async () => {
      try {
        const r = await measureHttp({ root: ROOT, indexDir: ingest.indexDir, bodies, bodyBytes: chat?.response_bytes_p50 ?? 2000, durationS, rounds, warmupS: quick ? 1 : 2, log });
        ({ throughput, server, restarts } = r);
      } catch (err) {
        const partial = (err as { partial?: HttpStageResult }).partial;
        if (partial) ({ throughput, server, restarts } = partial);
        throw err;
      }
    });
  }

  const scale = await measureScaleStages({ root: ROOT, workDir, quick, durationS, rounds, bodies, questions, ingest, throughput, log, stage, wants, hnswSizes: values['hnsw-sizes'] });

  const translation = wants('translation') ? await stage('translated lexical field (fake translator)', () => measureTranslation({ root: ROOT, workDir, questions, quick })) : null;

  const growth: GrowthRow[] = [];
  if (ingest && wants('growth')) {
    const real = await loadCorpusData(ingest.indexDir);
    const realEntries = (JSON.parse(await readFile(path.join(ROOT, 'corpus', 'corpus.json'), 'utf8')) as { documents: CorpusEntry[] }).documents;
    for (const size of sizes) {
      const row = await stage(`growth ${size.toLocaleString('en-US')} paragraphs`, () =>
        measureSize(size, {
          root: ROOT,
          workDir,
          sizes,
          real,
          realEntries,
          questions,
          coldStartRuns: (n) => (quick ? 2 : n >= 100_000 ? 2 : 3),
          queryReps: (n) => (quick ? 3 : n >= 100_000 ? 3 : n >= 10_000 ? 5 : 10),
          log,
        }),
      );
      if (row) growth.push(row);
      await rm(path.join(workDir, `synth-${size}`), { recursive: true, force: true }).catch(() => {});
    }
  }

  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      machine: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      memory_gb: round(os.totalmem() / 2 ** 30, 1),
      mode: quick ? 'quick' : 'full',
      quick,
      retrieval: 'lexical',
      answerer: answerer.name,
      questions_source: path.relative(ROOT, source) || source,
      questions: questions.length,
      graded_questions: gradable(questions).length,
      total_s: round((performance.now() - started) / 1000, 1),
      loadavg_start: loadStart,
      loadavg_end: os.loadavg().map((v) => round(v, 2)),
    },
    chat: chat
      ? (() => {
          const { e2e, ...rest } = chat;
          return { p50_ms: e2e.p50, p95_ms: e2e.p95, p99_ms: e2e.p99, mean_ms: e2e.mean, mad_ms: e2e.mad, n: e2e.n, ...rest };
        })()
      : null,
    throughput,
    server,
    server_restarts: restarts,
    peers,
    ingest: ingest
      ? {
          documents: ingest.documents,
          paragraphs: ingest.paragraphs,
          index_mb: ingest.index_mb,
          full_first_ms: ingest.full_first_ms,
          full_ms: ingest.full_ms,
          full_runs: ingest.full_runs,
          reingest_runs: ingest.reingest_runs,
        }
      : null,
    reingest_unchanged_ms: ingest?.reingest_unchanged_ms ?? null,
    growth,
    growth_fit: growth.length ? fitRows(growth) : null,
    embedding,
    ...(embeddingReason ? { embedding_reason: embeddingReason } : {}),
    profile: prof,
    ...scale,
    translation,
    failures,
  };
  if (!ingest) failures.push('ingest failed: nothing else could run');
  if (wants('growth') && growth.length !== sizes.length && !failures.some((x) => x.startsWith('growth'))) failures.push('growth: some sizes did not run');

  const md = toMarkdown(results) + scaleMarkdown(results) + (translation ? `\n${translationMarkdown(translation)}` : '');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  await writeFile(path.join(outDir, 'results.md'), md);
  console.log(md);
  log(`wrote ${path.relative(ROOT, path.join(outDir, 'results.json'))} and results.md in ${results.meta.total_s} s`);
  if (values.keep) log(`kept ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
  if (failures.length) {
    log(`${failures.length} failure(s):\n${failures.map((x) => `  - ${x}`).join('\n')}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main().catch((err: unknown) => {
  console.error(`[bench] ${(err as Error).stack ?? String(err)}`);
  return 1;
});
