/** Aggregates per-item scores into metrics with bootstrap CIs, overall, by language and by question type. */
import { abstentionScores, bootstrapCI, meanOf, percentile } from './metrics.js';
import type { ItemScore } from './score.js';

/** What aggregation needs from one item's result. */
export interface ScoredItem {
  language: string;
  type: string;
  score: ItemScore;
  pass: boolean;
  latencyMs: number | null;
}

export type MetricName =
  | 'passRate'
  | 'hit1'
  | 'hit5'
  | 'recall5'
  | 'mrr'
  | 'ndcg5'
  | 'citationPrecision'
  | 'citationRecall'
  | 'invalidCitationRate'
  | 'keyFactAccuracy'
  | 'keyFactsTargetLanguage'
  | 'languageMatch'
  | 'abstentionPrecision'
  | 'abstentionRecall'
  | 'latencyP50'
  | 'latencyP95';

export interface MetricDef {
  name: MetricName;
  label: string;
  /** `higher` when bigger is better. */
  better: 'higher' | 'lower';
  unit: 'ratio' | 'ms';
  description: string;
  compute: (items: readonly ScoredItem[]) => number | null;
}

const mean = (pick: (s: ItemScore) => number | null) => (items: readonly ScoredItem[]) => meanOf(items.map((i) => pick(i.score)));

/** Every metric, in report order. */
export const METRICS: readonly MetricDef[] = [
  {
    name: 'passRate',
    label: 'Pass rate',
    better: 'higher',
    unit: 'ratio',
    description: 'Share of questions whose answer passes every check of its kind.',
    compute: (items) => meanOf(items.map((i) => (i.pass ? 1 : 0))),
  },
  { name: 'hit1', label: 'Hit@1', better: 'higher', unit: 'ratio', description: 'Top retrieved passage is a gold paragraph (items with gold).', compute: mean((s) => s.hit1) },
  { name: 'hit5', label: 'Hit@5', better: 'higher', unit: 'ratio', description: 'A gold paragraph is among the first 5 retrieved passages.', compute: mean((s) => s.hit5) },
  { name: 'recall5', label: 'Recall@5', better: 'higher', unit: 'ratio', description: 'Share of gold paragraphs among the first 5 retrieved passages.', compute: mean((s) => s.recall5) },
  { name: 'mrr', label: 'MRR', better: 'higher', unit: 'ratio', description: 'Mean of 1/rank of the first gold paragraph among all retrieved passages (0 if absent).', compute: mean((s) => s.rr) },
  { name: 'ndcg5', label: 'nDCG@5', better: 'higher', unit: 'ratio', description: 'Binary-relevance nDCG over the first 5 retrieved passages.', compute: mean((s) => s.ndcg5) },
  {
    name: 'citationPrecision',
    label: 'Citation precision',
    better: 'higher',
    unit: 'ratio',
    description: 'Share of cited paragraphs that are gold (answered items with citations).',
    compute: mean((s) => s.citationPrecision),
  },
  {
    name: 'citationRecall',
    label: 'Citation recall',
    better: 'higher',
    unit: 'ratio',
    description: 'Share of gold paragraphs that are cited (answerable items).',
    compute: mean((s) => s.citationRecall),
  },
  {
    name: 'invalidCitationRate',
    label: 'Invalid citation rate',
    better: 'lower',
    unit: 'ratio',
    description: 'Cited paragraphs that do not exist or were not retrieved, over all cited paragraphs.',
    compute: (items) => {
      const cited = items.reduce((s, i) => s + i.score.cited, 0);
      return cited === 0 ? null : items.reduce((s, i) => s + i.score.invalid.length, 0) / cited;
    },
  },
  {
    name: 'keyFactAccuracy',
    label: 'Key-fact correctness',
    better: 'higher',
    unit: 'ratio',
    description: 'Answer + quotes contain every key fact (accent/case-insensitive).',
    compute: mean((s) => s.keyFacts),
  },
  {
    name: 'keyFactsTargetLanguage',
    label: 'Key facts (reader lang.)',
    better: 'higher',
    unit: 'ratio',
    description: 'Questions over documents in the other language: share of key facts the answer states outside the quoted originals (frame, glosses, dates, labelled translation).',
    compute: mean((s) => s.keyFactsTargetLanguage),
  },
  { name: 'languageMatch', label: 'Answer language match', better: 'higher', unit: 'ratio', description: 'Answer is in the language of the question.', compute: mean((s) => s.languageMatch) },
  {
    name: 'abstentionPrecision',
    label: 'Abstention precision',
    better: 'higher',
    unit: 'ratio',
    description: 'Share of abstentions that were expected (must-abstain items).',
    compute: (items) => abstentionScores(items.filter((i) => i.score.abstained !== null).map((i) => ({ expected: i.score.abstainExpected, actual: i.score.abstained === true }))).precision,
  },
  {
    name: 'abstentionRecall',
    label: 'Abstention recall',
    better: 'higher',
    unit: 'ratio',
    description: 'Share of must-abstain items on which the assistant abstained.',
    compute: (items) => abstentionScores(items.map((i) => ({ expected: i.score.abstainExpected, actual: i.score.abstained === true }))).recall,
  },
  {
    name: 'latencyP50',
    label: 'Latency p50',
    better: 'lower',
    unit: 'ms',
    description: 'Median response time.',
    compute: (items) =>
      percentile(
        items.flatMap((i) => (i.latencyMs === null ? [] : [i.latencyMs])),
        0.5,
      ),
  },
  {
    name: 'latencyP95',
    label: 'Latency p95',
    better: 'lower',
    unit: 'ms',
    description: '95th percentile of response time.',
    compute: (items) =>
      percentile(
        items.flatMap((i) => (i.latencyMs === null ? [] : [i.latencyMs])),
        0.95,
      ),
  },
];

