/**
 * A compact BM25 inverted index over paragraphs. On disk: `lexical.json` (parameters, document lengths,
 * terms and their posting counts) and `lexical-postings.bin` (all document numbers as uint32, then all
 * term frequencies as float32), so that loading a large index is one read and no parsing of numbers.
 * Web-standard.
 */
import { maxScoreTopK, type ScoredTerm, type TopHit } from './bm25-maxscore.js';

/** The index as built in memory. */
export interface Bm25IndexData {
  k1: number;
  b: number;
  lengths: number[];
  /** term → flat [docIndex, tf×100, docIndex, tf×100, …] */
  postings: Record<string, number[]>;
}

/** The JSON half of the stored index (`lexical.json`). */
export interface Bm25Meta {
  version: 2;
  k1: number;
  b: number;
  lengths: number[];
  terms: string[];
  /** Postings per term, in the order of `terms`. */
  counts: number[];
}

/**
 * Encodes an index for storage: JSON metadata plus one binary buffer of postings.
 * @example
 * const { meta, postings } = encodeBm25(buildBm25(docs));
 */
export function encodeBm25(data: Bm25IndexData): { meta: Bm25Meta; postings: Uint8Array } {
  const terms = Object.keys(data.postings);
  const counts = terms.map((t) => data.postings[t].length / 2);
  const total = counts.reduce((s, n) => s + n, 0);
  const buffer = new ArrayBuffer(total * 8);
  const docs = new Uint32Array(buffer, 0, total);
  const tfs = new Float32Array(buffer, total * 4, total);
  let at = 0;
  for (const t of terms) {
    const flat = data.postings[t];
    for (let i = 0; i < flat.length; i += 2) {
      docs[at] = flat[i];
      tfs[at] = flat[i + 1] / 100;
      at++;
    }
  }
  return { meta: { version: 2, k1: data.k1, b: data.b, lengths: data.lengths, terms, counts }, postings: new Uint8Array(buffer) };
}

/** Below this many postings in all, a query is scored exhaustively (pruning would not pay for itself). */
const MAXSCORE_MIN_POSTINGS = 2048;

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

/** Term frequencies (weighted by field) and the weighted length of one document. */
export function documentTerms(fields: FieldTerms): { tf: Map<string, number>; length: number } {
  const tf = new Map<string, number>();
  let len = 0;
  for (const f of fields) {
    for (const t of f.terms) tf.set(t, (tf.get(t) ?? 0) + f.weight);
    len += f.terms.length * f.weight;
  }
  return { tf, length: Math.round(len * 100) / 100 };
}

/**
 * Builds the serialisable index from analysed documents.
 * @example
 * const data = buildBm25([[{ terms: ['terror', 'financ'], weight: 1 }]]);
 */
export function buildBm25(docs: FieldTerms[], k1 = 1.2, b = 0.5): Bm25IndexData {
  const postings: Record<string, number[]> = Object.create(null);
  const lengths: number[] = [];
  docs.forEach((fields, doc) => {
    const { tf, length } = documentTerms(fields);
    lengths.push(length);
    for (const [t, v] of tf) (postings[t] ??= []).push(doc, Math.round(v * 100));
  });
  return { k1, b, lengths, postings };
}

/**
 * Query-time BM25 over a stored index ({@link Bm25Meta} + postings buffer).
 * @example
 * const index = Bm25Index.fromData(buildBm25(docs));
 * index.search([{ term: 'financ', weight: 1 }], 5);
 */
export class Bm25Index {
  readonly size: number;
  private readonly k1: number;
  private readonly b: number;
  private readonly norm: Float64Array;
  /** term → its number; its postings are [offsets[id], offsets[id + 1]) of the postings arrays. */
  private readonly dictionary: Map<string, number>;
  private readonly offsets: Float64Array;
  /** Per term: largest tf / (tf + norm) of its postings (MaxScore bound), computed on first use; -1 before, NaN for an unsorted list. */
  private readonly maxRatios: Float64Array;
  private readonly allDocs: Uint32Array;
  private readonly allTfs: Float32Array;
  private scores: Float64Array;
  private masks: Uint32Array;

