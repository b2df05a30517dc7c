/**
 * Growth: synthetic corpora of increasing size, each ingested in a child process into its own index,
 * then served by the real server (cold start, RSS) and queried in-process (latency by stage, Hit@k with
 * synthetic distractors).
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusEntry } from '../../ingest/build-index.js';
import { assembleChat } from '../../server/assemble.js';
import type { CorpusData } from '../../server/corpus/corpus-store.js';
import { loadCorpusData, loadLexicalIndex } from '../../node/runtime.js';
import { chatBody, goldRank, gradable, type BenchQuestion } from './questions.js';
import { freePort, serverBundle, serverEnv, spawnServer } from './server-process.js';
import { fitGrowth, median, round, summarize, type GrowthFit } from './stats.js';
import { writeSyntheticCorpus } from './synth.js';

export interface GrowthRow {
  paragraphs: number;
  documents: number;
  corpus_mb: number;
  ingest_s: number;
  /** Child process wall time (process start + TypeScript loading + ingest). */
  ingest_wall_s: number;
  ingest_peak_rss_mb: number;
  index_mb: number;
  rss_mb: number;
  cold_start_ms: number;
  cold_start_runs: number[];
  /** In-process: reading and parsing the index files, then assembling the pipeline. */
  load_ms: number;
  query_p50_ms: number;
  query_p95_ms: number;
  stage_p50_ms: { planning: number; lexical: number; fusion: number };
  hit1: number;
  hit5: number;
}

export interface GrowthOptions {
  root: string;
  workDir: string;
  sizes: number[];
  real: CorpusData;
  realEntries: CorpusEntry[];
  questions: BenchQuestion[];
  coldStartRuns: (size: number) => number;
  queryReps: (size: number) => number;
  log: (line: string) => void;
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const f of await readdir(dir)) total += (await stat(path.join(dir, f))).size;
  return total;
}

function runIngestChild(root: string, corpusDir: string, indexDir: string): Promise<{ ms: number; wallMs: number; paragraphs: number; documents: number; maxRssMb: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/ingest-child.ts'], {
      cwd: root,
      env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, EMBEDDINGS_PROVIDER: 'none', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`ingest child exited with ${code}: ${err}`));
      try {
        resolve({ ...(JSON.parse(line) as { ms: number; paragraphs: number; documents: number; maxRssMb: number }), wallMs });
      } catch {
        reject(new Error(`ingest child printed no result: ${out}\n${err}`));
      }
    });
  });
}

/**
 * Measures one corpus size.
 * @example
 * const row = await measureSize(1000, options);
 */
