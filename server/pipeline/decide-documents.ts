/**
 * `decide`'s view of the documents an answer would cite: what each says (its indexed terms, its headings, its
 * ingest-time translation, its titles in both languages). The name signals are relative to these documents, not to
 * the whole corpus: a word some other document mentions says nothing about whether the cited text answers. Web-standard, pure (caches are keyed weakly by document).
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { Bm25Index } from '../retrieval/bm25-index.js';
import { foldAccents, terms, words } from '../text/analyzer.js';
import type { DocumentMeta } from '../types.js';
import type { ScoredPassage } from './types.js';

const vocabularyCache = new WeakMap<DocumentMeta, Set<string>>();
const wordsCache = new WeakMap<DocumentMeta, string[][]>();

/** A document's titles, short titles and aliases, in one string. */
export function titleText(d: DocumentMeta): string {
  return [d.title, d.titleEn, d.shortTitle, d.shortTitleEn, d.aliases].filter(Boolean).join(' | ');
}

/** The indexes a document's vocabulary is read from: the lexical index and, when translations are indexed, theirs (unit positions in corpus order). */
export interface VocabularyIndexes {
  lexical: Pick<Bm25Index, 'termsIn'>;
  translated?: Pick<Bm25Index, 'termsIn'> | null;
}

/** Positions of a document's units in the indexes, when they are one run (they are in corpus order). */
function unitRange(d: DocumentMeta, store: CorpusStore): [number, number] | undefined {
  const ps = store.paragraphs(d.id);
  if (!ps.length) return undefined;
  const first = store.positionOf(ps[0]);
  const last = store.positionOf(ps[ps.length - 1]);
  return first >= 0 && last - first + 1 === ps.length ? [first, last] : undefined;
}

/** The terms of a document's units as the index analysed them (text, own heading and section headings, translations), read from the postings when `indexes` are given. */
function unitTerms(d: DocumentMeta, store: CorpusStore, indexes?: VocabularyIndexes): Iterable<string>[] {
  const range = indexes && unitRange(d, store);
  if (range) {
    const sections = new Set(store.paragraphs(d.id).flatMap((p) => (p.section ? [p.section] : [])));
    return [indexes!.lexical.termsIn(...range), indexes!.translated?.termsIn(...range) ?? [], ...[...sections].map((s) => terms(s, d.language, { accentVariants: true }))];
  }
  return store.paragraphs(d.id).flatMap((p) => {
    const sentences = p.translation?.sentences.join(' ');
    return [
      terms(p.text, d.language, { accentVariants: true }),
      p.section ? terms(p.section, d.language, { accentVariants: true }) : [],
      p.title ? terms(p.title, d.language, { accentVariants: true }) : [],
      sentences ? terms(sentences, p.translation!.lang, { accentVariants: true }) : [],
    ];
  });
}

/**
 * Every term a document holds: its units' text, own headings and section headings analysed as the index analyses them, their
 * translations in the translation's language, its titles in both languages, and the years of its date. With the
 * indexes, the units' terms are read from their postings instead of analysing the document again.
 * @example
 * documentVocabulary(store.document('osce-bucharest-plan-2001')!, store).has('financ') // true
 */
export function documentVocabulary(d: DocumentMeta, store: CorpusStore, indexes?: VocabularyIndexes): Set<string> {
  let v = vocabularyCache.get(d);
  if (v) return v;
  v = new Set([...terms(titleText(d), 'fr'), ...terms(titleText(d), 'en'), ...(d.date.match(/(?:1[89]|20)\d{2}/g) ?? [])]);
  for (const ts of unitTerms(d, store, indexes)) for (const t of ts) v.add(t);
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
export function vocabularyOf(documents: readonly DocumentMeta[], store: CorpusStore, indexes?: VocabularyIndexes): { has(term: string): boolean } {
  const sets = documents.map((d) => documentVocabulary(d, store, indexes));
  return { has: (term) => sets.some((s) => s.has(term)) };
}
