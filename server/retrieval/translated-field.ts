/**
 * The lexical field of the translated text: BM25 over each paragraph's ingest-time translation, analysed in the
 * translation's language, one document per paragraph in corpus order (so a hit maps back to the original unit by
 * position). Questions in a translation's language then also find the paragraphs whose translation says what they
 * ask; citations, quotes and their validation stay on the original text. Absent (null) when no paragraph has a
 * translation, so an index without translations searches exactly as before. Web-standard.
 */
import { terms } from '../text/analyzer.js';
import type { Concept } from '../text/glossary.js';
import type { Lang, Paragraph } from '../types.js';
import { type Bm25Index, buildBm25, type Bm25Hit, type Bm25IndexData, type FieldTerms, type WeightedTerm } from './bm25-index.js';

/**
 * How the two fields' scores combine: each paragraph keeps its better rendering's BM25 score (CombMAX). A sum would
 * favour every translated paragraph twice over one written in the question's language; rescaling the translated
 * field to the original's best hit lifts weak translated matches to the top. Chosen on documents.jsonl (the dev
 * suite for real documents) with the parallel-text reference translator; not tuned further.
 */
const fusedScore = (original: number, translated: number) => Math.max(original, translated);

/** Analysed translated text of one paragraph (distinct translated sentences once each; empty without translation). */
export function translatedFields(p: Paragraph): FieldTerms {
  const sentences = [...new Set(p.translation?.sentences.filter((s) => s.trim()) ?? [])];
  return [{ terms: sentences.length ? terms(sentences.join(' '), p.translation!.lang, { accentVariants: true }) : [], weight: 1 }];
}

/**
 * The translated field of a corpus, or null when no paragraph has a translation.
 * @example
 * const data = buildTranslatedIndex(corpus.paragraphs); // null for an index built without a translator
 */
export function buildTranslatedIndex(paragraphs: readonly Paragraph[]): Bm25IndexData | null {
  if (!paragraphs.some((p) => p.translation?.sentences.some((s) => s.trim()))) return null;
  return buildBm25(paragraphs.map(translatedFields));
}

/**
 * The translated field's query: each concept's own words (what the user wrote) analysed in the question's language —
 * the expansion renders them in the texts' vocabulary, a translation speaks the reader's — at the concept's weight,
 * each standing for its concept's terms (a match counts as a match of the concept); at most `max` terms, rarest first.
 * @example
 * translatedQuery([{ source: 'asylum', terms: [{ term: 'asil', weight: 1 }] }], 'en', field, 32).query // [{ term: 'asylum', weight: 1 }]
 */
export function translatedQuery(concepts: readonly Concept[], lang: Lang, field: Bm25Index, max: number): { query: WeightedTerm[]; standsFor: Map<string, string[]> } {
  const weights = new Map<string, number>();
  const standsFor = new Map<string, string[]>();
  for (const c of concepts) {
    const weight = Math.max(0, ...c.terms.map((t) => t.weight)) || (c.importance ?? 1);
    for (const term of new Set(terms(c.source, lang, { accentVariants: true }))) {
      if (!field.has(term)) continue;
      weights.set(term, Math.max(weights.get(term) ?? 0, weight));
      standsFor.set(term, [...(standsFor.get(term) ?? []), ...c.terms.map((t) => t.term)]);
    }
  }
  const query = [...weights]
    .map(([term, weight]) => ({ term, weight }))
    .sort((a, b) => b.weight * field.idf(b.term) - a.weight * field.idf(a.term))
    .slice(0, max);
  return { query, standsFor };
}

/** A fused lexical hit: index position, score over both fields, matched query terms. */
export interface FusedHit {
  doc: number;
  score: number;
  matched: string[];
}

/**
 * Fuses the original field's hits with the translated field's hits for the same question: per paragraph, the better of
 * its original and translated scores ({@link fusedScore}), matched terms united; the best `k`.
 * A matched translated term also marks the terms of the concept it stands for, so ranking's coverage counts it; terms
 * the original index does not know take their translated-field IDF in `idf` (what ranking weighs coverage by).
 * @example
 * const tq = translatedQuery(e.concepts, 'en', field, 32);
 * const fused = fuseTranslated(originalHits, field.search(tq.query, k), tq, field, idf, k);
 */
export function fuseTranslated(original: FusedHit[], translated: Bm25Hit[], tq: ReturnType<typeof translatedQuery>, field: Bm25Index, idf: Map<string, number>, k: number): FusedHit[] {
  const byDoc = new Map(original.map((h) => [h.doc, { ...h, matched: [...h.matched] }]));
  const tQuery = tq.query;
  for (const h of translated) {
    const cur = byDoc.get(h.doc) ?? { doc: h.doc, score: 0, matched: [] };
    cur.score = fusedScore(cur.score, h.score);
    for (const qi of h.matched) for (const t of [tQuery[qi].term, ...(tq.standsFor.get(tQuery[qi].term) ?? [])]) if (!cur.matched.includes(t)) cur.matched.push(t);
    byDoc.set(h.doc, cur);
  }
  for (const q of tQuery) if (!((idf.get(q.term) ?? 0) > 0) && field.has(q.term)) idf.set(q.term, field.idf(q.term));
  return [...byDoc.values()].sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, k);
}
