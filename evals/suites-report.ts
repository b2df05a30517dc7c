/**
 * Side-by-side report of every suite in evals/suites.json: `npm run eval:suites -- [--only a,b] [--report dir]
 * [--config name] [--bootstrap n]`. Writes summary.md, report.html and report.json (default evals/reports/suites/).
 * See evals/README.md.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluate, type ItemResult } from './lib/evaluate.js';
import { languagePairs, type PairMetric } from './lib/language-pairs.js';
import { bootstrapCI, meanOf } from './lib/metrics.js';
import { writeCombinedCorpus } from './lib/real-corpus.js';
import { renderSuitesHtml, renderSuitesMarkdown, type SuiteResult, type SuitesReport } from './lib/suites-render.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

interface SuiteEntry {
  name: string;
  suite: string;
  role: string;
  withDocuments: boolean;
  description: string;
  /** Folders of further documents added to the corpus (evals/distractors with --distractors). */
  extraDirs?: string[];
}

const DISTRACTORS_DIR = 'evals/distractors';

/** Each suite, followed by the same suite over its corpus plus the distractor texts when `distractors`. */
function withDistractors(entries: readonly SuiteEntry[], distractors: boolean): SuiteEntry[] {
  if (!distractors) return [...entries];
  return entries.flatMap((e) => [e, { ...e, name: `${e.name} + distractors`, description: `${e.description}; with the texts of ${DISTRACTORS_DIR}/ added`, extraDirs: [DISTRACTORS_DIR] }]);
}

const HELP = `Usage: npm run eval:suites -- [options]

  --only <a,b,…>   Only these suites (names in evals/suites.json)
  --config <name>  Configuration (default lexical+glossary)
  --report <dir>   Output directory (default evals/reports/suites/)
  --bootstrap <n>  Bootstrap resamples for the 95% CIs (default 1000)
  --distractors    Also run each suite with the texts of evals/distractors/ added to its corpus ("<suite> + distractors"):
                   adding documents nobody tuned on must not degrade the others
  -h, --help       This help
`;

async function documentLanguages(): Promise<Map<string, string>> {
  const vendored = JSON.parse(await readFile(path.join(ROOT, 'corpus', 'corpus.json'), 'utf8')) as { documents: Array<{ id: string; language?: string }> };
  const real = JSON.parse(await readFile(path.join(ROOT, 'evals', 'documents', 'documents.json'), 'utf8')) as Array<{ id: string; language?: string }>;
  return new Map([...vendored.documents, ...real].flatMap((d) => (d.language ? [[d.id, d.language] as [string, string]] : [])));
}

function falseAbstention(items: readonly ItemResult[], samples: number, seed: number): PairMetric {
  const values = items.filter((i) => !i.mustAbstain && i.type !== 'adversarial').map((i) => (i.abstained ? 1 : 0));
  const value = meanOf(values);
  return { value, n: values.length, ci: value === null || samples <= 0 ? null : bootstrapCI(values, (xs) => meanOf(xs), { samples, seed }) };
}

async function runSuite(entry: SuiteEntry, configuration: string, samples: number, seed: number, languages: Map<string, string>): Promise<SuiteResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ct-suites-'));
  const base = {
    name: entry.name,
    suite: entry.suite,
    role: entry.role,
    description: entry.description,
    withDocuments: entry.withDocuments,
    ...(entry.extraDirs ? { extraDirs: entry.extraDirs } : {}),
    configuration,
  };
  try {
    const combined = entry.withDocuments || entry.extraDirs?.length;
    const options = { repoRoot: ROOT, real: entry.withDocuments, extraDirs: entry.extraDirs ?? [] };
    const corpus = combined ? { CORPUS_DIR: await writeCombinedCorpus(path.join(dir, 'corpus'), options) } : {};
    const report = await evaluate({
      suitePath: path.join(ROOT, entry.suite),
      configurations: [configuration],
      env: { ...process.env, LOG_LEVEL: 'error', INDEX_DIR: path.join(dir, 'index'), EMBEDDINGS_PROVIDER: 'none', ...corpus },
      bootstrapSamples: samples,
      seed,
      progress: false,
    });
    const run = report.configurations.find((c) => c.name === configuration);
    if (run?.status !== 'ran' || !run.metrics || !run.items)
      return { ...base, items: report.meta.items, metrics: null, pairs: [], falseAbstention: { value: null, n: 0, ci: null }, error: run?.reason ?? 'not run' };
    return {
      ...base,
      items: run.items.length,
      metrics: run.metrics.overall,
      pairs: languagePairs(run.items, languages, { samples, seed }),
      falseAbstention: falseAbstention(run.items, samples, seed),
    };
  } catch (e) {
    return { ...base, items: 0, metrics: null, pairs: [], falseAbstention: { value: null, n: 0, ci: null }, error: (e as Error).message.split('\n')[0] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      config: { type: 'string' },
      report: { type: 'string' },
      bootstrap: { type: 'string' },
      distractors: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const listed = (JSON.parse(await readFile(path.join(ROOT, 'evals', 'suites.json'), 'utf8')) as { suites: SuiteEntry[] }).suites;
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((n) => !listed.some((s) => s.name === n)) ?? [];
  if (unknown.length) throw new Error(`--only: no suite named ${unknown.join(', ')} in evals/suites.json (known: ${listed.map((s) => s.name).join(', ')}).`);
  const samples = Number(values.bootstrap ?? 1000);
  if (!Number.isInteger(samples) || samples < 0) throw new Error('--bootstrap must be a non-negative integer.');
  const configuration = values.config ?? 'lexical+glossary';
  const seed = 20240601;
  const startedAt = new Date().toISOString();
  const languages = await documentLanguages();
  const suites: SuiteResult[] = [];
  for (const entry of withDistractors(
    listed.filter((s) => !only || only.includes(s.name)),
    values.distractors,
  )) {
    process.stderr.write(`[suites] ${entry.name} (${entry.suite}${entry.withDocuments ? ', with evals/documents' : ''}${entry.extraDirs?.length ? `, with ${entry.extraDirs.join(', ')}` : ''})…\n`);
    suites.push(await runSuite(entry, configuration, samples, seed, languages));
  }
  const report: SuitesReport = { meta: { startedAt, finishedAt: new Date().toISOString(), configuration, bootstrapSamples: samples, seed, node: process.version }, suites };
  const dir = path.resolve(values.report ?? path.join(ROOT, 'evals', 'reports', 'suites'));
  await mkdir(dir, { recursive: true });
  const md = renderSuitesMarkdown(report);
  await writeFile(path.join(dir, 'summary.md'), md);
  await writeFile(path.join(dir, 'report.html'), renderSuitesHtml(report));
  await writeFile(path.join(dir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(md);
  process.stderr.write(`[suites] wrote ${path.relative(process.cwd(), dir) || '.'}/{summary.md,report.html,report.json}\n`);
  return suites.some((s) => s.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`eval:suites: ${e.message}\n`);
    process.exit(2);
  },
);
