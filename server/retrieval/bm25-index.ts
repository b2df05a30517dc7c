/**
 * A compact BM25 inverted index over paragraphs. On disk: `lexical.json` (parameters, document lengths,
 * terms and their posting counts) and `lexical-postings.bin` (all document numbers as uint32, then all
 * term frequencies as float32), so that loading a large index is one read and no parsing of numbers.
 * Web-standard.
 */
import { groupedTopK } from './bm25-grouped.js';
import { maxScoreTopK, type ScoredTerm, type TopHit } from './bm25-maxscore.js';
import { topK } from './bm25-topk.js';
import type { EnsureVerified } from '../index-chunks.js';
import { type Bm25IndexData, type Bm25Meta, encodeBm25 } from './bm25-data.js';

export { type Bm25IndexData, type Bm25Meta, buildBm25, documentTerms, encodeBm25, type FieldTerms } from './bm25-data.js';

/** Below this many postings in all, a query is scored exhaustively (pruning would not pay for itself). */
const MAXSCORE_MIN_POSTINGS = 2048;

export interface WeightedTerm {
  term: string;
  weight: number;
  /** Terms of one group (the renderings of one concept) score as a disjunction: the best of them, plus `tieBreaker` × the others. */
  group?: number;
}

/** Query-time options of {@link Bm25Index.search}. */
export interface Bm25SearchOptions {
  /** Length normalisation (0: none, 1: full); default the index's own `b`. */
  b?: number;
  /** Share of a group's non-best terms added to its best one (1: plain BM25 sum, 0: pure disjunction max). */
  tieBreaker?: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
  /** Indexes (into the query terms) of the terms the document matched. */
  matched: number[];
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
  private readonly termList: readonly string[];
  private readonly offsets: Float64Array;
  /** Per term: largest tf / (tf + norm) of its postings (MaxScore bound), computed on first use; -1 before, NaN for an unsorted list. */
  private readonly maxRatios: Float64Array;
  private readonly lengths: readonly number[];
  private readonly avgLength: number;
  private readonly allDocs: Uint32Array;
  private readonly allTfs: Float32Array;
  private scores: Float64Array;
  private masks: Uint32Array;
  /** Per query-time `b` other than the index's own: normalisation and MaxScore bounds, computed on first use. */
  private readonly byB = new Map<number, { norm: Float64Array; maxRatios: Float64Array }>();

