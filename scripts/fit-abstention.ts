/**
 * `npm run fit:abstention`: fits `decide`'s threshold table (minCoverage, minCoverageWithoutType,
 * inconclusiveNameCredit) on the training split — evals/suites/core.jsonl over the vendored texts and over the vendored texts plus evals/documents/ (adding documents must not cost refusals), and
 * evals/suites/documents.jsonl, documents-3.jsonl, documents-6.jsonl, documents-7.jsonl and documents-8.jsonl over the vendored texts plus evals/documents/ — in
 * lexical+glossary mode.
 * Each question is retrieved once; its decision signals (server/pipeline/decide.ts `resolvedSignals`: after the
 * name-consistent fallback, as `decide` weighs them) are then
 * thresholded in memory for every point of the grid. Held-out suites are never read.
 *
 * Objective, summed over the suites: share of must-abstain questions refused − FALSE_ABSTENTION_COST × share of
 * answerable questions refused, a must-abstain question counted as refused only when it is below the threshold by MARGIN
 * (an answerable one counts as it is: the margin must not push thresholds down where no must-abstain question lies). Among
 * the grid points that reach the maximum, the coverage thresholds nearest the defaults it runs with (the prior) are
 * kept — a threshold moves only as far as the training questions ask — and the middle of the optimal credit interval.
 *
 *   npm run fit:abstention
 *   npm run fit:abstention -- --params '{"generalConceptImportance":0.7}'   # signals under other defaults
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCombinedCorpus } from '../evals/lib/real-corpus.js';
import { loadSuite } from '../evals/lib/suite.js';
import { createNodeRuntime } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';
import { type DecisionSignals, resolvedSignals, softAbstention } from '../server/pipeline/decide.js';
import { rankingParams, type RankingParams } from '../server/pipeline/params.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** A false abstention costs this many missed ones: the targets are ≥ 0.90 refused and ≤ 0.05 falsely refused. */
const FALSE_ABSTENTION_COST = 2;
/** Coverage margin: a threshold raised to refuse a must-abstain question must clear it by this much (it must hold on texts it was not fitted on). */
const MARGIN = 0.05;
const GRID = {
  minCoverage: range(0, 0.4, 0.01),
  minCoverageWithoutType: range(0, 1.02, 0.02),
  inconclusiveNameCredit: range(0, 0.3, 0.02),
} as const;
type Key = keyof typeof GRID;

function range(from: number, to: number, step: number): number[] {
  return Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1000) / 1000);
}

interface Row {
  id: string;
  mustAbstain: boolean;
  signals: DecisionSignals;
}

async function signalsOf(suite: string, env: Record<string, string | undefined>, params: RankingParams): Promise<Row[]> {
  const config = loadConfig({
    ...process.env,
    ...env,
    RETRIEVAL_MODE: 'lexical',
    GLOSSARY: 'on',
    ANSWERER: 'extractive',
    EMBEDDINGS_PROVIDER: 'none',
    LOG_LEVEL: 'error',
    RANKING_PARAMS: JSON.stringify(params),
  });
  const runtime = await createNodeRuntime(config, { log: (l) => console.error(l) });
  const { pipeline } = runtime.retriever;
  const rows: Row[] = [];
  for (const item of (await loadSuite(path.join(ROOT, 'evals', 'suites', suite))).items) {
    const r = await pipeline.retrieve({ question: item.question, ...(item.history ? { history: item.history } : {}) });
    rows.push({ id: item.id, mustAbstain: item.mustAbstain === true, signals: resolvedSignals(r.plan, r.plan, r.passages, pipeline.deps, pipeline.deps.params, r.candidates).signals });
  }
  await runtime.close();
  return rows;
}

/** True when the question is refused; with `margin`, a must-abstain question counts as refused only when it is below a threshold by that much. */
function abstains(row: Row, params: RankingParams, margin = 0): boolean {
  if ('hard' in row.signals) return !row.signals.hard.answer;
  const shift = row.mustAbstain ? -margin : 0;
  return softAbstention(row.signals.soft, { ...params, minCoverage: params.minCoverage + shift, minCoverageWithoutType: params.minCoverageWithoutType + shift }) !== undefined;
}

function scores(rows: Row[], params: RankingParams, margin = 0) {
  const must = rows.filter((r) => r.mustAbstain);
  const answerable = rows.filter((r) => !r.mustAbstain);
  const refused = must.filter((r) => abstains(r, params, margin)).length / (must.length || 1);
  const falseRate = answerable.filter((r) => abstains(r, params, margin)).length / (answerable.length || 1);
  return { refused, falseRate };
}

