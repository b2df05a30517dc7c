/**
 * Stage 3, `retrieve`: candidate paragraphs for the expanded question — BM25 over the weighted terms, and dense
 * vectors when the index has them (falling back to lexical when the query cannot be embedded), and the lexical field
 * of the translated text when translations are indexed (server/retrieval/translated-field.ts). Web-standard.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { VectorStoreInterface } from '@langchain/core/vectorstores';
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { Bm25Hit, Bm25Index, WeightedTerm } from '../retrieval/bm25-index.js';
import { fuseTranslated, translatedQuery, type FusedHit } from '../retrieval/translated-field.js';
import type { Lang, RetrievalMode } from '../types.js';
import type { RankingParams } from './params.js';
import { titleEvidence } from './rank-documents.js';
import type { Candidate, Expansion, Retrieved } from './types.js';

export interface RetrieveDeps {
  store: CorpusStore;
  lexical: Bm25Index;
  /** BM25 over the indexed translations; absent when the index has none. */
  translated?: Bm25Index | null;
  mode: RetrievalMode;
  vectorStore?: VectorStoreInterface | null;
  embeddings?: EmbeddingsInterface | null;
  /** Called when the query cannot be embedded; the query then falls back to lexical retrieval. */
  onDenseError?: (err: unknown) => void;
}

/** Units per document language, per store (a store is immutable). */
const unitsCache = new WeakMap<CorpusStore, Map<Lang, number>>();

function unitsIn(store: CorpusStore, language: Lang): number {
  let counts = unitsCache.get(store);
  if (!counts) {
    counts = new Map();
    for (const d of store.documents()) counts.set(d.language, (counts.get(d.language) ?? 0) + store.paragraphs(d.id).length);
    unitsCache.set(store, counts);
  }
  return counts.get(language) ?? 0;
}

/** Robertson–Spärck Jones IDF over `n` units (as Bm25Index.idf over the whole index). */
const idfOver = (df: number, n: number) => Math.log(1 + (Math.max(0, n - df) + 0.5) / (Math.min(df, n) + 0.5));

/**
 * The units a term's IDF is read over: with `idfPerLanguage`, those written in the language the term is a word of
 * (the question's, or the other one for a rendering in the other language), since units in another language
 * never hold it; adding English documents must not make every French word rarer. Else the whole index.
 */
export function idfUnits(store: CorpusStore, lexical: Bm25Index, params: RankingParams, language?: Lang): (translated: boolean) => number {
  if (!params.idfPerLanguage || !language) return () => lexical.size;
  const own = unitsIn(store, language);
  const other = unitsIn(store, language === 'fr' ? 'en' : 'fr');
  return (translated) => (translated ? other : own) || lexical.size;
}

/**
 * The query sent to BM25: each term at its highest concept weight, grouped by that concept (a concept's renderings
 * score as one disjunction), the most informative first, at most `maxQueryTerms`. Weights are scaled so that BM25
 * scores each term with its IDF over `units` (see {@link idfUnits}); `idf` (read by rank's coverage and decide) stays
 * the whole index's, on which decide's thresholds were fitted.
 */
export function lexicalQuery(
  e: Expansion,
  lexical: Bm25Index,
  params: RankingParams,
  units: (translated: boolean) => number = () => lexical.size,
): { query: WeightedTerm[]; idf: Map<string, number> } {
  const idf = new Map<string, number>();
  const scoring = new Map<string, number>();
  const best = new Map<string, { weight: number; group: number }>();
  const native = new Set(e.concepts.flatMap((c) => c.terms.filter((t) => !t.translated).map((t) => t.term)));
  e.concepts.forEach((c, group) => {
    for (const t of c.terms) {
      if ((best.get(t.term)?.weight ?? 0) < t.weight) best.set(t.term, { weight: t.weight, group });
      if (idf.has(t.term)) continue;
      const known = lexical.has(t.term);
      idf.set(t.term, known ? lexical.idf(t.term) : 0);
      if (known) scoring.set(t.term, idfOver(lexical.df(t.term), units(!native.has(t.term))) / lexical.idf(t.term));
    }
  });
  const query = [...best]
    .filter(([, b]) => b.weight > 0)
    .map(([term, b]) => ({ term, weight: b.weight * (scoring.get(term) ?? 1), group: b.group }))
    .sort((a, b) => b.weight * idf.get(b.term)! - a.weight * idf.get(a.term)!)
    .slice(0, params.maxQueryTerms);
  return { query, idf };
}

/**
 * The named documents' own best units, when the top candidates hold fewer than `namedDocumentCandidates` of them: a
 * document the question names must compete with its best units, not with whichever of them other documents' units
 * left in the top `candidates` (its boost only applies to the units retrieved). Read from a deeper search
 * (`namedDocumentSearchDepth`); empty when no document is named.
 */
