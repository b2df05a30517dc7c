/** Runs a suite against one or more configurations and produces the report data (report.json). */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../server/config.js';
import type { Translator } from '../../server/translate/translator.js';
import type { Citation, Lang, RetrievalMode, RetrievedPassage } from '../../server/types.js';
import { aggregate, type Aggregates } from './aggregate.js';
import { detectAvailability, selectConfigurations, type EvalConfiguration } from './configs.js';
import { checkGold, corpusView, formatGoldProblems, remapGold, type CorpusView } from './gold.js';
import { refKey } from './metrics.js';
import { scoreItem, type ItemScore } from './score.js';
import { loadSuite, type EvalItem, type GoldRef } from './suite.js';
import { appTarget, httpTarget, startRuntime, type ChatTarget } from './target.js';

export interface ItemResult {
  id: string;
  language: Lang;
  type: string;
  question: string;
  history?: EvalItem['history'];
  referenceAnswer: string;
  gold: GoldRef[];
  keyFacts: string[];
  mustAbstain: boolean;
  answer: string | null;
  answerLanguage: Lang | null;
  abstained: boolean | null;
  citations: Array<Pick<Citation, 'ref' | 'documentId' | 'paragraph' | 'quote'>>;
  /** Retrieval mode the server reports for this answer. */
  retrievalMode: RetrievalMode | null;
  /** The first 10 retrieved passages. */
  passages: RetrievedPassage[];
  error?: string;
  latencyMs: number | null;
  score: ItemScore;
  pass: boolean;
  reasons: string[];
}

export interface ConfigurationReport {
  name: string;
  description: string;
  status: 'ran' | 'not-configured' | 'failed';
  reason?: string;
  target?: string;
  /** Effective settings of the run (in-process runs only). */
  settings?: Record<string, string | boolean | null>;
  metrics?: Aggregates;
  items?: ItemResult[];
  /** Text of every paragraph cited or gold in this run, by `documentId#label`. */
  paragraphs?: Record<string, string>;
  remappedGold?: string[];
  durationMs?: number;
}

export interface EvalReport {
  meta: {
    tool: 'evals/run.ts';
    startedAt: string;
    finishedAt: string;
    suite: string;
    suiteSha256: string;
    items: number;
    target: 'in-process' | 'http';
    url?: string;
    seed: number;
    bootstrapSamples: number;
    node: string;
  };
  configurations: ConfigurationReport[];
}

export interface EvaluateOptions {
  suitePath: string;
  url?: string;
  configurations?: string[];
  mode?: 'lexical' | 'dense' | 'hybrid';
  embeddings?: boolean;
  env?: Record<string, string | undefined>;
  bootstrapSamples?: number;
  seed?: number;
  progress?: boolean;
  remapGold?: boolean;
  timeoutMs?: number;
  log?: (line: string) => void;
  /** Translator used when the in-process index is built (a fresh INDEX_DIR is needed for it to take effect). */
  translator?: Translator;
  /** Language of each document; read from the corpus manifest by {@link evaluate}. */
  languages?: ReadonlyMap<string, Lang>;
}

/** The corpus manifest's documents: ids, and each document's language (for the key facts in the reader's language). */
const DOCS_FROM_CORPUS = async (corpusDir: string): Promise<{ ids: string[]; languages: Map<string, Lang> }> => {
  const json = JSON.parse(await readFile(`${corpusDir.replace(/\/+$/, '')}/corpus.json`, 'utf8')) as { documents: Array<{ id: string; language?: Lang }> };
  return { ids: json.documents.map((d) => d.id), languages: new Map(json.documents.flatMap((d) => (d.language ? [[d.id, d.language] as const] : []))) };
};

async function fetchCorpus(target: ChatTarget, ids: readonly string[]): Promise<CorpusView> {
  const docs = [];
  for (const id of ids) docs.push(await target.getDocument(id));
  return corpusView(docs);
}

