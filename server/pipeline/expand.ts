/**
 * Stage 2, `expand`: the question's concepts with their search terms (cross-lingual and synonym expansion by the
 * glossary, in query-planner.ts), whether it leans on the conversation, the previous turn's concepts, and
 * document multipliers. Web-standard, pure.
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { Bm25Index } from '../retrieval/bm25-index.js';
import type { DocumentCues } from '../retrieval/document-cues.js';
import type { QueryPlanner } from '../retrieval/query-planner.js';
import { isStopWord, terms } from '../text/analyzer.js';
import type { Concept } from '../text/glossary.js';
import type { RankingParams } from './params.js';
import type { Analysis, Expansion } from './types.js';

export interface ExpandDeps {
  store: CorpusStore;
  lexical: Bm25Index;
  cues: DocumentCues;
  /** The expansion itself (glossary, dictionary, cognates): `conceptsOf` and `namePhrases` of query-planner.ts. */
  planner: Pick<QueryPlanner, 'conceptsOf' | 'namePhrases'>;
}

/** Concepts asked by the question itself: not framing words, with a term the index knows. */
function ownContent(concepts: Concept[], deps: ExpandDeps): Concept[] {
  return concepts.filter((c) => (c.importance ?? 1) >= 0.5 && c.terms.some((t) => deps.lexical.has(t.term)));
}

/**
 * True when the question leans on the conversation: it keeps too few concepts of its own to stand alone, or what it
 * asks is found in the paragraphs and question of the previous turn (it talks about what was just cited). Read from
 * the conversation only: no list of pronouns or demonstratives.
 */
function leansOnConversation(a: Analysis, concepts: Concept[], previous: Concept[], deps: ExpandDeps, params: RankingParams): boolean {
  if (!a.previous) return false;
  if (a.namedDocuments.length && !a.namedDocuments.some((d) => a.previous!.refs.some((r) => r.documentId === d) || a.previous!.namedDocuments.includes(d))) return false;
  const words = concepts.filter((c) => !isStopWord(c.source, a.language)).length;
  if (words <= params.followUpMaxOwnConcepts) return true;
  const own = ownContent(concepts, deps);
  if (!own.length) return true;
  const context = new Set(previous.flatMap((c) => c.terms.map((t) => t.term)));
  for (const ref of a.previous.refs) {
    const p = deps.store.paragraph(ref.documentId, ref.label);
    if (p) for (const t of terms(p.text, deps.store.document(ref.documentId)!.language)) context.add(t);
  }
  const shared = own.filter((c) => c.terms.some((t) => context.has(t.term))).length;
  return shared / own.length >= params.followUpContextCoverage;
}

/**
 * Per document, the multiplier of its units when it is not 1: the named documents (the others then take
 * `otherDocumentDamp`, which `rank` reads as the default), else the conversation's and the partially cued ones. Only
 * those documents are visited: the cost does not grow with the corpus.
 */
function documentBoosts(a: Analysis, followUp: boolean, deps: ExpandDeps, params: RankingParams): Map<string, number> {
  const boost = new Map<string, number>();
  const known = (id: string) => deps.store.document(id) !== undefined;
  if (a.namedDocuments.length) {
    for (const id of a.namedDocuments) if (known(id)) boost.set(id, params.namedDocumentBoost);
    return boost;
  }
  const contextDocs = followUp ? (a.previous?.namedDocuments ?? []) : [];
  for (const id of contextDocs) if (known(id)) boost.set(id, params.contextDocumentBoost);
  for (const m of a.cueMatches) if (known(m.documentId) && !boost.has(m.documentId)) boost.set(m.documentId, 1 + Math.min(params.partialCueBoost, params.partialCueBoost * m.score));
  return boost;
}

/** A concept that is the document's title words: all its words in one analyser, or one word rendered by a title word (« Conseil » → council). */
const titleWord = (c: Concept, documentId: string, cues: DocumentCues) => cues.inTitle(c.source, documentId) || (!c.source.includes(' ') && c.terms.some((t) => cues.hasTitleTerm(t.term, documentId)));

/** Words that only name a document the question names ("Plan de Bucarest") weigh little: they choose the document, not the paragraph. */
function muteDocumentNames(concepts: Concept[], a: Analysis, cues: DocumentCues, weight: number): Concept[] {
  let out = concepts;
  for (const documentId of a.namedDocuments) {
    const isName = (c: Concept) =>
      (c.terms.length > 0 && c.terms.every((t) => cues.names(t.term, documentId))) || titleWord(c, documentId, cues) || cues.match(c.source).some((m) => m.documentId === documentId && m.score >= 1);
    const isPart = (c: Concept) => c.terms.length > 0 && c.terms.every((t) => cues.partOfName(t.term, documentId));
    const mute = new Set<number>();
    out.forEach((c, i) => {
      if (!isName(c) || c.fromHistory) return;
      mute.add(i);
      for (let j = i - 1; j >= 0 && isPart(out[j]); j--) mute.add(j);
      for (let j = i + 1; j < out.length && isPart(out[j]) && !out[j].fromHistory; j++) mute.add(j);
    });
    out = out.map((c, i) => (mute.has(i) ? { ...c, importance: weight, terms: c.terms.map((t) => ({ ...t, weight: t.weight * weight })) } : c));
  }
  return out;
}

/**
 * Expands an analysed question into weighted concepts and ranking context.
 * @example
 * const e = expand(analysis, deps, DEFAULT_RANKING_PARAMS);
 * e.concepts.map((c) => c.source) // ['financing', 'terrorism']
 */
export function expand(a: Analysis, deps: ExpandDeps, params: RankingParams): Expansion {
  const own = deps.planner.conceptsOf(a.cleanQuestion, a.language);
  const previous = a.previous ? deps.planner.conceptsOf(a.previous.question, a.previous.language) : [];
  const followUp = leansOnConversation(a, own, previous, deps, params);
  const weight = a.previous ? (followUp ? params.historyWeightFollowUp : params.historyWeight) : 0;
  const history = previous.map((c) => ({
    ...c,
    fromHistory: true,
    importance: (c.importance ?? 1) * weight,
    terms: c.terms.map((t) => ({ ...t, weight: t.weight * weight })),
    source: `(${c.source})`,
  }));
  const concepts = muteDocumentNames([...own, ...history], a, deps.cues, params.documentNameWeight);
  const refs = a.previous?.refs ?? [];
  return {
    concepts,
    followUp,
    followUpRefs: a.namedDocuments.length ? refs.filter((r) => a.namedDocuments.includes(r.documentId)) : refs,
    documentBoost: documentBoosts(a, followUp, deps, params),
    namePhrases: deps.planner.namePhrases(a.cleanQuestion, a.language, concepts),
    searchText: followUp && a.previous ? `${a.previous.question}\n${a.cleanQuestion}` : a.cleanQuestion,
  };
}
