/**
 * Stage 4, `rank`: scores candidates — concept coverage, document and conversation multipliers, answer-type
 * boost, fusion of lexical and dense ranks, proximity of consecutive concepts — and puts explicitly named
 * paragraphs first. Web-standard, pure (caches are per paragraph, keyed weakly).
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { Bm25Index } from '../retrieval/bm25-index.js';
import { terms } from '../text/analyzer.js';
import type { Lang, Paragraph } from '../types.js';
import type { RankingParams } from './params.js';
import { narrowExplicit, type TitleEvidence, titledInstead, titleEvidence, titleFactor } from './rank-documents.js';
import { holdsAnswerType } from './request-type.js';
import type { Analysis, Candidate, Expansion, Retrieved, ScoredPassage } from './types.js';

export interface RankDeps {
  store: CorpusStore;
  lexical: Bm25Index;
}

const positionsCache = new WeakMap<Paragraph, Map<string, number[]>>();

function positions(p: Paragraph, lang: Lang): Map<string, number[]> {
  let map = positionsCache.get(p);
  if (!map) {
    const m = new Map<string, number[]>();
    terms(p.text, lang).forEach((t, i) => m.set(t, [...(m.get(t) ?? []), i]));
    positionsCache.set(p, m);
    map = m;
  }
  return map;
}

/** Per concept: its weight in coverage and the share of it each of its indexed terms earns when matched. */
function conceptShares(e: Expansion, idf: ReadonlyMap<string, number>, maxIdf: number, params: RankingParams) {
  return e.concepts.map((c) => {
    const known = c.terms.filter((t) => (idf.get(t.term) ?? 0) > 0);
    const best = known.length ? Math.max(...known.map((t) => idf.get(t.term)!)) : 0;
    return { weight: (c.importance ?? 1) * (known.length ? best : maxIdf * params.unknownConceptWeight), terms: known.map((t) => [t.term, idf.get(t.term)! / best] as const) };
  });
}

/** Multiplier for paragraphs where consecutive concepts of the question (`asked`) stand next to each other ("financement du terrorisme"). */
function proximityFactor(asked: Expansion['concepts'], p: ScoredPassage, params: RankingParams): number {
  if (asked.length < 2) return 1;
  const pos = positions(p.paragraph, p.document.language);
  let hits = 0;
  for (let i = 1; i < asked.length; i++) if (near(asked[i - 1], asked[i], pos, params.proximityWindow)) hits++;
  return 1 + params.proximityBonus * Math.min(hits, params.proximityMaxPairs);
}

/** True when a position of a term of `a` and one of a term of `b` differ, by at most `window` (no list is built: it runs per candidate; positions ascend). */
function near(a: Expansion['concepts'][number], b: Expansion['concepts'][number], pos: ReadonlyMap<string, number[]>, window: number): boolean {
  for (const ta of a.terms) {
    const xs = pos.get(ta.term);
    if (!xs) continue;
    for (const tb of b.terms) {
      const ys = pos.get(tb.term);
      if (!ys) continue;
      if (within(xs, ys, window)) return true;
    }
  }
  return false;
}

/** True when ascending `xs` and `ys` hold two different positions at most `window` apart (one pass over each). */
function within(xs: readonly number[], ys: readonly number[], window: number): boolean {
  let j = 0;
  for (const x of xs) {
    while (j < ys.length && ys[j] < x - window) j++;
    for (let k = j; k < ys.length && ys[k] <= x + window; k++) if (ys[k] !== x) return true;
  }
  return false;
}

/** Per document, the multiplier of its units: expand's (named, conversation, partial cue), unless the question names another document by its whole title (see {@link titledInstead}). */
function documentMultipliers(a: Analysis, e: Expansion, titles: ReadonlyMap<string, TitleEvidence>, params: RankingParams): (documentId: string) => number {
  const instead = titledInstead(a.namedDocuments, titles, params);
  const other = a.namedDocuments.length ? params.otherDocumentDamp : 1;
  if (!instead) return (id) => e.documentBoost.get(id) ?? other;
  return (id) => (id === instead ? params.namedDocumentBoost : params.otherDocumentDamp);
}

/** Multiplier of a unit holding the date asked for ("when"). */
function typeFactor(a: Analysis, text: string, params: RankingParams): number {
  return a.expects === 'date' && holdsAnswerType(text, 'date') ? params.answerTypeBoost : 1;
}

/**
 * The units of the leading unit's document that hold the other answer type asked (a number, a length of time, a sum,
 * a body) re-scored by `answerTypesBoost`: within the document the question is about, the unit that holds the answer
 * leads the ones that only share its words; other documents are left alone (a number anywhere is no evidence).
 */
function typedInLeadingDocument(a: Analysis, sorted: ScoredPassage[], params: RankingParams): ScoredPassage[] {
  const type = a.expects;
  const lead = sorted[0]?.document.id;
  if (!type || type === 'date' || params.answerTypesBoost === 1 || !lead) return sorted;
  const typed = (p: ScoredPassage) => p.document.id === lead && holdsAnswerType(p.paragraph.text, type);
  return sorted.map((p) => (typed(p) ? { ...p, score: p.score * params.answerTypesBoost } : p)).sort(byScore);
}

