/**
 * BM25 where the renderings of one concept score as a disjunction: per group, the best term's contribution plus
 * `tieBreaker` × the others', so a concept with several translations does not outweigh a concept with one.
 * Exhaustive (no pruning); used only when the tie-breaker is below 1. Web-standard.
 */
import type { PostingArrays, ScoredTerm, TopHit } from './bm25-maxscore.js';
import { topK } from './bm25-topk.js';

/**
 * Top-k documents with grouped scoring; `groups[qi]` is the group of query term `qi` (undefined: its own).
 * @example
 * groupedTopK(terms, [0, 0, undefined], postings, 0.3, 10)
 */
export function groupedTopK(terms: readonly ScoredTerm[], groups: ReadonlyArray<number | undefined>, p: PostingArrays, tieBreaker: number, k: number): TopHit[] {
  const byGroup = new Map<number | string, ScoredTerm[]>();
  for (const t of terms) {
    const key = groups[t.qi] ?? `t${t.qi}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), t]);
  }
  const scores = new Map<number, number>();
  const masks = new Map<number, number>();
  for (const members of byGroup.values()) {
    const best = new Map<number, number>();
    const rest = new Map<number, number>();
    for (const { qi, w, offset, count } of members) {
      const bit = qi < 32 ? 1 << qi : 0;
      for (let i = offset; i < offset + count; i++) {
        const d = p.docs[i];
        const tf = p.tfs[i];
        const v = (w * tf * (p.k1 + 1)) / (tf + p.norm[d]);
        const b = best.get(d) ?? 0;
        if (v > b) {
          rest.set(d, (rest.get(d) ?? 0) + b);
          best.set(d, v);
        } else rest.set(d, (rest.get(d) ?? 0) + v);
        masks.set(d, (masks.get(d) ?? 0) | bit);
      }
    }
    for (const [d, b] of best) scores.set(d, (scores.get(d) ?? 0) + b + tieBreaker * (rest.get(d) ?? 0));
  }
  const dense = new Float64Array(p.norm.length);
  for (const [d, s] of scores) dense[d] = s;
  return topK([...scores.keys()], dense, k).map((d) => ({ doc: d, score: dense[d], mask: masks.get(d) ?? 0 }));
}
