/** How a cited paragraph is named in answers: markers, citations, titles in the answer's language. Web-standard. */
import { eIdOf, formatLocator, itemContaining, unitName, unitOf } from '../corpus/units.js';
import type { Citation, DocumentMeta, Lang, Paragraph } from '../types.js';

/**
 * Citation marker as it appears in answers: `[Plan d'action de Bucarest, §5]`, `[Code X, art. 421-2-6, II, 1°]`.
 * @example
 * citationMarker(doc, paragraph, 'fr'); // "[Plan d'action de Bucarest, §5]"
 */
export function citationMarker(doc: DocumentMeta, paragraph: Pick<Paragraph, 'kind' | 'unit' | 'label'>, lang: Lang, path: readonly string[] = []): string {
  return `[${shortTitle(doc, lang)}, ${formatLocator(paragraph, lang, path)}]`;
}

/**
 * The citation of a paragraph: label, eId and locator of the unit, or of its item that holds the quote.
 * @example
 * citationOf(1, doc, paragraph, 'en', 'States shall…'); // { ref: 1, documentId: doc.id, paragraph: '5', quote: 'States shall…', … }
 */
export function citationOf(ref: number, doc: DocumentMeta, paragraph: Paragraph, lang: Lang, quote?: string): Citation {
  const item = quote ? itemContaining(paragraph, quote) : undefined;
  return {
    ref,
    documentId: doc.id,
    documentTitle: docTitle(doc, lang),
    paragraph: paragraph.label,
    text: paragraph.text,
    ...(quote !== undefined ? { quote } : {}),
    eId: item?.eId ?? eIdOf(paragraph),
    unit: unitOf(paragraph),
    locator: formatLocator(paragraph, lang, item?.path),
  };
}

/**
 * The document's short title in the answer's language.
 * @example
 * shortTitle(doc, 'en'); // doc.shortTitleEn ?? doc.shortTitle
 */
export function shortTitle(doc: DocumentMeta, lang: Lang): string {
  return lang === 'en' ? (doc.shortTitleEn ?? doc.shortTitle) : doc.shortTitle;
}

function docTitle(doc: DocumentMeta, lang: Lang): string {
  return lang === 'en' ? (doc.titleEn ?? doc.title) : doc.title;
}

/**
 * The document's short title and the paragraph's unit name.
 * @example
 * paragraphName(doc, paragraph, 'en'); // e.g. "Bucharest Plan of Action, paragraph 5"
 */
export function paragraphName(doc: DocumentMeta, paragraph: Paragraph, lang: Lang): string {
  return `${shortTitle(doc, lang)}, ${unitName(paragraph, lang)}`;
}
