/** In-memory access to the documents and their paragraphs. Web-standard. */
import type { DocumentMeta, Paragraph } from '../types.js';
import { eIdNumber, eIdOf, romanValue } from './units.js';

/** Loose key of a label: "L. 224-1", "L224-1" and "l.224-1" compare equal. */
/** Labels compared loosely: punctuation and case dropped, a Roman numeral read as its number ("III" and "3" name one article). */
const looseLabel = (label: string) => {
  const roman = romanValue(label);
  return roman === undefined ? eIdNumber(label).toLowerCase() : String(roman);
};

interface Lookup {
  byLabel: Map<string, Paragraph>;
  byLoose: Map<string, Paragraph>;
  byEId: Map<string, Paragraph>;
}

export interface CorpusData {
  documents: DocumentMeta[];
  paragraphs: Paragraph[];
}

/**
 * Read-only view of the corpus: documents in order, paragraphs by document and label.
 * @example
 * const store = new CorpusStore(data);
 * store.paragraph('osce-bucharest-plan-2001', '5')?.text;
 */
export class CorpusStore {
  readonly data: CorpusData;
  private readonly byDoc = new Map<string, Paragraph[]>();
  /** Paragraphs naming a document the corpus does not list (still found by {@link paragraph}). */
  private readonly orphans = new Map<string, Paragraph[]>();
  private readonly docs = new Map<string, DocumentMeta>();
  /** Built on first use, so that a large corpus loads without indexing every label. */
  private positions: Map<Paragraph, number> | null = null;
  private readonly lookups = new Map<string, Lookup>();

  constructor(data: CorpusData) {
    this.data = data;
    for (const d of data.documents) {
      this.docs.set(d.id, d);
      this.byDoc.set(d.id, []);
    }
    for (const p of data.paragraphs) {
      const list = this.byDoc.get(p.documentId) ?? this.orphans.get(p.documentId) ?? this.orphans.set(p.documentId, []).get(p.documentId)!;
      list.push(p);
    }
  }

  /** One document's paragraphs by label (last wins), loose label (first wins) and eId (last wins), built on its first lookup. */
  private lookup(id: string): Lookup | null {
    const cached = this.lookups.get(id);
    if (cached) return cached;
    const list = this.byDoc.get(id) ?? this.orphans.get(id);
    if (!list) return null;
    const l: Lookup = { byLabel: new Map(), byLoose: new Map(), byEId: new Map() };
    for (const p of list) {
      l.byLabel.set(p.label, p);
      const loose = looseLabel(p.label);
      if (!l.byLoose.has(loose)) l.byLoose.set(loose, p);
      l.byEId.set(eIdOf(p), p);
    }
    this.lookups.set(id, l);
    return l;
  }

  documents(): DocumentMeta[] {
    return this.data.documents;
  }

  document(id: string): DocumentMeta | undefined {
    return this.docs.get(id);
  }

  paragraphs(id: string): Paragraph[] {
    return this.byDoc.get(id) ?? [];
  }

  /** A paragraph by its label as written, or loosely ("L224-1" for "L. 224-1"), or by its eId ("art_12"). */
  paragraph(id: string, label: string): Paragraph | undefined {
    const l = this.lookup(id);
    return l ? (l.byLabel.get(label) ?? l.byLoose.get(looseLabel(label)) ?? l.byEId.get(label)) : undefined;
  }

  /** Position of a paragraph in the global paragraph list (the lexical/vector index order). */
  at(index: number): Paragraph {
    return this.data.paragraphs[index];
  }

  /** Inverse of {@link at}. */
  positionOf(p: Paragraph): number {
    if (!this.positions) {
      // Filled in a loop: the `[x, i]` pairs of `new Map(array.map(…))` are 10^5 short-lived arrays at start.
      this.positions = new Map();
      for (let i = 0; i < this.data.paragraphs.length; i++) this.positions.set(this.data.paragraphs[i], i);
    }
    return this.positions.get(p) ?? -1;
  }

  get size(): number {
    return this.data.paragraphs.length;
  }
}