async function runItems(name: string, target: ChatTarget, items: readonly EvalItem[], corpus: CorpusView, opts: EvaluateOptions): Promise<ItemResult[]> {
  const bar =
    opts.progress === false
      ? null
      : new cliProgress.SingleBar(
          { format: `${name.padEnd(20)} {bar} {value}/{total} | {duration_formatted} | {id}`, stream: process.stderr, hideCursor: true, clearOnComplete: false, fps: 5 },
          cliProgress.Presets.shades_classic,
        );
  bar?.start(items.length, 0, { id: '' });
  const results: ItemResult[] = [];
  try {
    for (const item of items) {
      bar?.update({ id: item.id });
      const { response, error, latencyMs } = await target.ask({ question: item.question, ...(item.history ? { history: item.history } : {}) });
      const { score, pass, reasons } = scoreItem(item, response, corpus.existing, error, opts.languages);
      results.push({
        id: item.id,
        language: item.language,
        type: item.type,
        question: item.question,
        ...(item.history ? { history: item.history } : {}),
        referenceAnswer: item.referenceAnswer,
        gold: item.gold,
        keyFacts: item.keyFacts,
        mustAbstain: item.mustAbstain === true,
        answer: response?.answer ?? null,
        answerLanguage: response?.language ?? null,
        abstained: response?.abstained ?? null,
        citations: (response?.citations ?? []).map((c) => ({ ref: c.ref, documentId: c.documentId, paragraph: c.paragraph, ...(c.quote ? { quote: c.quote } : {}) })),
        retrievalMode: response?.retrieval.mode ?? null,
        passages: (response?.retrieval.passages ?? []).slice(0, 10),
        ...(error ? { error } : {}),
        latencyMs: response ? Math.round(latencyMs * 10) / 10 : null,
        score,
        pass,
        reasons,
      });
      bar?.increment();
    }
  } finally {
    bar?.stop();
  }
  return results;
}

function usedParagraphs(items: readonly ItemResult[], corpus: CorpusView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const it of items) {
    for (const ref of [...it.gold.map(refKey), ...it.citations.map(refKey), ...it.passages.slice(0, 5).map(refKey)]) {
      const t = corpus.text(ref);
      if (t !== undefined) out[ref] = t;
    }
  }
  return out;
}

async function evaluateOn(
  name: string,
  description: string,
  open: () => Promise<{ target: ChatTarget; settings?: ConfigurationReport['settings'] }>,
  items: readonly EvalItem[],
  docIds: readonly string[],
  opts: EvaluateOptions,
  expectedMode?: RetrievalMode,
): Promise<ConfigurationReport> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  let target: ChatTarget;
  let settings: ConfigurationReport['settings'];
  try {
    ({ target, settings } = await open());
  } catch (e) {
    log(`[${name}] could not start: ${(e as Error).message}`);
    return { name, description, status: 'failed', reason: (e as Error).message };
  }
  try {
    const corpus = await fetchCorpus(target, docIds);
    let suiteItems = [...items];
    let remapped: string[] | undefined;
    const problems = checkGold(suiteItems, corpus);
    if (problems.length) {
      if (!opts.remapGold) throw new Error(formatGoldProblems(problems));
      const r = remapGold(suiteItems, problems);
      if (r.unresolved.length) throw new Error(formatGoldProblems(r.unresolved));
      suiteItems = r.items;
      remapped = r.remapped.map((p) => `${p.itemId}: ${p.documentId} § ${p.paragraph} → § ${p.foundIn[0]}`);
      log(`[${name}] remapped ${remapped.length} gold label(s):\n  ${remapped.join('\n  ')}`);
    }
    const results = await runItems(name, target, suiteItems, corpus, opts);
    const wrongMode = expectedMode ? results.filter((r) => r.retrievalMode !== null && r.retrievalMode !== expectedMode) : [];
    if (wrongMode.length) {
      const reason = `expected retrieval mode "${expectedMode}" but the server answered ${wrongMode.length} question(s) in mode "${wrongMode[0].retrievalMode}"; no numbers reported for this configuration`;
      log(`[${name}] ${reason}`);
      return { name, description, status: 'failed', reason, target: target.description };
    }
    const metrics = aggregate(results, { samples: opts.bootstrapSamples ?? 1000, seed: opts.seed ?? 20240601 });
    return {
      name,
      description,
      status: 'ran',
      target: target.description,
      ...(settings ? { settings } : {}),
      metrics,
      items: results,
      paragraphs: usedParagraphs(results, corpus),
      ...(remapped ? { remappedGold: remapped } : {}),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await target.close();
  }
}

