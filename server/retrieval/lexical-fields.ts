/** What the lexical index sees of a paragraph: its text and its nearest section heading (document names are matched separately, by `DocumentCues`). */
import { terms } from '../text/analyzer.js';
import type { DocumentMeta, Paragraph } from '../types.js';
import { buildBm25, type Bm25IndexData, type FieldTerms } from './bm25-index.js';

export const FIELD_WEIGHTS = { text: 1, section: 0.3 } as const;

/** Analysed fields of one paragraph. */
export function paragraphFields(p: Paragraph, doc: DocumentMeta): FieldTerms {
  const lang = doc.language;
  return [
    { terms: terms(p.text, lang, { accentVariants: true }), weight: FIELD_WEIGHTS.text },
    { terms: p.section ? terms(p.section.split(' — ').pop()!, lang, { accentVariants: true }) : [], weight: FIELD_WEIGHTS.section },
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
