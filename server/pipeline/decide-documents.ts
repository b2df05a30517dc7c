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
const headingsCache = new WeakMap<DocumentMeta, { own: Set<string>; range: [number, number] | undefined }>();
const wordsCache = new WeakMap<DocumentMeta, string[][]>();

/** A document's titles, short titles and aliases, in one string. */
export function titleText(d: DocumentMeta): string {
  return [d.title, d.titleEn, d.shortTitle, d.shortTitleEn, d.aliases].filter(Boolean).join(' | ');
}

/** The indexes a document's vocabulary is read from: the lexical index and, when translations are indexed, theirs (unit positions in corpus order). */
export interface VocabularyIndexes {
  lexical: Pick<Bm25Index, 'termsIn' | 'hasIn'>;
  translated?: Pick<Bm25Index, 'termsIn' | 'hasIn'> | null;
}

/** Positions of a document's units in the indexes, when they are one run (they are in corpus order). */
function unitRange(d: DocumentMeta, store: CorpusStore): [number, number] | undefined {
  const ps = store.paragraphs(d.id);
  if (!ps.length) return undefined;
  const first = store.positionOf(ps[0]);
  const last = store.positionOf(ps[ps.length - 1]);
  return first >= 0 && last - first + 1 === ps.length ? [first, last] : undefined;
}

/** The terms of a document's section headings, analysed as the index analyses them. */
function sectionTerms(d: DocumentMeta, store: CorpusStore): string[][] {
  const sections = new Set(store.paragraphs(d.id).flatMap((p) => (p.section ? [p.section] : [])));
  return [...sections].map((s) => terms(s, d.language, { accentVariants: true }));
}

/** A document's title terms in both analysers and the years of its date. */
function titleTerms(d: DocumentMeta): string[] {
  return [...terms(titleText(d), 'fr'), ...terms(titleText(d), 'en'), ...(d.date.match(/(?:1[89]|20)\d{2}/g) ?? [])];
}

/** The terms of a document's units as the index analysed them (text, own heading and section headings, translations), read from the postings when `indexes` are given. */
function unitTerms(d: DocumentMeta, store: CorpusStore, indexes?: VocabularyIndexes): Iterable<string>[] {
  const range = indexes && unitRange(d, store);
  if (range) return [indexes!.lexical.termsIn(...range), indexes!.translated?.termsIn(...range) ?? [], ...sectionTerms(d, store)];
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
  v = new Set(titleTerms(d));
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

/**
 * Whether a document holds a term, without listing its vocabulary when its units are one run of the indexes: the
 * titles, date and section headings from a set, the units' terms from the term's own postings (`hasIn`).
 */
function holds(d: DocumentMeta, store: CorpusStore, indexes?: VocabularyIndexes): (term: string) => boolean {
  if (!indexes) {
    const v = documentVocabulary(d, store);
    return (term) => v.has(term);
  }
  let h = headingsCache.get(d);
  if (!h) {
    const range = unitRange(d, store);
    h = { own: range ? new Set([...titleTerms(d), ...sectionTerms(d, store).flat()]) : documentVocabulary(d, store, indexes), range };
    headingsCache.set(d, h);
  }
  const { own, range } = h;
  if (!range) return (term) => own.has(term);
  return (term) => own.has(term) || indexes.lexical.hasIn(term, ...range) || (indexes.translated?.hasIn(term, ...range) ?? false);
}

/** The union of the vocabularies of some documents (each as `documentVocabulary` lists it). */
export function vocabularyOf(documents: readonly DocumentMeta[], store: CorpusStore, indexes?: VocabularyIndexes): { has(term: string): boolean } {
  const lookups = documents.map((d) => holds(d, store, indexes));
  return { has: (term) => lookups.some((holdsTerm) => holdsTerm(term)) };
}
