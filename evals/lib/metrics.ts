/**
 * Pure metric functions of the evaluation: retrieval ranking metrics, citation precision/recall,
 * abstention, percentiles, and deterministic bootstrap confidence intervals.
 */

/** A paragraph reference, `documentId#label`. */
export type RefKey = string;

/**
 * Key of a paragraph reference.
 * @example
 * refKey({ documentId: 'osce-bucharest-plan-2001', paragraph: '5' }) // 'osce-bucharest-plan-2001#5'
 */
export function refKey(ref: { documentId: string; paragraph: string }): RefKey {
  return `${ref.documentId}#${ref.paragraph}`;
}

function dedupe(ranked: readonly RefKey[]): RefKey[] {
  return [...new Set(ranked)];
}

/**
 * 1 when one of the first `k` ranked references is gold, else 0.
 * @example
 * hitAtK(['a', 'b', 'c'], new Set(['c']), 2) // 0
 */
export function hitAtK(ranked: readonly RefKey[], gold: ReadonlySet<RefKey>, k: number): number {
  return dedupe(ranked)
    .slice(0, k)
    .some((r) => gold.has(r))
    ? 1
    : 0;
}

/**
 * Share of the gold references found among the first `k` ranked ones.
 * @example
 * recallAtK(['a', 'x', 'b'], new Set(['a', 'b', 'c', 'd']), 5) // 0.5
 */
export function recallAtK(ranked: readonly RefKey[], gold: ReadonlySet<RefKey>, k: number): number {
  if (gold.size === 0) return 0;
  return (
    dedupe(ranked)
      .slice(0, k)
      .filter((r) => gold.has(r)).length / gold.size
  );
}

/**
 * 1 / rank of the first gold reference (ranks from 1), or 0 when none is ranked.
 * @example
 * reciprocalRank(['x', 'y', 'a'], new Set(['a'])) // 1 / 3
 */
export function reciprocalRank(ranked: readonly RefKey[], gold: ReadonlySet<RefKey>): number {
  const i = dedupe(ranked).findIndex((r) => gold.has(r));
  return i === -1 ? 0 : 1 / (i + 1);
}

/**
 * nDCG@k with binary relevance: DCG = Σ rel_i / log2(i + 1) over ranks i = 1..k, divided by the DCG
 * of an ideal ranking that puts min(|gold|, k) gold references first.
 * @example
 * ndcgAtK(['x', 'a'], new Set(['a']), 5) // 1 / log2(3) ≈ 0.631
 */
export function ndcgAtK(ranked: readonly RefKey[], gold: ReadonlySet<RefKey>, k: number): number {
  if (gold.size === 0) return 0;
  const top = dedupe(ranked).slice(0, k);
  let dcg = 0;
  top.forEach((r, i) => {
    if (gold.has(r)) dcg += 1 / Math.log2(i + 2);
  });
  let idcg = 0;
  for (let i = 0; i < Math.min(gold.size, k); i++) idcg += 1 / Math.log2(i + 2);
  return dcg / idcg;
}

/**
 * Precision of the cited references against the gold ones; null when nothing was cited.
 * @example
 * citationPrecision(['a', 'b'], new Set(['a'])) // 0.5
 */
export function citationPrecision(cited: readonly RefKey[], gold: ReadonlySet<RefKey>): number | null {
  const c = dedupe(cited);
  if (c.length === 0) return null;
  return c.filter((r) => gold.has(r)).length / c.length;
}

/**
 * Recall of the gold references among the cited ones; null when there is no gold.
 * @example
 * citationRecall(['a'], new Set(['a', 'b'])) // 0.5
 */
export function citationRecall(cited: readonly RefKey[], gold: ReadonlySet<RefKey>): number | null {
  if (gold.size === 0) return null;
  const c = new Set(cited);
  return [...gold].filter((g) => c.has(g)).length / gold.size;
}

/**
 * Cited references that are invalid: not a paragraph of the corpus, or not among the retrieved passages.
 * @example
 * invalidCitations(['a', 'b', 'z'], new Set(['a', 'b']), new Set(['a'])) // ['b', 'z']
 */
export function invalidCitations(cited: readonly RefKey[], existing: ReadonlySet<RefKey>, retrieved: ReadonlySet<RefKey>): RefKey[] {
  return dedupe(cited).filter((r) => !existing.has(r) || !retrieved.has(r));
}

/**
 * Abstention as a binary classifier whose positive class is "should abstain".
 * Precision: share of the abstentions that were expected; recall: share of the expected abstentions made.
 * Each is null when its denominator is 0.
 * @example
 * abstentionScores([{ expected: true, actual: true }, { expected: false, actual: true }, { expected: true, actual: false }])
 * // { precision: 0.5, recall: 0.5 }
 */
export function abstentionScores(pairs: ReadonlyArray<{ expected: boolean; actual: boolean }>): { precision: number | null; recall: number | null } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    if (p.expected && p.actual) tp += 1;
    else if (!p.expected && p.actual) fp += 1;
    else if (p.expected && !p.actual) fn += 1;
  }
  return { precision: tp + fp === 0 ? null : tp / (tp + fp), recall: tp + fn === 0 ? null : tp / (tp + fn) };
}

/**
 * Percentile by linear interpolation between closest ranks (the "type 7" definition of R and NumPy).
 * Null for an empty list.
 * @example
 * percentile([10, 20, 30, 40], 0.5) // 25
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/**
 * Mean of the non-null values, or null when there are none.
 * @example
 * meanOf([1, null, 0]) // 0.5
 */
export function meanOf(values: ReadonlyArray<number | null | undefined>): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    sum += v;
    n += 1;
  }
  return n === 0 ? null : sum / n;
}

/**
 * Seeded pseudo-random generator (mulberry32): same seed, same sequence. Returns floats in [0, 1).
 * @example
 * const rand = mulberry32(42);
 * rand(); // always the same first value for seed 42
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BootstrapOptions {
  samples?: number;
  seed?: number;
  /** Confidence level, 0.95 by default. */
  level?: number;
}

/**
 * Percentile bootstrap confidence interval of a statistic over items: resamples the items with
 * replacement `samples` times (seeded, so deterministic), recomputes the statistic, and takes the
 * (1 − level)/2 and (1 + level)/2 percentiles. Resamples where the statistic is null are dropped.
 * Null when the statistic is null on the items themselves.
 * @example
 * bootstrapCI([1, 1, 1], (xs) => meanOf(xs)) // { low: 1, high: 1 }
 */
export function bootstrapCI<T>(items: readonly T[], statistic: (sample: readonly T[]) => number | null, options: BootstrapOptions = {}): { low: number; high: number } | null {
  const samples = options.samples ?? 1000;
  const level = options.level ?? 0.95;
  if (items.length === 0 || statistic(items) === null) return null;
  const rand = mulberry32(options.seed ?? 1);
  const stats: number[] = [];
  const sample: T[] = new Array(items.length);
  for (let b = 0; b < samples; b++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[Math.floor(rand() * items.length)];
    const v = statistic(sample);
    if (v !== null && !Number.isNaN(v)) stats.push(v);
  }
  if (stats.length === 0) return null;
  const low = percentile(stats, (1 - level) / 2);
  const high = percentile(stats, (1 + level) / 2);
  return low === null || high === null ? null : { low, high };
}
