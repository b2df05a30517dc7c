/**
 * Exact top-k BM25 by MaxScore (Turtle & Flood 1995), document at a time over sorted posting lists. A term
 * whose upper bound, added to the bounds of every weaker term, cannot lift a document above the k-th score
 * so far is "non-essential": its list is no longer walked, only probed (galloping search) for documents that
 * the essential lists bring. The result equals exhaustive scoring bit for bit: a document's score is summed
 * in query-term order exactly as term-at-a-time scoring sums it, and bounds carry a safety margin so that
 * rounding never prunes a document that belongs in the top k. Web-standard.
 */

/** One query term as the scorer sees it: its list in the shared arrays and its BM25 factors. */
export interface ScoredTerm {
  /** Index of the term in the query (its bit in `matched`, when < 32). */
  qi: number;
  /** Query weight × IDF. */
  w: number;
  offset: number;
  count: number;
  /** Largest tf / (tf + norm) over the term's postings. */
  maxRatio: number;
}

/** The shared posting arrays and per-document length norms (k1 × (1 − b + b·len/avg)). */
export interface PostingArrays {
  docs: Uint32Array;
  tfs: Float32Array;
  norm: Float64Array;
  k1: number;
}

export interface TopHit {
  doc: number;
  score: number;
  /** Bit qi set when the document matched query term qi (qi < 32). */
  mask: number;
}

/** Relative margin on upper bounds: far above the rounding error of a sum of ≤ 32 positive terms. */
const MARGIN = 1 + 1e-9;

/** First position in [from, end) whose document is ≥ target (galloping, then binary search). */
function advance(docs: Uint32Array, from: number, end: number, target: number): number {
  if (from >= end || docs[from] >= target) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < end && docs[hi] < target) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > end) hi = end;
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid] < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** A bounded min-heap of the k best (score desc, doc asc); its root is the worst kept. */
class TopHeap {
  readonly docs: number[] = [];
  readonly scores: number[] = [];
  readonly masks: number[] = [];
  constructor(readonly k: number) {}

  get full(): boolean {
    return this.docs.length >= this.k;
  }

  /** Score to beat (documents come in increasing order, so a tie with the root loses). */
  get threshold(): number {
    return this.full ? this.scores[0] : -Infinity;
  }

  private worse(i: number, j: number): boolean {
    return this.scores[i] < this.scores[j] || (this.scores[i] === this.scores[j] && this.docs[i] > this.docs[j]);
  }

  private swap(i: number, j: number): void {
    const { docs, scores, masks } = this;
    [docs[i], docs[j]] = [docs[j], docs[i]];
    [scores[i], scores[j]] = [scores[j], scores[i]];
    [masks[i], masks[j]] = [masks[j], masks[i]];
  }

  offer(doc: number, score: number, mask: number): void {
    if (!this.full) {
      this.docs.push(doc);
      this.scores.push(score);
      this.masks.push(mask);
      for (let i = this.docs.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    if (!(score > this.scores[0])) return;
    this.docs[0] = doc;
    this.scores[0] = score;
    this.masks[0] = mask;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < this.docs.length && this.worse(l, w)) w = l;
      if (r < this.docs.length && this.worse(r, w)) w = r;
      if (w === i) return;
      this.swap(i, w);
      i = w;
    }
  }

  /** Best first. */
  sorted(): TopHit[] {
    return this.docs.map((doc, i) => ({ doc, score: this.scores[i], mask: this.masks[i] })).sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}

/**
 * The k best documents for `terms` (any order; each list sorted by document), scored exactly as
 * Σ over terms in `qi` order of w·tf·(k1+1)/(tf+norm).
 * @example
 * const hits = maxScoreTopK(terms, { docs, tfs, norm, k1: 1.2 }, 30);
 */
export function maxScoreTopK(terms: ScoredTerm[], p: PostingArrays, k: number): TopHit[] {
  const { docs, tfs, norm, k1 } = p;
  const t = [...terms].sort((a, b) => a.w * a.maxRatio - b.w * b.maxRatio);
  const n = t.length;
  const prefix = new Float64Array(n);
  t.reduce((s, x, j) => (prefix[j] = s + x.w * (k1 + 1) * x.maxRatio * MARGIN), 0);
  // Hot-loop state in typed arrays: list positions and ends, each term's w and bit, its contribution to the current document.
  const pos = Float64Array.from(t, (x) => x.offset);
  const end = Float64Array.from(t, (x) => x.offset + x.count);
  const ws = Float64Array.from(t, (x) => x.w);
  const k1p = k1 + 1;
  const bits = Int32Array.from(t, (x) => (x.qi < 32 ? 1 << x.qi : 0));
  // Summation order: sorted position of each query term, in qi order.
  const byQi = Int32Array.from(t.map((_, j) => j).sort((a, b) => t[a].qi - t[b].qi));
  const contrib = new Float64Array(n);
  // present[j] === round: term j holds the current document (a 0 contribution still counts as matched).
  const present = new Float64Array(n).fill(-1);
  let round = 0;
  const heap = new TopHeap(k);
  let theta = -Infinity;
  let essential = 0;
  /** Scores term j's posting at `at` for the current document, marks the term present, returns its contribution. */
  const take = (j: number, at: number, nd: number): number => {
    const tf = tfs[at];
    const c = (ws[j] * tf * k1p) / (tf + nd);
    contrib[j] = c;
    present[j] = round;
    return c;
  };
  for (;;) {
    let d = 0xffffffff;
    for (let j = essential; j < n; j++) if (pos[j] < end[j] && docs[pos[j]] < d) d = docs[pos[j]];
    if (d === 0xffffffff) break;
    const nd = norm[d];
    round++;
    let est = 0;
    for (let j = essential; j < n; j++) {
      const at = pos[j];
      if (at < end[j] && docs[at] === d) {
        est += take(j, at, nd);
        pos[j] = at + 1;
      }
    }
    let pruned = false;
    for (let j = essential - 1; j >= 0; j--) {
      if ((est + prefix[j]) * MARGIN <= theta) {
        pruned = true;
        break;
      }
      const at = (pos[j] = advance(docs, pos[j], end[j], d));
      if (at < end[j] && docs[at] === d) est += take(j, at, nd);
    }
    if (!pruned && est * MARGIN > theta) {
      let score = 0;
      let mask = 0;
      for (let i = 0; i < n; i++) {
        const j = byQi[i];
        if (present[j] === round) {
          score += contrib[j];
          mask |= bits[j];
        }
      }
      heap.offer(d, score, mask);
      theta = heap.threshold;
      if (heap.full) while (essential < n && prefix[essential] <= theta) essential++;
    }
  }
  return heap.sorted();
}