function namedDocumentHits(e: Expansion, deps: RetrieveDeps, params: RankingParams, query: WeightedTerm[], hits: Bm25Hit[]): Bm25Hit[] {
  const named = new Set([...e.documentBoost].filter(([, b]) => b >= params.namedDocumentBoost).map(([id]) => id));
  if (!named.size || params.namedDocumentCandidates <= 0) return [];
  const inNamed = (h: Bm25Hit) => named.has(deps.store.at(h.doc).documentId);
  if (hits.filter(inNamed).length >= params.namedDocumentCandidates) return [];
  const seen = new Set(hits.map((h) => h.doc));
  return deps.lexical
    .search(query, params.namedDocumentSearchDepth, { b: params.bm25B, tieBreaker: params.conceptTieBreaker })
    .filter((h) => !seen.has(h.doc) && inNamed(h))
    .slice(0, params.namedDocumentCandidates);
}

/**
 * The question with the words of a title it picks its document by (title share at least `titleMatchFloor`, no
 * document named) weighted `titleWordWeight` in BM25, as expand weighs a named document's name words: they pick the
 * document (rank's title factor), not the unit, so units that repeat the title do not outrank the one that answers.
 */
function muteTitleWords(e: Expansion, deps: RetrieveDeps, params: RankingParams): Expansion {
  if (params.titleWordWeight >= 1 || [...e.documentBoost.values()].some((b) => b >= params.namedDocumentBoost)) return e;
  const words = new Set<string>();
  for (const t of titleEvidence(e, deps.store, deps.lexical).values()) if (t.share >= params.titleMatchFloor) for (const w of t.terms) words.add(w);
  if (!words.size) return e;
  const concepts = e.concepts.map((c) => (!c.fromHistory && c.terms.some((t) => words.has(t.term)) ? { ...c, terms: c.terms.map((t) => ({ ...t, weight: t.weight * params.titleWordWeight })) } : c));
  return { ...e, concepts };
}

/** Lexical hits of the question: the original field, fused with the translated field when there is one and the question's language is known (may add to `idf`). */
function lexicalHits(e: Expansion, deps: RetrieveDeps, params: RankingParams, query: WeightedTerm[], idf: Map<string, number>, language?: Lang): FusedHit[] {
  const top = deps.lexical.search(query, params.candidates, { b: params.bm25B, tieBreaker: params.conceptTieBreaker });
  const hits = [...top, ...namedDocumentHits(e, deps, params, query, top)].map((h) => ({ doc: h.doc, score: h.score, matched: h.matched.map((qi) => query[qi].term) }));
  if (!deps.translated || !language) return hits;
  const tq = translatedQuery(e.concepts, language, deps.translated, params.maxQueryTerms);
  return fuseTranslated(hits, deps.translated.search(tq.query, params.candidates), tq, deps.translated, idf, params.candidates);
}

/** Nearest paragraphs by vector for an embedding in flight; null when the query could not be embedded or searched. */
async function denseCandidates(vector: Promise<number[]>, deps: RetrieveDeps, k: number): Promise<Array<{ documentId: string; label: string; score: number }> | null> {
  try {
    const hits = await deps.vectorStore!.similaritySearchVectorWithScore(await vector, k);
    return hits.map(([doc, score]) => ({ documentId: String(doc.metadata.documentId), label: String(doc.metadata.label ?? doc.metadata.paragraph), score }));
  } catch (err) {
    deps.onDenseError?.(err);
    return null;
  }
}

/**
 * Candidates of a question, by index position, with lexical and dense scores and ranks. `language` (the question's)
 * lets the translated field, when there is one, be searched with the question's own words.
 * @example
 * const r = await retrieve(expansion, deps, DEFAULT_RANKING_PARAMS);
 * r.candidates[0].lexicalScore
 */
export async function retrieve(e: Expansion, deps: RetrieveDeps, params: RankingParams, language?: Lang): Promise<Retrieved> {
  const units = idfUnits(deps.store, deps.lexical, params, language);
  const { query, idf } = lexicalQuery(muteTitleWords(e, deps, params), deps.lexical, params, units);
  const byPosition = new Map<number, Candidate>();
  const lexical = () =>
    lexicalHits(e, deps, params, query, idf, language).forEach((h, rank) => byPosition.set(h.doc, { position: h.doc, lexicalScore: h.score, lexRank: rank, matched: new Set(h.matched) }));
  let mode = deps.mode;
  // The query is embedded while BM25 runs (an embedding worker pool computes it off the event loop).
  const vector = mode !== 'lexical' && deps.vectorStore && deps.embeddings ? deps.embeddings.embedQuery(e.searchText) : null;
  vector?.catch(() => {});
  if (mode !== 'dense') lexical();
  if (vector) {
    const dense = await denseCandidates(vector, deps, params.candidates);
    if (dense === null) {
      if (mode === 'dense') lexical();
      mode = 'lexical';
    } else
      dense.forEach((d, rank) => {
        const p = deps.store.paragraph(d.documentId, d.label);
        if (!p) return;
        const position = deps.store.positionOf(p);
        const cur = byPosition.get(position) ?? { position, lexicalScore: 0, matched: new Set<string>() };
        byPosition.set(position, { ...cur, denseScore: d.score, denseRank: rank });
      });
  }
  return { mode, candidates: [...byPosition.values()], idf };
}
