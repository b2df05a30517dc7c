/**
 * Evaluation runner: `npm run eval -- [--suite file] [--url http://host] [--mode lexical|hybrid|dense]
 * [--report dir] [--config name,…] [--quick] [--embeddings] [--baseline file] [--gate] [--translator parallel]`.
 * See evals/README.md.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { METRICS } from './lib/aggregate.js';
import { CONFIGURATIONS } from './lib/configs.js';
import { checkThresholds, compareWithBaseline, toBaseline, type Baseline, type Thresholds } from './lib/compare.js';
import { evaluate } from './lib/evaluate.js';
import { ParallelTextTranslator } from './lib/parallel-translator.js';
import { writeCombinedCorpus } from './lib/real-corpus.js';
import { loadSuite } from './lib/suite.js';
import { withholdDocuments } from './lib/withhold.js';
import { loadConfig } from '../server/config.js';
import { formatMetric } from './lib/format.js';
import { writeReports, type FullReport } from './lib/reports.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const rel = (p: string) => path.relative(process.cwd(), p) || '.';

const HELP = `Usage: npm run eval -- [options]

  --suite <file>        Suite to run: .jsonl or .csv (default evals/suites/core.jsonl; smoke.jsonl with --quick)
  --url <url>           Evaluate a running server (POST <url>/api/chat) instead of in-process
  --mode <m>            Only the configurations with retrieval lexical, hybrid or dense
  --config <a,b,…>      Only these configurations: ${CONFIGURATIONS.map((c) => c.name).join(', ')}
  --embeddings          Run dense and hybrid even if no EMBEDDINGS_* variable is set
  --quick               Smoke suite and 200 bootstrap resamples
  --report <dir>        Report directory (default evals/reports/<timestamp>/, mirrored to evals/reports/latest/)
  --baseline <file>     Compare with this baseline (default evals/baseline.json when it exists)
  --no-baseline         Do not compare with a baseline
  --save-baseline       Write this run's overall metrics as the baseline file
  --fail-on-regression  Exit 1 when a metric regressed beyond tolerance against the baseline
  --gate                Check evals/thresholds.json (or --thresholds <file>) and exit 1 when a bound is missed
  --with-documents      Add the real documents of evals/documents/ to the corpus (default for suites named documents*.jsonl)
  --remap-gold          Follow goldQuotes to the paragraph that contains them when a gold label does not match
  --bootstrap <n>       Bootstrap resamples for the 95% CIs (default 1000)
  --seed <n>            Seed of the bootstrap PRNG (default 20240601)
  --translator parallel Build the index (in a fresh temporary INDEX_DIR) with the parallel-text reference translator:
                        the official other-language version of the Canadian texts of evals/documents/ (an upper
                        bound for a perfect translator, on those documents only; no translation elsewhere)
  --without-documents <ids>  Leave these real documents out of the corpus (comma-separated ids) and their gold entries
                        out of the suite (items with no gold left are skipped): e.g. the English versions of the
                        Canadian texts, so that English questions meet only the French versions
  --timeout <ms>        Per-question timeout (default 120000)
  --no-progress         No progress bar
  -h, --help            This help
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string' },
      url: { type: 'string' },
      mode: { type: 'string' },
      config: { type: 'string' },
      embeddings: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      report: { type: 'string' },
      baseline: { type: 'string' },
      'no-baseline': { type: 'boolean', default: false },
      'save-baseline': { type: 'boolean', default: false },
      'fail-on-regression': { type: 'boolean', default: false },
      gate: { type: 'boolean', default: false },
      thresholds: { type: 'string' },
      'remap-gold': { type: 'boolean', default: false },
      'with-documents': { type: 'boolean', default: false },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      timeout: { type: 'string' },
      translator: { type: 'string' },
      'without-documents': { type: 'string' },
      'no-progress': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const mode = values.mode as 'lexical' | 'dense' | 'hybrid' | undefined;
  if (mode && !['lexical', 'dense', 'hybrid'].includes(mode)) throw new Error(`--mode must be lexical, hybrid or dense (got "${mode}").`);
  if (values.url && (values.config || mode)) throw new Error('--url evaluates the running server as it is configured: --config and --mode only apply in-process.');
  const int = (v: string | undefined, name: string, dflt: number) => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer.`);
    return n;
  };
  const suitePath = values.suite ?? path.join(HERE, 'suites', values.quick ? 'smoke.jsonl' : 'core.jsonl');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const reportDir = values.report ?? path.join(HERE, 'reports', stamp);
  const latestDir = values.report ? undefined : path.join(HERE, 'reports', 'latest');
  const baselinePath = values.baseline ?? path.join(HERE, 'baseline.json');
  const log = (line: string) => process.stderr.write(`${line}\n`);

  let env: Record<string, string | undefined> = process.env;
  const without = new Set(
    (values['without-documents'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  if (without.size && values.url) throw new Error('--without-documents only applies in-process.');
  let runSuite = suitePath;
  if (!values.url && (values['with-documents'] || without.size || path.basename(suitePath).startsWith('documents'))) {
    const tmp = await mkdtemp(path.join(tmpdir(), 'ct-eval-documents-'));
    env = { ...env, CORPUS_DIR: await writeCombinedCorpus(path.join(tmp, 'corpus'), { repoRoot: path.dirname(HERE), without }), INDEX_DIR: path.join(tmp, 'index') };
    log(`Corpus: the vendored texts and the real documents of evals/documents/${without.size ? ` without ${[...without].join(', ')}` : ''} (index in ${rel(path.join(tmp, 'index'))}).`);
    if (without.size) {
      const items = withholdDocuments((await loadSuite(suitePath)).items, without);
      runSuite = path.join(tmp, `${path.basename(suitePath, path.extname(suitePath))}-without-${without.size}-documents.jsonl`);
      await writeFile(runSuite, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
      log(`Suite: ${items.length} items of ${rel(suitePath)} whose gold is not only in the withheld documents (${rel(runSuite)}).`);
    }
  }
  let translator: ParallelTextTranslator | undefined;
  if (values.translator !== undefined) {
    if (values.translator !== 'parallel') throw new Error(`--translator must be "parallel" (got "${values.translator}"); configure a real translator with TRANSLATOR=… instead.`);
    if (values.url) throw new Error('--translator only applies in-process (the running server has its own index).');
    translator = await ParallelTextTranslator.load(path.join(HERE, 'documents'), loadConfig(env));
    const tmp = await mkdtemp(path.join(tmpdir(), 'ct-eval-parallel-'));
    env = { ...env, INDEX_DIR: path.join(tmp, 'index') };
    log(`Translator: ${translator.id}; ${translator.coverage.en} English and ${translator.coverage.fr} French sentences have an official counterpart (index in ${rel(path.join(tmp, 'index'))}).`);
  }
  const report: FullReport = await evaluate({
    suitePath: runSuite,
    url: values.url,
    configurations: values.config
      ? values.config
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    mode,
    embeddings: values.embeddings,
    env,
    bootstrapSamples: int(values.bootstrap, '--bootstrap', values.quick ? 200 : 1000),
    seed: int(values.seed, '--seed', 20240601),
    progress: !values['no-progress'],
    remapGold: values['remap-gold'],
    timeoutMs: int(values.timeout, '--timeout', 120_000),
    log,
    ...(translator ? { translator } : {}),
  });

  if (!values['no-baseline'] && existsSync(baselinePath) && !values['save-baseline']) {
    const baseline = JSON.parse(await readFile(baselinePath, 'utf8')) as Baseline;
    if (baseline.suiteSha256 === report.meta.suiteSha256 || values.baseline) report.baseline = compareWithBaseline(report, baseline, rel(baselinePath));
    else log(`Not compared with ${rel(baselinePath)}: it was measured on another suite (${baseline.suite}); pass --baseline to compare anyway.`);
  } else if (values.baseline && !existsSync(baselinePath) && !values['save-baseline']) {
    throw new Error(`Baseline file ${values.baseline} does not exist.`);
  }
  if (values.gate) {
    const tPath = values.thresholds ?? path.join(HERE, 'thresholds.json');
    report.gate = checkThresholds(report, JSON.parse(await readFile(tPath, 'utf8')) as Thresholds);
  }
  const files = await writeReports(report, reportDir, latestDir);
  if (values['save-baseline']) {
    await writeFile(baselinePath, JSON.stringify(toBaseline(report), null, 2) + '\n');
    log(`Baseline written to ${rel(baselinePath)}`);
  }

  const out: string[] = [];
  for (const c of report.configurations) {
    if (c.status !== 'ran' || !c.metrics) {
      out.push(`${c.name}: ${c.status === 'failed' ? 'FAILED' : 'not run'} — ${c.reason}`);
      continue;
    }
    out.push(`${c.name} (${c.items?.length} questions)`);
    for (const m of METRICS) out.push(`  ${m.label.padEnd(24)} ${formatMetric(m, c.metrics.overall[m.name])}`);
  }
  if (report.baseline)
    out.push(
      report.baseline.regressions.length
        ? `REGRESSIONS vs ${report.baseline.file}: ${report.baseline.regressions.map((d) => `${d.configuration}/${d.metric}`).join(', ')}`
        : `No regression vs ${report.baseline.file}.`,
    );
  if (report.gate)
    out.push(
      `Gate (${report.gate.configuration}): ${
        report.gate.ok
          ? 'passed'
          : `FAILED on ${report.gate.checks
              .filter((c) => !c.ok)
              .map((c) => c.metric)
              .join(', ')}`
      }`,
    );
  out.push(`Reports: ${files.map(rel).join(', ')}${latestDir ? ` (copied to ${rel(latestDir)})` : ''}`);
  process.stdout.write(out.join('\n') + '\n');

  const ranSomething = report.configurations.some((c) => c.status === 'ran');
  if (!ranSomething) return 2;
  if (report.configurations.some((c) => c.status === 'failed')) return 2;
  if (report.gate && !report.gate.ok) return 1;
  if (values['fail-on-regression'] && report.baseline?.regressions.length) return 1;
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`eval: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