  /** `ensure` (optional) verifies a byte range of `postings` before it is first read (chunked checksums, server/index-chunks.ts). */
  constructor(
    meta: Bm25Meta,
    postings: Uint8Array | ArrayBuffer,
    private readonly ensure?: EnsureVerified,
  ) {
    if (meta.version !== 2) throw new Error(`Unsupported lexical index version ${String(meta.version)}.`);
    this.size = meta.lengths.length;
    this.k1 = meta.k1;
    this.b = meta.b;
    const avg = meta.lengths.reduce((s, l) => s + l, 0) / Math.max(1, this.size) || 1;
    this.lengths = meta.lengths;
    this.avgLength = avg;
    this.norm = this.normFor(this.b);
    let bytes = postings instanceof Uint8Array ? postings : new Uint8Array(postings);
    if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
    const total = meta.counts.reduce((s, n) => s + n, 0);
    if (bytes.byteLength !== total * 8) throw new Error(`The lexical postings have ${bytes.byteLength} bytes, the metadata expects ${total * 8}.`);
    this.allDocs = new Uint32Array(bytes.buffer, bytes.byteOffset, total);
    this.allTfs = new Float32Array(bytes.buffer, bytes.byteOffset + total * 4, total);
    this.dictionary = new Map();
    this.termList = meta.terms;
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
   * The terms with a posting among documents `first`…`last` (inclusive), read from the postings (no text is
   * analysed): a binary search per term, a scan for a list not sorted by document.
   * @example
   * index.termsIn(0, 4) // the terms of the first five indexed units
   */
  termsIn(first: number, last: number): string[] {
    const out: string[] = [];
    for (let id = 0; id < this.termList.length; id++) if (this.postedIn(id, first, last)) out.push(this.termList[id]);
    return out;
  }

  /**
   * True when the term has a posting among documents `first`…`last` (inclusive): `termsIn` for one term, which
   * verifies and reads that term's postings only.
   * @example
   * index.hasIn('terror', 0, 4) // true when one of the first five indexed units holds it
   */
  hasIn(term: string, first: number, last: number): boolean {
    const id = this.dictionary.get(term);
    return id !== undefined && this.postedIn(id, first, last);
  }

  /** Whether term `id` has a posting among documents `first`…`last`: a binary search, a scan for a list not sorted by document. */
  private postedIn(id: number, first: number, last: number): boolean {
    const docs = this.allDocs;
    const start = this.offsets[id];
    const end = this.offsets[id + 1];
    if (this.ensure) this.verifyRange(start, end - start);
    if (Number.isNaN(this.maxRatio(id, this.norm, this.maxRatios))) {
      for (let i = start; i < end; i++) if (docs[i] >= first && docs[i] <= last) return true;
      return false;
    }
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid] < first) lo = mid + 1;
      else hi = mid;
    }
    return lo < end && docs[lo] <= last;
  }

  private normFor(b: number): Float64Array {
    const norm = new Float64Array(this.lengths.length);
    for (let i = 0; i < norm.length; i++) norm[i] = this.k1 * (1 - b + (b * this.lengths[i]) / this.avgLength);
    return norm;
  }

  /** Normalisation and MaxScore bounds for a query-time `b` (the index's own by default). */
  private scoring(b: number | undefined): { norm: Float64Array; maxRatios: Float64Array } {
    if (b === undefined || b === this.b) return { norm: this.norm, maxRatios: this.maxRatios };
    let s = this.byB.get(b);
    if (!s) this.byB.set(b, (s = { norm: this.normFor(b), maxRatios: new Float64Array(this.maxRatios.length).fill(-1) }));
    return s;
  }

  /**
   * Top-k documents for weighted query terms (at most 32 terms: `matched` is a 32-bit mask). Exact: long
   * posting lists are pruned by MaxScore ({@link maxScoreTopK}), short ones scored exhaustively, with the
   * same scores and order either way. `options.b` sets length normalisation at query time; terms sharing a
   * `group` score as one disjunction (best term + `options.tieBreaker` × the rest) when the tie-breaker is below 1.
   */
  search(query: WeightedTerm[], k: number, options: Bm25SearchOptions = {}): Bm25Hit[] {
    const { norm, maxRatios } = this.scoring(options.b);
    const tie = options.tieBreaker ?? 1;
    const terms: ScoredTerm[] = [];
    let total = 0;
    let prunable = k > 0;
    query.forEach((q, qi) => {
      const id = this.dictionary.get(q.term);
      if (id === undefined) return;
      const offset = this.offsets[id];
      const count = this.offsets[id + 1] - offset;
      if (this.ensure) this.verifyRange(offset, count);
      const maxRatio = this.maxRatio(id, norm, maxRatios);
      const w = q.weight * this.idf(q.term);
      if (!(w > 0) || Number.isNaN(maxRatio)) prunable = false;
      terms.push({ qi, w, offset, count, maxRatio });
      total += count;
    });
    const postings = { docs: this.allDocs, tfs: this.allTfs, norm, k1: this.k1 };
    const grouped = tie !== 1 && query.some((q) => q.group !== undefined);
    const top = grouped
      ? groupedTopK(
          terms,
          query.map((q) => q.group),
          postings,
          tie,
          k,
        )
      : prunable && total > MAXSCORE_MIN_POSTINGS
        ? maxScoreTopK(terms, postings, k)
        : this.exhaustive(terms, k, norm);
    const width = Math.min(32, query.length);
    return top.map((h) => {
      const matched: number[] = [];
      for (let qi = 0; qi < width; qi++) if (h.mask & (1 << qi)) matched.push(qi);
      return { doc: h.doc, score: h.score, matched };
    });
  }

  /** Verifies the bytes of a term's postings (its documents, then its frequencies) before they are read. */
  private verifyRange(offset: number, count: number): void {
    const total = this.allDocs.length;
    this.ensure!(offset * 4, (offset + count) * 4);
    this.ensure!((total + offset) * 4, (total + offset + count) * 4);
  }

  /** Term-at-a-time scoring of every posting, then the k best. */
  private exhaustive(terms: ScoredTerm[], k: number, norm: Float64Array): TopHit[] {
    const { scores, masks, k1, allDocs, allTfs } = this;
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

  /** The MaxScore bound of a term under `norm` (NaN when its list is not sorted by document, which disables pruning). */
  private maxRatio(id: number, norm: Float64Array, maxRatios: Float64Array): number {
    if (maxRatios[id] >= 0 || Number.isNaN(maxRatios[id])) return maxRatios[id];
    const { allDocs, allTfs } = this;
    let max = 0;
    let sorted = true;
    for (let i = this.offsets[id], end = this.offsets[id + 1]; i < end; i++) {
      const tf = allTfs[i];
      const r = tf / (tf + norm[allDocs[i]]);
      if (r > max) max = r;
      if (i > this.offsets[id] && allDocs[i] <= allDocs[i - 1]) sorted = false;
    }
    return (maxRatios[id] = sorted ? max : Number.NaN);
  }
}
