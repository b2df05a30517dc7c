/**
 * A compact BM25 inverted index over paragraphs. On disk: `lexical.json` (parameters, document lengths,
 * terms and their posting counts) and `lexical-postings.bin` (all document numbers as uint32, then all
 * term frequencies as float32), so that loading a large index is one read and no parsing of numbers.
 * Web-standard.
 */

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
  private readonly lengths: readonly number[];
  private readonly avgLength: number;
  /** term → [offset, count] into the postings arrays. */
  private readonly dictionary: Map<string, [number, number]>;
  private readonly allDocs: Uint32Array;
  private readonly allTfs: Float32Array;
  private scores: Float64Array;
  private masks: Uint32Array;
  private groupBest: Float64Array;
  private groupRest: Float64Array;

  constructor(meta: Bm25Meta, postings: Uint8Array | ArrayBuffer) {
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
    let offset = 0;
    meta.terms.forEach((t, i) => {
      this.dictionary.set(t, [offset, meta.counts[i]]);
      offset += meta.counts[i];
    });
    this.scores = new Float64Array(this.size);
    this.masks = new Uint32Array(this.size);
    this.groupBest = new Float64Array(this.size);
    this.groupRest = new Float64Array(this.size);
  }

  /** Builds a query-time index straight from an in-memory build (tests, Workers without a stored index). */
  static fromData(data: Bm25IndexData): Bm25Index {
    const { meta, postings } = encodeBm25(data);
    return new Bm25Index(meta, postings);
  }

  /** Number of documents containing the term. */
  df(term: string): number {
    return this.dictionary.get(term)?.[1] ?? 0;
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

  private normFor(b: number): Float64Array {
    return Float64Array.from(this.lengths, (l) => this.k1 * (1 - b + (b * l) / this.avgLength));
  }

  private readonly norms = new Map<number, Float64Array>();

  /** Per-document normalisation for a query-time `b` (computed once per value). */
  private normalisation(b: number | undefined): Float64Array {
    if (b === undefined || b === this.b) return this.norm;
    let n = this.norms.get(b);
    if (!n) this.norms.set(b, (n = this.normFor(b)));
    return n;
  }

  /**
   * Top-k documents for weighted query terms (at most 32 terms: `matched` is a 32-bit mask). Terms sharing a
   * `group` score as one disjunction (best term + `tieBreaker` × the rest), so a concept with several renderings
   * does not outweigh a concept with one.
   */
  search(query: WeightedTerm[], k: number, options: Bm25SearchOptions = {}): Bm25Hit[] {
    const { scores, masks, k1 } = this;
    const norm = this.normalisation(options.b);
    const tie = options.tieBreaker ?? 1;
    const touched: number[] = [];
    const { allDocs, allTfs } = this;
    const groups = new Map<number | string, number[]>();
    query.forEach((q, qi) => {
      const key = q.group ?? `t${qi}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(qi);
    });
    const best = this.groupBest;
    const rest = this.groupRest;
    for (const members of groups.values()) {
      const seen: number[] = [];
      for (const qi of members) {
        const q = query[qi];
        const entry = this.dictionary.get(q.term);
        if (!entry) continue;
        const [offset, count] = entry;
        const w = q.weight * this.idf(q.term);
        const bit = qi < 32 ? 1 << qi : 0;
        for (let i = offset; i < offset + count; i++) {
          const d = allDocs[i];
          const tf = allTfs[i];
          if (scores[d] === 0 && masks[d] === 0) touched.push(d);
          if (best[d] === 0 && rest[d] === 0) seen.push(d);
          const v = (w * tf * (k1 + 1)) / (tf + norm[d]);
          if (v > best[d]) (rest[d] += best[d]), (best[d] = v);
          else rest[d] += v;
          masks[d] |= bit;
        }
      }
      for (const d of seen) {
        scores[d] += best[d] + tie * rest[d];
        best[d] = 0;
        rest[d] = 0;
      }
    }
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
