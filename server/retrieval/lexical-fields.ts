/** What the lexical index sees of a paragraph: its text, its own heading (a statute section's marginal note, an article's caption) and its nearest section heading (document names are matched separately, by `DocumentCues`). */
import { terms } from '../text/analyzer.js';
import type { DocumentMeta, Paragraph } from '../types.js';
import { Bm25Builder } from './bm25-builder.js';
import { buildBm25, type Bm25IndexData, type Bm25Meta, type FieldTerms } from './bm25-index.js';

/**
 * Term-frequency weight of each field (index time). `title`, the unit's own heading, names the unit's subject
 * ("Purpose", "Disclosure to institutions", "Victims of terrorism"): it weighs more than the text, since questions ask about that
 * subject in those words, and a heading of two or three words is worth more than one occurrence of them in a long
 * section (2; 1 and 3 do worse on the training suites documents and documents-3); `section`, shared by every unit
 * under it, weighs less.
 */
export const FIELD_WEIGHTS = { text: 1, title: 2, section: 0.3 } as const;

/** Analysed fields of one paragraph. */
export function paragraphFields(p: Paragraph, doc: DocumentMeta): FieldTerms {
  const lang = doc.language;
  return [
    { terms: terms(p.text, lang, { accentVariants: true }), weight: FIELD_WEIGHTS.text },
    { terms: p.section ? terms(p.section.split(' — ').pop()!, lang, { accentVariants: true }) : [], weight: FIELD_WEIGHTS.section },
    { terms: p.title ? terms(p.title, lang, { accentVariants: true }) : [], weight: FIELD_WEIGHTS.title },
  ];
}

/**
 * Builds the lexical index of a corpus, paragraphs in corpus order.
 * @example
 * const data = buildLexicalIndex(corpus.documents, corpus.paragraphs);
 */
export function buildLexicalIndex(documents: DocumentMeta[], paragraphs: Paragraph[]): Bm25IndexData {
  const docs = new Map(documents.map((d) => [d.id, d]));
  return buildBm25(paragraphs.map((p) => paragraphFields(p, docs.get(p.documentId)!)));
}

/**
 * The stored lexical index of a corpus, analysed and added one paragraph at a time (bounded memory: no
 * paragraph's terms outlive its turn); `onParagraph` sees each paragraph's fields. Same bytes as
 * `encodeBm25(buildLexicalIndex(documents, paragraphs))`.
 * @example
 * const { meta, postings } = encodeLexicalIndex(corpus.documents, corpus.paragraphs);
 */
export function encodeLexicalIndex(
  documents: DocumentMeta[],
  paragraphs: Paragraph[],
  onParagraph?: (fields: FieldTerms, p: Paragraph, doc: DocumentMeta) => void,
): { meta: Bm25Meta; postings: Uint8Array } {
  const docs = new Map(documents.map((d) => [d.id, d]));
  const builder = new Bm25Builder();
  for (const p of paragraphs) {
    const doc = docs.get(p.documentId)!;
    const fields = paragraphFields(p, doc);
    builder.add(fields);
    onParagraph?.(fields, p, doc);
  }
  return builder.encode();
}
