/** In-memory access to the documents and their paragraphs. Web-standard. */
import type { DocumentMeta, Paragraph } from '../types.js';
import { eIdNumber, eIdOf } from './units.js';

/** Loose key of a label: "L. 224-1", "L224-1" and "l.224-1" compare equal. */
const looseLabel = (label: string) => eIdNumber(label).toLowerCase();

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
  private readonly byKey = new Map<string, Paragraph>();
  private readonly docs = new Map<string, DocumentMeta>();
  private readonly positions = new Map<Paragraph, number>();
  private readonly byLoose = new Map<string, Paragraph>();
  private readonly byEId = new Map<string, Paragraph>();

  constructor(data: CorpusData) {
    this.data = data;
    for (const d of data.documents) {
      this.docs.set(d.id, d);
      this.byDoc.set(d.id, []);
    }
    data.paragraphs.forEach((p, i) => this.positions.set(p, i));
    for (const p of data.paragraphs) {
      this.byDoc.get(p.documentId)?.push(p);
      this.byKey.set(`${p.documentId}\u0000${p.label}`, p);
      const loose = `${p.documentId}\u0000${looseLabel(p.label)}`;
      if (!this.byLoose.has(loose)) this.byLoose.set(loose, p);
      this.byEId.set(`${p.documentId}\u0000${eIdOf(p)}`, p);
    }
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
    return this.byKey.get(`${id}\u0000${label}`) ?? this.byLoose.get(`${id}\u0000${looseLabel(label)}`) ?? this.byEId.get(`${id}\u0000${label}`);
  }

  /** Position of a paragraph in the global paragraph list (the lexical/vector index order). */
  at(index: number): Paragraph {
    return this.data.paragraphs[index];
  }

  /** Inverse of {@link at}. */
  positionOf(p: Paragraph): number {
    return this.positions.get(p) ?? -1;
  }

  get size(): number {
    return this.data.paragraphs.length;
  }
}