function score(
  a: Analysis,
  e: Expansion,
  r: Retrieved,
  c: Candidate,
  coverageRaw: number,
  deps: RankDeps,
  params: RankingParams,
  titles: ReadonlyMap<string, number>,
  multiplier: (documentId: string) => number,
): ScoredPassage {
  const paragraph = deps.store.at(c.position);
  const document = deps.store.document(paragraph.documentId)!;
  const inContext = e.followUpRefs.some((x) => x.documentId === document.id && x.label === paragraph.label);
  const coverage = e.followUp && inContext ? Math.max(params.contextCoverageFloor, coverageRaw) : coverageRaw;
  // The score reads coverage lowered for a long unit; decide reads the unit's whole coverage.
  const scoring = coverage * lengthFactor(paragraph.text.length, params);
  const context = inContext ? (e.followUp ? params.contextParagraphBoostFollowUp : params.contextParagraphBoost) : 0;
  const typed = typeFactor(a, paragraph.text, params);
  const titled = a.namedDocuments.length ? 1 : titleFactor(titles.get(document.id) ?? 0, params);
  const boost = (multiplier(document.id) + context) * typed * titled;
  let s: number;
  if (r.mode === 'lexical') s = c.lexicalScore * boost * (params.coverageOffset + scoring);
  else if (r.mode === 'dense') s = (c.denseScore ?? 0) * boost;
  else s = ((c.lexRank !== undefined ? 1 / (params.rrfK + c.lexRank) : 0) + (c.denseRank !== undefined ? 1 / (params.rrfK + c.denseRank) : 0)) * boost;
  return { paragraph, document, score: s, coverage, lexicalScore: c.lexicalScore, ...(c.denseScore !== undefined ? { denseScore: c.denseScore } : {}), matchedTerms: [...c.matched] };
}

/**
 * Multiplier of a unit's coverage in its score: (lengthCoverageChars / length)^lengthCoverageExponent above that
 * length, else 1. A statute section of 7,000 characters holds most words of a question somewhere; BM25 normalises
 * its term frequencies, not the share of the question's concepts it holds.
 * @example
 * lengthFactor(7000, { ...DEFAULT_RANKING_PARAMS, lengthCoverageChars: 3500, lengthCoverageExponent: 1 }) // 0.5
 */
export function lengthFactor(length: number, params: RankingParams): number {
  if (!params.lengthCoverageChars || length <= params.lengthCoverageChars) return 1;
  return (params.lengthCoverageChars / length) ** params.lengthCoverageExponent;
}

const byScore = (x: ScoredPassage, y: ScoredPassage) => y.score - x.score || x.paragraph.index - y.paragraph.index;

/**
 * Ranks the candidates of a question, best first; explicitly named paragraphs lead.
 * @example
 * const passages = rank(analysis, expansion, retrieved, deps, DEFAULT_RANKING_PARAMS);
 */
export function rank(a: Analysis, e: Expansion, r: Retrieved, deps: RankDeps, params: RankingParams): ScoredPassage[] {
  const maxIdf = Math.log(1 + (deps.lexical.size + 0.5) / 0.5);
  const shares = conceptShares(e, r.idf, maxIdf, params);
  const evidence = titleEvidence(e, deps.store, deps.lexical);
  const titles = new Map([...evidence].map(([id, t]) => [id, t.share]));
  const multiplier = documentMultipliers(a, e, evidence, params);
  const total = shares.reduce((sum, c) => sum + c.weight, 0) || 1;
  const scored = r.candidates.map((c) => {
    let sum = 0;
    for (const share of shares) {
      let best = 0;
      for (const [term, part] of share.terms) if (part > best && c.matched.has(term)) best = part;
      sum += share.weight * best;
    }
    return score(a, e, r, c, sum / total, deps, params, titles, multiplier);
  });
  const typed = typedInLeadingDocument(a, scored.sort(byScore), params);
  const asked = e.concepts.filter((c) => !c.fromHistory && (c.importance ?? 1) >= 0.5 && c.terms.length);
  // The passages are this call's own (built by `score`): the leading ones are re-scored in place, not copied.
  for (const p of typed.slice(0, params.proximityCandidates)) p.score = p.score * proximityFactor(asked, p, params);
  const passages = typed.sort(byScore);
  if (!a.explicit.length) return passages;
  const top = passages[0]?.score ?? 1;
  const resolved: ScoredPassage[] = a.explicit.map((ref, i) => {
    const paragraph = deps.store.paragraph(ref.documentId, ref.label)!;
    const found = passages.find((p) => p.paragraph === paragraph);
    return { ...(found ?? { paragraph, document: deps.store.document(ref.documentId)!, lexicalScore: 0, matchedTerms: [] }), score: top + a.explicit.length - i, explicit: true, coverage: 1 };
  });
  const kept = narrowExplicit(a, resolved, titles, params);
  const explicit = resolved.filter((p) => kept.has(p));
  return [...explicit, ...passages.filter((p) => !explicit.some((x) => x.paragraph === p.paragraph))];
}
