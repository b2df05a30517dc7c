/**
 * `decide`'s view of the documents an answer would cite: what each says (its indexed terms, its headings, its
 * ingest-time translation, its titles in both languages). The name signals are relative to these documents, not to
 * the whole corpus: a word some other document mentions says nothing about whether the cited text answers. Web-standard, pure (caches are keyed weakly by document).
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import { foldAccents, terms, words } from '../text/analyzer.js';
import type { DocumentMeta } from '../types.js';
import type { ScoredPassage } from './types.js';

const vocabularyCache = new WeakMap<DocumentMeta, Set<string>>();
const wordsCache = new WeakMap<DocumentMeta, string[][]>();

/** A document's titles, short titles and aliases, in one string. */
export function titleText(d: DocumentMeta): string {
  return [d.title, d.titleEn, d.shortTitle, d.shortTitleEn, d.aliases].filter(Boolean).join(' | ');
}

/**
 * Every term a document holds: its units' text and headings analysed as the index analyses them, their
 * translations in the translation's language, its titles in both languages, and the years of its date.
 * @example
 * documentVocabulary(store.document('osce-bucharest-plan-2001')!, store).has('financ') // true
 */
export function documentVocabulary(d: DocumentMeta, store: CorpusStore): Set<string> {
  let v = vocabularyCache.get(d);
  if (v) return v;
  v = new Set([...terms(titleText(d), 'fr'), ...terms(titleText(d), 'en'), ...(d.date.match(/(?:1[89]|20)\d{2}/g) ?? [])]);
  for (const p of store.paragraphs(d.id)) {
    for (const t of terms(p.text, d.language, { accentVariants: true })) v.add(t);
    if (p.section) for (const t of terms(p.section, d.language, { accentVariants: true })) v.add(t);
    const sentences = p.translation?.sentences.join(' ');
    if (sentences) for (const t of terms(sentences, p.translation!.lang, { accentVariants: true })) v.add(t);
  }
  vocabularyCache.set(d, v);
  return v;
}

/** A document's units and titles as folded words, one list per unit (the titles last). */
export function documentWords(d: DocumentMeta, store: CorpusStore): string[][] {
  let w = wordsCache.get(d);
  if (!w) wordsCache.set(d, (w = [...store.paragraphs(d.id).map((p) => words(foldAccents(p.text))), words(foldAccents(titleText(d)))]));
  return w;
}

/** The distinct documents of some passages, in order. */
export function documentsOf(passages: readonly ScoredPassage[]): DocumentMeta[] {
  return [...new Set(passages.map((p) => p.document))];
}

/** The union of the vocabularies of some documents. */
export function vocabularyOf(documents: readonly DocumentMeta[], store: CorpusStore): { has(term: string): boolean } {
  const sets = documents.map((d) => documentVocabulary(d, store));
  return { has: (term) => sets.some((s) => s.has(term)) };
}