export async function measureSize(size: number, o: GrowthOptions): Promise<GrowthRow> {
  const corpusDir = path.join(o.workDir, `synth-${size}`);
  const indexDir = path.join(corpusDir, 'data', 'index');
  const synth = await writeSyntheticCorpus({ dir: corpusDir, paragraphs: size, real: o.real, realEntries: o.realEntries, realCorpusDir: path.join(o.root, 'corpus') });
  o.log(`  ${size}: corpus written (${synth.documents} documents, ${(synth.bytes / 2 ** 20).toFixed(1)} MiB); ingesting…`);
  const ingest = await runIngestChild(o.root, corpusDir, indexDir);
  const indexBytes = await dirBytes(indexDir);
  o.log(`  ${size}: ingest ${(ingest.ms / 1000).toFixed(1)} s, index ${(indexBytes / 2 ** 20).toFixed(1)} MiB; cold starts…`);

  const warmBodies = o.questions.map(chatBody);
  const cold: number[] = [];
  const script = serverBundle(o.root);
  let rssMb = Number.NaN;
  for (let run = 0; run < o.coldStartRuns(size); run++) {
    const port = await freePort();
    const server = await spawnServer({ root: o.root, args: [script], env: serverEnv(indexDir, port), port, probePath: '/api/chat', probeBody: warmBodies[0], timeoutMs: 300_000 });
    cold.push(server.coldStartMs);
    if (run === 0) {
      for (let pass = 0; pass < 2; pass++) {
        for (const body of warmBodies) {
          const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`server at ${size} paragraphs answered ${res.status}`);
        }
      }
      rssMb = server.memory()?.rssMb ?? Number.NaN;
    }
    await server.stop();
  }

  const t = performance.now();
  const corpus = await loadCorpusData(indexDir);
  const lexical = await loadLexicalIndex(indexDir);
  const { retriever } = assembleChat({ corpus, lexical, glossary: true, mode: 'lexical' });
  const loadMs = performance.now() - t;
  const times: number[] = [];
  const stages = { planning: [] as number[], lexical: [] as number[], fusion: [] as number[] };
  for (const q of o.questions) await retriever.retrieve({ question: q.question, history: q.history ?? [] });
  for (let rep = 0; rep < o.queryReps(size); rep++) {
    for (const q of o.questions) {
      const t0 = performance.now();
      const r = await retriever.retrieve({ question: q.question, history: q.history ?? [] });
      times.push(performance.now() - t0);
      stages.planning.push(r.timings.plan ?? 0);
      stages.lexical.push(r.timings.lexical ?? 0);
      stages.fusion.push(r.timings.fusion ?? 0);
    }
  }
  let h1 = 0;
  let h5 = 0;
  const graded = gradable(o.questions);
  for (const q of graded) {
    const r = await retriever.retrieve({ question: q.question, history: q.history ?? [] }, 5);
    const rank = goldRank(
      r.passages.map((p) => ({ documentId: p.document.id, paragraph: p.paragraph.label })),
      q.gold,
    );
    if (rank === 1) h1++;
    if (rank !== null && rank <= 5) h5++;
  }
  const q = summarize(times);
  return {
    paragraphs: ingest.paragraphs,
    documents: ingest.documents,
    corpus_mb: round(synth.bytes / 2 ** 20, 2),
    ingest_s: round(ingest.ms / 1000, 3),
    ingest_wall_s: round(ingest.wallMs / 1000, 3),
    ingest_peak_rss_mb: round(ingest.maxRssMb, 1),
    index_mb: round(indexBytes / 2 ** 20, 3),
    rss_mb: round(rssMb, 1),
    cold_start_ms: round(median(cold), 1),
    cold_start_runs: cold.map((c) => round(c, 1)),
    load_ms: round(loadMs, 1),
    query_p50_ms: q.p50,
    query_p95_ms: q.p95,
    stage_p50_ms: { planning: round(median(stages.planning), 4), lexical: round(median(stages.lexical), 4), fusion: round(median(stages.fusion), 4) },
    hit1: graded.length ? round(h1 / graded.length, 3) : Number.NaN,
    hit5: graded.length ? round(h5 / graded.length, 3) : Number.NaN,
  };
}

export const GROWTH_METRICS = ['ingest_s', 'index_mb', 'rss_mb', 'cold_start_ms', 'load_ms', 'query_p50_ms', 'query_p95_ms', 'planning_ms', 'lexical_ms', 'fusion_ms'] as const;

/**
 * Fits each metric against the paragraph count (needs three sizes or more).
 * @example
 * const fits = fitRows(rows); fits.ingest_s.growth // 'linear'
 */
export function fitRows(rows: GrowthRow[]): Record<(typeof GROWTH_METRICS)[number], GrowthFit> {
  const ns = rows.map((r) => r.paragraphs);
  const pick = (m: (typeof GROWTH_METRICS)[number], r: GrowthRow): number =>
    m === 'planning_ms' ? r.stage_p50_ms.planning : m === 'lexical_ms' ? r.stage_p50_ms.lexical : m === 'fusion_ms' ? r.stage_p50_ms.fusion : r[m];
  return Object.fromEntries(
    GROWTH_METRICS.map((m) => [
      m,
      fitGrowth(
        ns,
        rows.map((r) => pick(m, r)),
      ),
    ]),
  ) as Record<(typeof GROWTH_METRICS)[number], GrowthFit>;
}
