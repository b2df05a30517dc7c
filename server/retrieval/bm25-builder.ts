/** Streaming construction of the stored BM25 index (ingest of large corpora). Web-standard. */
import { documentTerms, type Bm25Meta, type FieldTerms } from './bm25-index.js';

/** A uint32 array that grows by doubling. */
class GrowingUint32 {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** True for the keys that a JavaScript object lists first, in numeric order ("0", "2001"; not "01"). */
const isArrayIndex = (key: string) => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;

/**
 * Builds the stored index one document at a time, in compact typed arrays (12 bytes a posting, no
 * per-document state kept), for corpora too large to hold every document's terms at once. `encode()` gives
 * byte for byte what `encodeBm25(buildBm25(docs))` gives.
 * @example
 * const builder = new Bm25Builder();
 * for (const fields of documents) builder.add(fields);
 * const { meta, postings } = builder.encode();
 */
export class Bm25Builder {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly lengths: number[] = [];
  private readonly termOf = new GrowingUint32();
  private readonly docOf = new GrowingUint32();
  private readonly tf100 = new GrowingUint32();

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.5,
  ) {}

  /** Adds the next document (its number is the count of documents added before it). */
  add(fields: FieldTerms): void {
    const doc = this.lengths.length;
    const { tf, length } = documentTerms(fields);
    this.lengths.push(length);
    for (const [t, v] of tf) {
      let id = this.ids.get(t);
      if (id === undefined) this.ids.set(t, (id = this.terms.push(t) - 1));
      this.termOf.push(id);
      this.docOf.push(doc);
      this.tf100.push(Math.round(v * 100));
    }
  }

  /** The stored form: terms in the order `Object.keys` would list them, postings grouped by term, documents ascending. */
  encode(): { meta: Bm25Meta; postings: Uint8Array } {
    const n = this.terms.length;
    const ids = this.terms.map((_, id) => id);
    const numeric = ids.filter((id) => isArrayIndex(this.terms[id])).sort((a, c) => Number(this.terms[a]) - Number(this.terms[c]));
    const order = [...numeric, ...ids.filter((id) => !isArrayIndex(this.terms[id]))];
    const counts = new Uint32Array(n);
    const termOf = this.termOf.data;
    const total = this.termOf.length;
    for (let i = 0; i < total; i++) counts[termOf[i]]++;
    const start = new Float64Array(n);
    let at = 0;
    for (const id of order) {
      start[id] = at;
      at += counts[id];
    }
    const buffer = new ArrayBuffer(total * 8);
    const docs = new Uint32Array(buffer, 0, total);
    const tfs = new Float32Array(buffer, total * 4, total);
    for (let i = 0; i < total; i++) {
      const p = start[termOf[i]]++;
      docs[p] = this.docOf.data[i];
      tfs[p] = this.tf100.data[i] / 100;
    }
    const meta: Bm25Meta = { version: 2, k1: this.k1, b: this.b, lengths: this.lengths, terms: order.map((id) => this.terms[id]), counts: order.map((id) => counts[id]) };
    return { meta, postings: new Uint8Array(buffer) };
  }
}
