import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../evals/lib/metrics.js';
import { Bm25Index, buildBm25, type Bm25IndexData, type FieldTerms, type WeightedTerm } from './bm25-index.js';

/** Documents over a Zipf-like vocabulary, so that a few terms have very long posting lists. */
function corpus(n: number, seed: number): FieldTerms[] {
  const rand = mulberry32(seed);
  const word = () => `w${Math.floor(1 / (rand() + 0.004))}`;
  return Array.from({ length: n }, () => [
    { terms: Array.from({ length: 5 + Math.floor(rand() * 40) }, word), weight: 1 },
    { terms: Array.from({ length: Math.floor(rand() * 4) }, word), weight: 0.3 },
  ]);
}

/** Scores every document term by term, in query order, as the reference. */
function reference(data: Bm25IndexData, index: Bm25Index, query: WeightedTerm[], k: number, b = data.b) {
  const avg = data.lengths.reduce((s, l) => s + l, 0) / data.lengths.length;
  const scores = new Map<number, { score: number; matched: number[] }>();
  query.forEach((q, qi) => {
    const flat = data.postings[q.term] ?? [];
    const w = q.weight * index.idf(q.term);
    for (let i = 0; i < flat.length; i += 2) {
      const d = flat[i];
      const tf = Math.fround(flat[i + 1] / 100);
      const norm = data.k1 * (1 - b + (b * data.lengths[d]) / avg);
      const cur = scores.get(d) ?? { score: 0, matched: [] };
      cur.score += (w * tf * (data.k1 + 1)) / (tf + norm);
      cur.matched.push(qi);
      scores.set(d, cur);
    }
  });
  return [...scores]
    .map(([doc, s]) => ({ doc, ...s }))
    .sort((a, b) => b.score - a.score || a.doc - b.doc)
    .slice(0, k);
}

describe('Bm25Index.search with MaxScore pruning', () => {
  const data = buildBm25(corpus(4000, 7));
  const index = Bm25Index.fromData(data);
  const rand = mulberry32(11);

  it('returns exactly the exhaustive top k (documents, scores, matched terms) on long posting lists', () => {
    for (let trial = 0; trial < 60; trial++) {
      const query = Array.from({ length: 1 + Math.floor(rand() * 8) }, (_, i) => ({ term: `w${1 + Math.floor(rand() * (trial % 2 ? 3 : 60))}`, weight: 0.2 + rand() * (i === 0 ? 2 : 1) }));
      const unique = query.filter((q, i) => query.findIndex((x) => x.term === q.term) === i);
      for (const k of [1, 10, 30]) expect(index.search(unique, k)).toEqual(reference(data, index, unique, k));
    }
  });

  it('prunes exactly with a query-time length normalisation too', () => {
    for (let trial = 0; trial < 20; trial++) {
      const query = Array.from({ length: 2 + Math.floor(rand() * 6) }, () => ({ term: `w${1 + Math.floor(rand() * 40)}`, weight: 0.2 + rand() }));
      const unique = query.filter((q, i) => query.findIndex((x) => x.term === q.term) === i);
      for (const b of [0.75, 0.9]) expect(index.search(unique, 30, { b })).toEqual(reference(data, index, unique, 30, b));
    }
  });

  it('keeps ties in document order and handles absent terms', () => {
    const flat = Array.from({ length: 3000 }, () => [{ terms: ['same', 'word'], weight: 1 }]);
    const ties = Bm25Index.fromData(buildBm25(flat));
    const hits = ties.search(
      [
        { term: 'same', weight: 1 },
        { term: 'absent', weight: 1 },
        { term: 'word', weight: 0.5 },
      ],
      5,
    );
    expect(hits.map((h) => h.doc)).toEqual([0, 1, 2, 3, 4]);
    expect(hits[0].matched).toEqual([0, 2]);
  });
});