const objective = (suites: Row[][], params: RankingParams) =>
  suites.reduce((sum, rows) => {
    const s = scores(rows, params, MARGIN);
    return sum + s.refused - FALSE_ABSTENTION_COST * s.falseRate;
  }, 0);

/**
 * Grid points reaching the best objective; of those, the ones whose coverage thresholds are nearest the prior (the
 * thresholds move only as far as the training questions ask), and of these the middle one in inconclusiveNameCredit
 * (no prior: an unrendered acronym's share of the question is unknown).
 */
function fit(suites: Row[][], prior: RankingParams): RankingParams {
  const keys = Object.keys(GRID) as Key[];
  let best: RankingParams[] = [];
  let bestScore = -Infinity;
  const visit = (i: number, p: RankingParams): void => {
    if (i < keys.length) {
      for (const v of GRID[keys[i]]) visit(i + 1, { ...p, [keys[i]]: v });
      return;
    }
    const o = objective(suites, p);
    if (o > bestScore + 1e-9) [best, bestScore] = [[p], o];
    else if (o > bestScore - 1e-9) best.push(p);
  };
  visit(0, prior);
  const distance = (p: RankingParams) => Math.abs(p.minCoverage - prior.minCoverage) + Math.abs(p.minCoverageWithoutType - prior.minCoverageWithoutType);
  const nearest = Math.min(...best.map(distance));
  const chosen = best
    .filter((p) => distance(p) <= nearest + 1e-9)
    .sort((a, b) => a.minCoverage - b.minCoverage || a.minCoverageWithoutType - b.minCoverageWithoutType || a.inconclusiveNameCredit - b.inconclusiveNameCredit);
  const first = chosen.filter((p) => p.minCoverage === chosen[0].minCoverage && p.minCoverageWithoutType === chosen[0].minCoverageWithoutType);
  return first[Math.floor((first.length - 1) / 2)];
}

const fmt = (x: number) => x.toFixed(3);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { params: { type: 'string', default: '{}' }, list: { type: 'boolean', default: false } } });
  const base = rankingParams(JSON.parse(values.params!) as Record<string, unknown>);
  const tmp = await mkdtemp(path.join(tmpdir(), 'ct-fit-'));
  const documentsEnv = { CORPUS_DIR: await writeCombinedCorpus(path.join(tmp, 'corpus'), { repoRoot: ROOT }), INDEX_DIR: path.join(tmp, 'index') };
  const suites: Record<string, Row[]> = {
    core: await signalsOf('core.jsonl', {}, base),
    'core + documents': await signalsOf('core.jsonl', documentsEnv, base),
    documents: await signalsOf('documents.jsonl', documentsEnv, base),
    'documents-3': await signalsOf('documents-3.jsonl', documentsEnv, base),
    'documents-6': await signalsOf('documents-6.jsonl', documentsEnv, base),
    'documents-7': await signalsOf('documents-7.jsonl', documentsEnv, base),
    'documents-8': await signalsOf('documents-8.jsonl', documentsEnv, base),
  };
  const fitted = fit(Object.values(suites), base);
  console.log(`Fitted on ${Object.keys(suites).join(', ')} (lexical+glossary), false-abstention cost ${FALSE_ABSTENTION_COST}, margin ${MARGIN}:`);
  for (const key of Object.keys(GRID) as Key[]) console.log(`  ${key}: ${base[key]} → ${fitted[key]}`);
  console.log('\n| suite | refused (must abstain) | false abstention |\n|---|---|---|');
  for (const [name, rows] of Object.entries(suites)) {
    const [b, f] = [scores(rows, base), scores(rows, fitted)];
    console.log(`| ${name} | ${fmt(b.refused)} → ${fmt(f.refused)} | ${fmt(b.falseRate)} → ${fmt(f.falseRate)} |`);
  }
  const soft = Object.values(suites)
    .flat()
    .filter((r) => 'soft' in r.signals);
  if (values.list) {
    for (const r of soft.sort((x, y) => ('soft' in x.signals ? x.signals.soft.coverage : 0) - ('soft' in y.signals ? y.signals.soft.coverage : 0))) {
      const s = 'soft' in r.signals ? r.signals.soft : undefined;
      if (s && (s.coverage < 0.45 || !s.typeHeld || s.inconclusive))
        console.log(`  ${r.mustAbstain ? 'MUST' : '    '} ${r.id.padEnd(48)} coverage ${fmt(s.coverage)} ${s.expects ?? '-'} held ${s.typeHeld} inconclusive ${s.inconclusive}`);
    }
  }
  console.log(`\n${soft.length} questions reach the threshold table (${soft.filter((r) => r.mustAbstain).length} must abstain); the others are decided by hard signals.`);
}

main().catch((e) => {
  console.error(`fit-abstention: ${(e as Error).message}`);
  process.exit(1);
});
