/** The BM25 index as built (postings per term) and its on-disk encoding (`lexical.json` + `lexical-postings.bin`). Web-standard. */

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
