/**
 * `npm run tune`: coordinate descent over a few RankingParams on the training split only (the suites evals/suites.json
 * marks `training`: core with and without the real documents, documents, documents-3, documents-6, documents-7, documents-8; in-process,
 * lexical+glossary), then the training and held-out suites side by side (the blind ones too with --blind), defaults →
 * tuned, with their roles. The objective reads the training suites only; the others are printed, never used.
 *
 *   npm run tune                 # search, then report
 *   npm run tune -- --rounds 2   # more passes of coordinate descent
 *   npm run tune -- --no-heldout # search only
 *   npm run tune -- --blind      # the report also runs the blind suites (each run wears them: aggregates only)
 *   npm run tune -- --ablation   # no search: each cross-lingual layer off, English and French questions of the training
 *                                # real-document suites and of documents-2 (aggregates)
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluate, type ItemResult } from '../evals/lib/evaluate.js';
import { writeCombinedCorpus } from '../evals/lib/real-corpus.js';
import { DEFAULT_RANKING_PARAMS, type RankingParams } from '../server/pipeline/params.js';
import { ABLATION_HEADER, ABLATIONS, ablationRow, documentLanguages, firstCitationByPair } from './lib/ablation.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CONFIG = 'lexical+glossary';

/**
 * The parameters searched, each with its candidate values (the default is always one of them). decide's abstention
 * thresholds (minCoverage, minCoverageWithoutType, inconclusiveNameCredit) are not searched here: they are fitted on
 * the training suites by `npm run fit:abstention`.
 */
const GRID: Partial<Record<keyof RankingParams, number[]>> = {
  citeComplementScoreRatio: [0.4, 0.5, 0.6, 0.8],
  citeScoreRatio: [0.5, 0.6, 0.7],
  coverageOffset: [0.1, 0.25, 0.5],
  followUpContextCoverage: [0.34, 0.5, 0.67],
  proximityBonus: [0.05, 0.15, 0.3],
  bm25B: [0.5, 0.75, 0.9],
  conceptTieBreaker: [0.3, 0.6, 1],
};

/** A candidate whose citation precision on a training suite falls more than this below the defaults' is ruled out. */
const CITATION_PRECISION_SLACK = 0.005;

const KEYS = ['passRate', 'hit1', 'abstentionRecall', 'abstentionPrecision', 'citationPrecision', 'citationRecall'] as const;
type Scores = Record<(typeof KEYS)[number], number | null> & { items: ItemResult[] };
interface SuiteEntry {
  name: string;
  suite: string;
  role: string;
  withDocuments: boolean;
}

async function run(entry: SuiteEntry, params: Partial<RankingParams>, env: Record<string, string | undefined>, config = CONFIG): Promise<Scores> {
  const report = await evaluate({
    suitePath: path.join(ROOT, entry.suite),
    configurations: [config],
    env: { ...process.env, ...(entry.withDocuments ? env : {}), LOG_LEVEL: 'error', EMBEDDINGS_PROVIDER: 'none', RANKING_PARAMS: JSON.stringify(params) },
    bootstrapSamples: 0,
    progress: false,
  });
  const overall = report.configurations[0]?.metrics?.overall;
  if (!overall) throw new Error(`${entry.name}: the evaluation did not run (${report.configurations[0]?.reason ?? 'no metrics'}).`);
  return { ...(Object.fromEntries(KEYS.map((k) => [k, overall[k]?.value ?? null])) as Record<(typeof KEYS)[number], number | null>), items: report.configurations[0].items ?? [] };
}

/** The combined corpus (vendored texts + evals/documents/) in a temporary directory, for the suites with documents. */
async function documentsEnv(): Promise<Record<string, string>> {
  const tmp = await mkdtemp(path.join(tmpdir(), 'ct-tune-'));
  return { CORPUS_DIR: await writeCombinedCorpus(path.join(tmp, 'corpus'), { repoRoot: ROOT }), INDEX_DIR: path.join(tmp, 'index') };
}

async function suites(): Promise<SuiteEntry[]> {
  return (JSON.parse(await readFile(path.join(ROOT, 'evals', 'suites.json'), 'utf8')) as { suites: SuiteEntry[] }).suites;
}

async function ablation(): Promise<void> {
  const [env, languages, all] = [await documentsEnv(), await documentLanguages(ROOT), await suites()];
  const chosen = all.filter((s) => s.withDocuments && s.name !== 'core + documents' && (s.role === 'training' || s.role === 'held-out'));
  const rows: string[] = [];
  for (const entry of chosen)
    for (const [name, config, layers] of ABLATIONS) {
      const items = (await run(entry, {}, { ...env, ...layers }, config)).items;
      for (const lang of ['en', 'fr'] as const) rows.push(ablationRow(entry.name, name, items, languages, lang));
      console.error(rows.slice(-2).join('\n'));
    }
  console.log(`Ablation of the cross-lingual layers, English and French questions, lexical, default RankingParams:\n\n${ABLATION_HEADER}\n${rows.join('\n')}`);
}

