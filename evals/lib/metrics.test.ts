import { describe, expect, it } from 'vitest';
import { abstentionScores, bootstrapCI, citationPrecision, citationRecall, hitAtK, invalidCitations, meanOf, mulberry32, ndcgAtK, percentile, recallAtK, reciprocalRank, refKey } from './metrics.js';

const ranked = ['a', 'b', 'c', 'd', 'e', 'f'];
const gold = new Set(['c', 'f']);

describe('retrieval metrics (hand-computed)', () => {
  it('Hit@k', () => {
    expect(hitAtK(ranked, gold, 1)).toBe(0);
    expect(hitAtK(ranked, gold, 2)).toBe(0);
    expect(hitAtK(ranked, gold, 3)).toBe(1);
    expect(hitAtK(ranked, gold, 5)).toBe(1);
    expect(hitAtK(['c'], gold, 1)).toBe(1);
    expect(hitAtK([], gold, 5)).toBe(0);
  });

  it('Recall@5: 1 of the 2 gold paragraphs in the top 5', () => {
    expect(recallAtK(ranked, gold, 5)).toBe(0.5);
    expect(recallAtK(ranked, gold, 6)).toBe(1);
    expect(recallAtK(ranked, new Set(), 5)).toBe(0);
  });

  it('reciprocal rank: first gold at rank 3', () => {
    expect(reciprocalRank(ranked, gold)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRank(['x', 'y'], gold)).toBe(0);
  });

  it('nDCG@5 = (1/log2 4) / (1 + 1/log2 3) = 0.5 / 1.63093 = 0.306574', () => {
    expect(ndcgAtK(ranked, gold, 5)).toBeCloseTo(0.306574, 5);
    expect(ndcgAtK(['c', 'f', 'a'], gold, 5)).toBeCloseTo(1, 12);
    expect(ndcgAtK(['x', 'c'], new Set(['c']), 5)).toBeCloseTo(1 / Math.log2(3), 12);
    expect(ndcgAtK(['x', 'y'], gold, 5)).toBe(0);
  });

  it('counts a paragraph retrieved twice once', () => {
    expect(reciprocalRank(['x', 'x', 'c'], gold)).toBe(0.5);
    expect(hitAtK(['x', 'y', 'x', 'z', 'w', 'v', 'c'], gold, 5)).toBe(0);
    expect(hitAtK(['x', 'x', 'x', 'x', 'x', 'c'], gold, 5)).toBe(1);
    expect(hitAtK(['x', 'x', 'c'], gold, 2)).toBe(1);
  });
});

describe('citation metrics', () => {
  it('precision 1/3 and recall 1/2 for cited {a,b,c} against gold {a,d}', () => {
    const cited = ['a', 'b', 'c', 'a'];
    expect(citationPrecision(cited, new Set(['a', 'd']))).toBeCloseTo(1 / 3, 12);
    expect(citationRecall(cited, new Set(['a', 'd']))).toBe(0.5);
  });

  it('is undefined (null) without citations or without gold', () => {
    expect(citationPrecision([], new Set(['a']))).toBeNull();
    expect(citationRecall(['a'], new Set())).toBeNull();
    expect(citationRecall([], new Set(['a']))).toBe(0);
  });

  it('flags citations that do not exist or were not retrieved', () => {
    expect(invalidCitations(['a', 'z', 'b', 'a'], new Set(['a', 'b']), new Set(['a']))).toEqual(['z', 'b']);
    expect(invalidCitations([], new Set(), new Set())).toEqual([]);
  });

  it('builds reference keys', () => {
    expect(refKey({ documentId: 'oas-cicte-recommendations-2022', paragraph: 'P1' })).toBe('oas-cicte-recommendations-2022#P1');
  });
});

describe('abstention', () => {
  it('precision = TP/(TP+FP), recall = TP/(TP+FN)', () => {
    const pairs = [
      { expected: true, actual: true },
      { expected: true, actual: true },
      { expected: true, actual: false },
      { expected: false, actual: true },
      { expected: false, actual: false },
    ];
    expect(abstentionScores(pairs)).toEqual({ precision: 2 / 3, recall: 2 / 3 });
  });

  it('is null when a denominator is zero', () => {
    expect(abstentionScores([{ expected: false, actual: false }])).toEqual({ precision: null, recall: null });
  });
});

describe('percentile and mean', () => {
  it('interpolates linearly between closest ranks', () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([5, 1, 4, 2, 3], 0.95)).toBeCloseTo(4.8, 12);
    expect(percentile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('averages non-null values', () => {
    expect(meanOf([1, null, 0, undefined])).toBe(0.5);
    expect(meanOf([null])).toBeNull();
  });
});

describe('seeded bootstrap', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
    expect(meanOf(xs)).toBeGreaterThan(0.45);
    expect(meanOf(xs)).toBeLessThan(0.55);
  });

  it('gives a degenerate interval on constant data', () => {
    expect(bootstrapCI([1, 1, 1, 1], (s) => meanOf(s))).toEqual({ low: 1, high: 1 });
  });

  it('is reproducible with the same seed and brackets the mean', () => {
    const items = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const ci1 = bootstrapCI(items, (s) => meanOf(s), { samples: 500, seed: 7 });
    const ci2 = bootstrapCI(items, (s) => meanOf(s), { samples: 500, seed: 7 });
    expect(ci1).toEqual(ci2);
    expect(ci1!.low).toBeLessThan(0.5);
    expect(ci1!.high).toBeGreaterThan(0.5);
    expect(ci1!.low).toBeGreaterThan(0.25);
    expect(ci1!.high).toBeLessThan(0.75);
  });

  it('returns null when the statistic is undefined', () => {
    expect(bootstrapCI([], (s) => meanOf(s))).toBeNull();
    expect(bootstrapCI([null], (s) => meanOf(s))).toBeNull();
  });
});