  constructor(meta: Bm25Meta, postings: Uint8Array | ArrayBuffer) {
    if (meta.version !== 2) throw new Error(`Unsupported lexical index version ${String(meta.version)}.`);
    this.size = meta.lengths.length;
    this.k1 = meta.k1;
    this.b = meta.b;
    const avg = meta.lengths.reduce((s, l) => s + l, 0) / Math.max(1, this.size) || 1;
    this.norm = Float64Array.from(meta.lengths, (l) => this.k1 * (1 - this.b + (this.b * l) / avg));
    let bytes = postings instanceof Uint8Array ? postings : new Uint8Array(postings);
    if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
    const total = meta.counts.reduce((s, n) => s + n, 0);
    if (bytes.byteLength !== total * 8) throw new Error(`The lexical postings have ${bytes.byteLength} bytes, the metadata expects ${total * 8}.`);
    this.allDocs = new Uint32Array(bytes.buffer, bytes.byteOffset, total);
    this.allTfs = new Float32Array(bytes.buffer, bytes.byteOffset + total * 4, total);
    this.dictionary = new Map();
    this.offsets = new Float64Array(meta.terms.length + 1);
    meta.terms.forEach((t, i) => {
      this.dictionary.set(t, i);
      this.offsets[i + 1] = this.offsets[i] + meta.counts[i];
    });
    this.maxRatios = new Float64Array(meta.terms.length).fill(-1);
    this.scores = new Float64Array(this.size);
    this.masks = new Uint32Array(this.size);
  }

  /** Builds a query-time index straight from an in-memory build (tests, Workers without a stored index). */
  static fromData(data: Bm25IndexData): Bm25Index {
    const { meta, postings } = encodeBm25(data);
    return new Bm25Index(meta, postings);
  }

  /** Number of documents containing the term. */
  df(term: string): number {
    const id = this.dictionary.get(term);
    return id === undefined ? 0 : this.offsets[id + 1] - this.offsets[id];
  }

  /** Robertson–Spärck Jones IDF (always positive). */
  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  has(term: string): boolean {
    return this.dictionary.has(term);
  }

  /** The longest indexed term (of at least `minLength` characters) that `word` starts with. */
  longestPrefixTerm(word: string, minLength: number): string | undefined {
    for (let len = word.length; len >= minLength; len--) if (this.dictionary.has(word.slice(0, len))) return word.slice(0, len);
    return undefined;
  }

  /**
   * Top-k documents for weighted query terms (at most 32 terms: `matched` is a 32-bit mask). Exact: long
   * posting lists are pruned by MaxScore ({@link maxScoreTopK}), short ones scored exhaustively, with the
   * same scores and order either way.
   */
  search(query: WeightedTerm[], k: number): Bm25Hit[] {
    const terms: ScoredTerm[] = [];
    let total = 0;
    let prunable = k > 0;
    query.forEach((q, qi) => {
      const id = this.dictionary.get(q.term);
      if (id === undefined) return;
      const offset = this.offsets[id];
      const count = this.offsets[id + 1] - offset;
      const maxRatio = this.maxRatio(id);
      const w = q.weight * this.idf(q.term);
      if (!(w > 0) || Number.isNaN(maxRatio)) prunable = false;
      terms.push({ qi, w, offset, count, maxRatio });
      total += count;
    });
    const top = prunable && total > MAXSCORE_MIN_POSTINGS ? maxScoreTopK(terms, { docs: this.allDocs, tfs: this.allTfs, norm: this.norm, k1: this.k1 }, k) : this.exhaustive(terms, k);
    const width = Math.min(32, query.length);
    return top.map((h) => {
      const matched: number[] = [];
      for (let qi = 0; qi < width; qi++) if (h.mask & (1 << qi)) matched.push(qi);
      return { doc: h.doc, score: h.score, matched };
    });
  }

  /** Term-at-a-time scoring of every posting, then the k best. */
  private exhaustive(terms: ScoredTerm[], k: number): TopHit[] {
    const { scores, masks, norm, k1, allDocs, allTfs } = this;
    const touched: number[] = [];
    for (const { qi, w, offset, count } of terms) {
      const bit = qi < 32 ? 1 << qi : 0;
      for (let i = offset; i < offset + count; i++) {
        const d = allDocs[i];
        const tf = allTfs[i];
        if (scores[d] === 0 && masks[d] === 0) touched.push(d);
        scores[d] += (w * tf * (k1 + 1)) / (tf + norm[d]);
        masks[d] |= bit;
      }
    }
    const top = topK(touched, scores, k).map((d) => ({ doc: d, score: scores[d], mask: masks[d] }));
    for (const d of touched) {
      scores[d] = 0;
      masks[d] = 0;
    }
    return top;
  }

  /** The MaxScore bound of a term (NaN when its list is not sorted by document, which disables pruning). */
  private maxRatio(id: number): number {
    if (this.maxRatios[id] >= 0 || Number.isNaN(this.maxRatios[id])) return this.maxRatios[id];
    const { allDocs, allTfs, norm } = this;
    let max = 0;
    let sorted = true;
    for (let i = this.offsets[id], end = this.offsets[id + 1]; i < end; i++) {
      const tf = allTfs[i];
      const r = tf / (tf + norm[allDocs[i]]);
      if (r > max) max = r;
      if (i > this.offsets[id] && allDocs[i] <= allDocs[i - 1]) sorted = false;
    }
    return (this.maxRatios[id] = sorted ? max : Number.NaN);
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