/** One suite's objective: pass rate, then Hit@1, then abstention recall (lexicographic, as one number); citation precision no lower than `floor` is a constraint. */
const objective = (s: Scores, floor: number) => ((s.citationPrecision ?? 1) < floor ? -1 : 0) + (s.passRate ?? 0) + 0.01 * (s.hit1 ?? 0) + 0.001 * (s.abstentionRecall ?? 0);
const fmt = (v: number | null) => (v === null ? '  —  ' : v.toFixed(3));

/** The mean objective over the training suites, with one line per suite. */
async function trainingObjective(training: SuiteEntry[], params: Partial<RankingParams>, env: Record<string, string>, floors: Map<string, number>): Promise<{ value: number; line: string }> {
  const scores: Scores[] = [];
  for (const entry of training) {
    const s = await run(entry, params, env);
    if (!floors.has(entry.name)) floors.set(entry.name, (s.citationPrecision ?? 0) - CITATION_PRECISION_SLACK);
    scores.push(s);
  }
  const value = scores.reduce((sum, s, i) => sum + objective(s, floors.get(training[i].name) ?? 0), 0) / scores.length;
  const line = training.map((e, i) => `${e.name} ${fmt(scores[i].passRate)}/${fmt(scores[i].hit1)}`).join(', ');
  return { value, line };
}

async function search(training: SuiteEntry[], env: Record<string, string>, rounds: number): Promise<{ best: Partial<RankingParams>; log: string[] }> {
  let best: Partial<RankingParams> = {};
  const floors = new Map<string, number>();
  const start = await trainingObjective(training, best, env, floors);
  let bestScore = start.value;
  const log = [`defaults: objective ${bestScore.toFixed(4)} (pass/Hit@1: ${start.line})`];
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    for (const [key, values] of Object.entries(GRID) as Array<[keyof RankingParams, number[]]>) {
      const current = best[key] ?? DEFAULT_RANKING_PARAMS[key];
      for (const v of values) {
        if (v === current) continue;
        const trial = { ...best, [key]: v };
        const o = await trainingObjective(training, trial, env, floors);
        log.push(`  ${key}=${v}: ${o.line} → ${o.value.toFixed(4)}${o.value > bestScore + 1e-9 ? ' (better)' : ''}`);
        console.error(log[log.length - 1]);
        if (o.value > bestScore + 1e-9) {
          best = trial;
          bestScore = o.value;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  return { best, log };
}

async function report(all: SuiteEntry[], best: Partial<RankingParams>, env: Record<string, string>): Promise<void> {
  const languages = await documentLanguages(ROOT);
  const pairs = (s: Scores) =>
    Object.entries(firstCitationByPair(s.items, languages))
      .map(([k, v]) => `${k} ${v.rate.toFixed(2)}`)
      .join(', ');
  const rows: string[] = [];
  for (const entry of all) {
    const [d, t] = [await run(entry, {}, env), await run(entry, best, env)];
    rows.push(`| ${entry.name} | ${entry.role} | ${KEYS.map((k) => `${fmt(d[k])} → ${fmt(t[k])}`).join(' | ')} | ${pairs(d)} → ${pairs(t)} |`);
  }
  console.log(`\n| suite | role | ${KEYS.join(' | ')} | first citation gold, question>document language |\n|---|---|${KEYS.map(() => '---').join('|')}|---|\n${rows.join('\n')}`);
  console.log('(defaults → tuned; only the training suites were read by the search)');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '1' }, 'no-heldout': { type: 'boolean', default: false }, blind: { type: 'boolean', default: false }, ablation: { type: 'boolean', default: false } },
  });
  const started = Date.now();
  if (values.ablation) return ablation().then(() => console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s`));
  const [all, env] = [await suites(), await documentsEnv()];
  const training = all.filter((s) => s.role === 'training');
  const { best, log } = await search(training, env, Number(values.rounds));
  console.log(`Tuning on the training suites (${training.map((s) => s.name).join(', ')}), lexical+glossary:`);
  console.log(log.join('\n'));
  console.log(`\nTuned values (differences from the defaults): ${JSON.stringify(best)}`);
  if (!values['no-heldout']) await report(values.blind ? all : all.filter((s) => s.role !== 'blind'), best, env);
  console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(`tune: ${(e as Error).message}`);
  process.exit(1);
});
