import { describe, expect, it } from 'vitest';
import { Bm25Index, buildBm25 } from './bm25-index.js';

const docs = (n: number) => Array.from({ length: n }, (_, i) => [{ terms: ['common', ...(i % 7 === 0 ? ['rare'] : []), ...Array.from({ length: 1 + (i % 5) }, () => 'filler')], weight: 1 }]);

describe('Bm25Index', () => {
  it('hasIn agrees with termsIn on every term and range', () => {
    const index = Bm25Index.fromData(buildBm25(docs(30)));
    for (const [first, last] of [
      [0, 0],
      [1, 6],
      [7, 7],
      [8, 13],
      [0, 29],
    ] as const) {
      const listed = new Set(index.termsIn(first, last));
      for (const term of ['common', 'rare', 'filler', 'absent']) expect(index.hasIn(term, first, last)).toBe(listed.has(term));
    }
    expect(index.hasIn('rare', 8, 13)).toBe(false);
    expect(index.hasIn('rare', 7, 7)).toBe(true);
  });

  it('ranks by BM25 with IDF: rare terms outweigh common ones', () => {
    const index = Bm25Index.fromData(buildBm25(docs(50)));
    const hits = index.search(
      [
        { term: 'common', weight: 1 },
        { term: 'rare', weight: 1 },
      ],
      5,
    );
    expect(hits.every((h) => h.doc % 7 === 0)).toBe(true);
    expect(hits[0].matched).toEqual([0, 1]);
    expect(index.idf('rare')).toBeGreaterThan(index.idf('common'));
  });

  it('top-k selection over many candidates equals a full sort', () => {
    const index = Bm25Index.fromData(buildBm25(docs(5000)));
    const query = [
      { term: 'common', weight: 1 },
      { term: 'rare', weight: 0.5 },
    ];
    const all = index.search(query, 5000);
    const top = index.search(query, 50);
    expect(top.map((h) => h.doc)).toEqual(all.slice(0, 50).map((h) => h.doc));
    for (let i = 1; i < all.length; i++) expect(all[i - 1].score).toBeGreaterThanOrEqual(all[i].score);
  });

  it('leaves no state behind between searches', () => {
    const index = Bm25Index.fromData(buildBm25(docs(100)));
    const q = [{ term: 'rare', weight: 1 }];
    expect(index.search(q, 10)).toEqual(index.search(q, 10));
    expect(index.search([{ term: 'absent', weight: 1 }], 10)).toEqual([]);
  });

  it('scores a group of terms as a disjunction: the best term plus tieBreaker × the others', () => {
    const index = Bm25Index.fromData(buildBm25([[{ terms: ['a', 'b'], weight: 1 }], [{ terms: ['c'], weight: 1 }], [{ terms: ['x'], weight: 1 }]]));
    const one = index.search([{ term: 'a', weight: 1 }], 3)[0].score;
    const grouped = [
      { term: 'a', weight: 1, group: 0 },
      { term: 'b', weight: 1, group: 0 },
    ];
    expect(index.search(grouped, 3, { tieBreaker: 0 })[0].score).toBeCloseTo(one);
    expect(index.search(grouped, 3, { tieBreaker: 1 })[0].score).toBeCloseTo(
      index.search(
        [
          { term: 'a', weight: 1 },
          { term: 'b', weight: 1 },
        ],
        3,
      )[0].score,
    );
    expect(index.search(grouped, 3, { tieBreaker: 0 })[0].matched).toEqual([0, 1]);
  });

  it('normalises length at query time with another b', () => {
    const index = Bm25Index.fromData(buildBm25([[{ terms: ['a'], weight: 1 }], [{ terms: ['a', 'f', 'f', 'f', 'f', 'f'], weight: 1 }]]));
    const ratio = (b: number) => {
      const [short, long] = [...index.search([{ term: 'a', weight: 1 }], 2, { b })].sort((x, y) => x.doc - y.doc);
      return short.score / long.score;
    };
    expect(ratio(0)).toBeCloseTo(1);
    expect(ratio(1)).toBeGreaterThan(ratio(0.5));
  });
});