/**
 * Runs the suite on every selected configuration (in-process by default, or one running server with `url`)
 * and returns the report data. Gold paragraphs are checked against the live documents first: mismatches throw.
 * @example
 * const report = await evaluate({ suitePath: 'evals/suites/smoke.jsonl', configurations: ['lexical+glossary'], progress: false });
 * report.configurations[0].metrics?.overall.hit5.value;
 */
export async function evaluate(opts: EvaluateOptions): Promise<EvalReport> {
  const env = opts.env ?? {};
  const log = opts.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const suite = await loadSuite(opts.suitePath);
  const suiteSha256 = createHash('sha256')
    .update(await readFile(opts.suitePath))
    .digest('hex');
  const baseConfig = loadConfig(env);
  const { ids: docIds, languages } = await DOCS_FROM_CORPUS(baseConfig.corpusDir);
  opts = { ...opts, languages };
  const configurations: ConfigurationReport[] = [];
  if (opts.url) {
    const url = opts.url;
    configurations.push(await evaluateOn('server', `Running server at ${url}`, async () => ({ target: httpTarget(url, opts.timeoutMs) }), suite.items, docIds, opts));
  } else {
    const selection = selectConfigurations({ names: opts.configurations, mode: opts.mode, availability: detectAvailability(env, opts.embeddings === true) });
    for (const { configuration, reason } of selection.notRun) {
      log(`[${configuration.name}] not run: ${reason}`);
      configurations.push({ name: configuration.name, description: configuration.description, status: 'not-configured', reason });
    }
    for (const c of selection.run) configurations.push(await evaluateOn(c.name, c.description, () => openInProcess(c, env, log, opts), suite.items, docIds, opts, c.retrieval));
    const order = new Map([...selection.run, ...selection.notRun.map((n) => n.configuration)].map((c, i) => [c.name, i]));
    configurations.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  }
  return {
    meta: {
      tool: 'evals/run.ts',
      startedAt,
      finishedAt: new Date().toISOString(),
      suite: path.relative(process.cwd(), path.resolve(opts.suitePath)) || opts.suitePath,
      suiteSha256,
      items: suite.items.length,
      target: opts.url ? 'http' : 'in-process',
      ...(opts.url ? { url: opts.url } : {}),
      seed: opts.seed ?? 20240601,
      bootstrapSamples: opts.bootstrapSamples ?? 1000,
      node: process.version,
    },
    configurations,
  };
}

async function openInProcess(c: EvalConfiguration, env: Record<string, string | undefined>, log: (l: string) => void, opts: EvaluateOptions) {
  const config = loadConfig({ ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'error', ...c.env });
  const runtime = await startRuntime(config, log, opts.translator);
  return {
    target: appTarget(runtime.app, `in-process (${c.name})`, () => runtime.close(), opts.timeoutMs),
    settings: {
      retrievalMode: config.retrievalMode,
      glossary: config.glossary,
      answerer: config.llm.answerer,
      llmModel: config.llm.answerer === 'llm' ? config.llm.model : null,
      embeddings: c.needs.includes('embeddings') || c.retrieval !== 'lexical' ? `${config.embeddings.provider}:${config.embeddings.model}` : null,
      indexDir: config.indexDir,
      ...(opts.translator ? { translator: opts.translator.id } : {}),
    },
  };
}
