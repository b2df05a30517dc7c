/** A compact BM25 inverted index over paragraphs, serialisable as JSON. Web-standard. */

/** Serialised form stored in the index directory (`lexical.json`). */
export interface Bm25IndexData {
  version: 1;
  k1: number;
  b: number;
  lengths: number[];
  /** term → flat [docIndex, tf×100, docIndex, tf×100, …] */
  postings: Record<string, number[]>;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
  /** Indexes (into the query terms) of the terms the document matched. */
  matched: number[];
}

/** Per-field term frequencies of one document, as produced by the analyser. */
export type FieldTerms = Array<{ terms: string[]; weight: number }>;

/**
 * Builds the serialisable index from analysed documents.
 * @example
 * const data = buildBm25([[{ terms: ['terror', 'financ'], weight: 1 }]]);
 */
export function buildBm25(docs: FieldTerms[], k1 = 1.2, b = 0.5): Bm25IndexData {
  const postings: Record<string, number[]> = Object.create(null);
  const lengths: number[] = [];
  docs.forEach((fields, doc) => {
    const tf = new Map<string, number>();
    let len = 0;
    for (const f of fields) {
      for (const t of f.terms) tf.set(t, (tf.get(t) ?? 0) + f.weight);
      len += f.terms.length * f.weight;
    }
    lengths.push(Math.round(len * 100) / 100);
    for (const [t, v] of tf) (postings[t] ??= []).push(doc, Math.round(v * 100));
  });
  return { version: 1, k1, b, lengths, postings };
}

/**
 * Query-time BM25 over {@link Bm25IndexData}.
 * @example
 * const index = new Bm25Index(buildBm25(docs));
 * index.search([{ term: 'financ', weight: 1 }], 5);
 */
export class Bm25Index {
  readonly size: number;
  private readonly k1: number;
  private readonly b: number;
  private readonly norm: Float64Array;
  private readonly postings: Map<string, { docs: Uint32Array; tfs: Float32Array }>;
  private scores: Float64Array;
  private masks: Uint32Array;

  constructor(data: Bm25IndexData) {
    this.size = data.lengths.length;
    this.k1 = data.k1;
    this.b = data.b;
    const avg = data.lengths.reduce((s, l) => s + l, 0) / Math.max(1, this.size) || 1;
    this.norm = Float64Array.from(data.lengths, (l) => this.k1 * (1 - this.b + (this.b * l) / avg));
    this.postings = new Map();
    for (const term of Object.keys(data.postings)) {
      const flat = data.postings[term];
      const n = flat.length / 2;
      const docs = new Uint32Array(n);
      const tfs = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        docs[i] = flat[2 * i];
        tfs[i] = flat[2 * i + 1] / 100;
      }
      this.postings.set(term, { docs, tfs });
    }
    this.scores = new Float64Array(this.size);
    this.masks = new Uint32Array(this.size);
  }

  /** Number of documents containing the term. */
  df(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /** Robertson–Spärck Jones IDF (always positive). */
  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** The longest indexed term (of at least `minLength` characters) that `word` starts with. */
  longestPrefixTerm(word: string, minLength: number): string | undefined {
    for (let len = word.length; len >= minLength; len--) if (this.postings.has(word.slice(0, len))) return word.slice(0, len);
    return undefined;
  }

  /** Top-k documents for weighted query terms (at most 32 terms: `matched` is a 32-bit mask). */
  search(query: WeightedTerm[], k: number): Bm25Hit[] {
    const { scores, masks, norm, k1 } = this;
    const touched: number[] = [];
    query.forEach((q, qi) => {
      const p = this.postings.get(q.term);
      if (!p) return;
      const w = q.weight * this.idf(q.term);
      const bit = qi < 32 ? 1 << qi : 0;
      for (let i = 0; i < p.docs.length; i++) {
        const d = p.docs[i];
        const tf = p.tfs[i];
        if (scores[d] === 0 && masks[d] === 0) touched.push(d);
        scores[d] += (w * tf * (k1 + 1)) / (tf + norm[d]);
        masks[d] |= bit;
      }
    });
    const top = topK(touched, scores, k);
    const hits: Bm25Hit[] = [];
    for (const d of top) {
      const matched: number[] = [];
      for (let qi = 0; qi < Math.min(32, query.length); qi++) if (masks[d] & (1 << qi)) matched.push(qi);
      hits.push({ doc: d, score: scores[d], matched });
    }
    for (const d of touched) {
      scores[d] = 0;
      masks[d] = 0;
    }
    return hits;
  }
}

/** The k best documents by score (ties: lower index first), without sorting every candidate. */
function topK(candidates: number[], scores: Float64Array, k: number): number[] {
  const better = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && a < b);
  if (candidates.length <= k * 4) return candidates.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, k);
  const heap: number[] = [];
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst], heap[l])) worst = l;
      if (r < heap.length && better(heap[worst], heap[r])) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  };
  for (const d of candidates) {
    if (heap.length < k) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!better(heap[p], heap[i])) break;
        [heap[p], heap[i]] = [heap[i], heap[p]];
        i = p;
      }
    } else if (better(d, heap[0])) {
      heap[0] = d;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