export interface MetricValue {
  value: number | null;
  /** Items the metric is defined on. */
  n: number;
  ci: { low: number; high: number } | null;
}

export type MetricTable = Record<MetricName, MetricValue>;

export interface Aggregates {
  overall: MetricTable;
  byLanguage: Record<string, MetricTable>;
  byType: Record<string, MetricTable>;
}

function support(name: MetricName, items: readonly ScoredItem[]): number {
  const s = (pick: (x: ItemScore) => unknown) => items.filter((i) => pick(i.score) !== null).length;
  switch (name) {
    case 'passRate':
      return items.length;
    case 'hit1':
    case 'hit5':
    case 'recall5':
    case 'ndcg5':
    case 'mrr':
      return s((x) => x.hit1);
    case 'citationPrecision':
      return s((x) => x.citationPrecision);
    case 'citationRecall':
      return s((x) => x.citationRecall);
    case 'invalidCitationRate':
      return items.reduce((t, i) => t + i.score.cited, 0);
    case 'keyFactAccuracy':
      return s((x) => x.keyFacts);
    case 'keyFactsTargetLanguage':
      return s((x) => x.keyFactsTargetLanguage);
    case 'languageMatch':
      return s((x) => x.languageMatch);
    case 'abstentionPrecision':
      return items.filter((i) => i.score.abstained === true).length;
    case 'abstentionRecall':
      return items.filter((i) => i.score.abstainExpected).length;
    case 'latencyP50':
    case 'latencyP95':
      return items.filter((i) => i.latencyMs !== null).length;
  }
}

/**
 * Computes every metric with its support and a percentile-bootstrap 95% CI (seeded: deterministic).
 * @example
 * const table = metricTable(scoredItems, { samples: 1000, seed: 1 });
 * table.hit5.value; // e.g. 0.93
 */
export function metricTable(items: readonly ScoredItem[], opts: { samples: number; seed: number }): MetricTable {
  const out = {} as MetricTable;
  METRICS.forEach((m, k) => {
    const value = items.length ? m.compute(items) : null;
    const ci = value === null || opts.samples <= 0 ? null : bootstrapCI(items, m.compute, { samples: opts.samples, seed: opts.seed + k });
    out[m.name] = { value, n: support(m.name, items), ci };
  });
  return out;
}

function groupBy(items: readonly ScoredItem[], key: (i: ScoredItem) => string): Record<string, ScoredItem[]> {
  const out: Record<string, ScoredItem[]> = {};
  for (const i of items) (out[key(i)] ??= []).push(i);
  return out;
}

/**
 * Metric tables overall, by question language and by question type.
 * @example
 * const agg = aggregate(items, { samples: 1000, seed: 1 });
 * agg.byLanguage.en.passRate.value;
 */
export function aggregate(items: readonly ScoredItem[], opts: { samples: number; seed: number }): Aggregates {
  const byLanguage: Record<string, MetricTable> = {};
  for (const [k, v] of Object.entries(groupBy(items, (i) => i.language)).sort()) byLanguage[k] = metricTable(v, opts);
  const byType: Record<string, MetricTable> = {};
  for (const [k, v] of Object.entries(groupBy(items, (i) => i.type)).sort()) byType[k] = metricTable(v, opts);
  return { overall: metricTable(items, opts), byLanguage, byType };
}

/**
 * Looks up a metric definition by name.
 * @example
 * metricDef('hit5').label // 'Hit@5'
 */
export function metricDef(name: MetricName): MetricDef {
  const m = METRICS.find((x) => x.name === name);
  if (!m) throw new Error(`Unknown metric ${name}`);
  return m;
}
