/**
 * Stage 5, `decide`: the one place that chooses between answering and abstaining, with a reason code.
 * Signals: request type, missing references, questions about the present, names the corpus never mentions,
 * best-paragraph coverage of the question's concepts, and whether the best paragraphs hold the answer type
 * asked for. Thresholds come from `RankingParams`. Web-standard, pure.
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import { unitOf } from '../corpus/units.js';
import type { Bm25Index } from '../retrieval/bm25-index.js';
import type { DocumentCues } from '../retrieval/document-cues.js';
import { terms, wordsPattern } from '../text/analyzer.js';
import { documentsOf } from './decide-documents.js';
import { unknownNames } from './decide-names.js';
import type { RankingParams } from './params.js';
import { checkedAnswerTypesOf } from './answer-types-memo.js';
import { holdsAnswerType } from './request-type.js';
import type { AbstentionDetail, Analysis, CheckedAnswerType, Decision, Expansion, ScoredPassage } from './types.js';

export interface DecideDeps {
  store: CorpusStore;
  lexical: Bm25Index;
  translated?: Bm25Index | null;
  cues: DocumentCues;
}

/**
 * Questions that ask for several items ("Quelles mesures…", "What are the…", "Which resolutions…", "In what situations…",
 * "What two exceptional powers…"): in English, "what" or "which" right before a plural noun, or before a number and up to
 * two words, the verbs that follow "what" ("what does", "what happens") excepted.
 */
const LIST_QUESTION = wordsPattern(
  'quel(?:le)?s|lesquel(?:le)?s|combien|what are|(?:what|which)\\s+(?:(?:two|three|four|five|several|\\d+)\\s+(?:\\p{L}+\\s+){0,2})?(?!(?:does|is|was|has|happens|means|applies|counts|this|its)\\b)\\p{L}{3,}s|list|enumerate|énumér\\p{L}*',
);

/**
 * True when a question asks for several items.
 * @example
 * asksForList('In what situations can the Governor in Council act?') // true
 * asksForList('Which court hears the appeal?') // false
 */
export const asksForList = (question: string) => LIST_QUESTION.test(question);

function missingDetail(a: Analysis, store: CorpusStore): AbstentionDetail['missing'] {
  return a.missingReferences.map((m) => {
    const document = m.documentId ? store.document(m.documentId) : undefined;
    const unit = m.unit ?? document?.unit ?? 'paragraph';
    const numbers = document
      ? store
          .paragraphs(document.id)
          .filter((p) => p.kind === 'numbered' && unitOf(p) === unit)
          .map((p) => p.label)
      : [];
    return { label: m.label, unit, ...(document ? { documentId: document.id } : {}), ...(numbers.length ? { range: [numbers[0], numbers[numbers.length - 1]] as [string, string] } : {}) };
  });
}

/** The word a count asks about: "how many *States*", « combien d'*États* » (a connector or article after it is skipped). */
const COUNTED = /(?<![\p{L}])(?:how many|combien (?:de |d'|d’))\s*(?:(?:of the|of|des|de la|de|d'|d’)\s+)?([\p{L}-]{3,})/iu;

/** The search terms of the thing a count asks about, when the question names it and expand made a concept of it. */
function countedTerms(a: Analysis, e: Expansion): Set<string> | undefined {
  const word = COUNTED.exec(a.cleanQuestion)?.[1]?.toLowerCase();
  const concept = word ? e.concepts.find((c) => !c.fromHistory && c.terms.length && c.source.split(' ').includes(word)) : undefined;
  return concept ? new Set(concept.terms.map((t) => t.term)) : undefined;
}

/** True when a unit speaks of the thing counted: one of its terms is in the unit's text (analysed in its document's language) or was matched in it. */
function counts(p: ScoredPassage, counted: Set<string>): boolean {
  return p.matchedTerms?.some((t) => counted.has(t)) === true || terms(p.paragraph.text, p.document.language, { accentVariants: true }).some((t) => counted.has(t));
}

const abstain = (reason: Extract<Decision, { answer: false }>['reason'], detail: AbstentionDetail = {}): Decision => ({ answer: false, reason, detail });

/** What `decide` weighs once the hard signals (request type, references, present, unknown names) let the question through. */
export interface SoftSignals {
  /** Coverage of the question's concepts by the best paragraph, 0–1. */
  coverage: number;
  /** The first answer type required (`checkedAnswerTypes`), if any, and whether the paragraphs that would be cited hold every one required. */
  expects?: CheckedAnswerType;
  typeHeld: boolean;
  /** The first required type no paragraph that would be cited holds (what a refusal names). */
  missingType?: CheckedAnswerType;
  /** Acronyms of the question no term renders, over a text in the other language (no evidence either way). */
  inconclusive: number;
}

/** The signals of a question: a hard decision (answer an explicit reference, or abstain with a reason), or the soft signals. */
export type DecisionSignals = { hard: Decision } | { soft: SoftSignals };

/**
 * The signals `decide` combines, for a question and its ranked passages (also read by scripts/fit-abstention.ts).
 * @example
 * const s = decisionSignals(analysis, expansion, passages, deps, params);
 * if ('soft' in s) console.log(s.soft.coverage);
 */
export function decisionSignals(a: Analysis, e: Expansion, passages: ScoredPassage[], deps: DecideDeps, params: RankingParams): DecisionSignals {
  const types = checkedAnswerTypesOf(a.cleanQuestion, a.expects);
  const expects = types[0];
  const counted = types.includes('number') ? countedTerms(a, e) : undefined;
  const holds = (p: ScoredPassage, t: CheckedAnswerType) => holdsAnswerType(p.paragraph.text, t, a.cleanQuestion) && (t !== 'number' || !counted || counts(p, counted));
  const holdTypes = (ps: ScoredPassage[], required = types) => required.every((t) => ps.some((p) => holds(p, t)));
  if (a.explicit.length) {
    const named = passages.filter((p) => p.explicit);
    if (types.length && named.length && !holdTypes(named)) return { hard: abstain('answer_type_missing', { expects: types.find((t) => !holdTypes(named, [t])) }) };
    return { hard: { answer: true, passages, listQuestion: asksForList(a.cleanQuestion) } };
  }
  if (a.offTask) return { hard: abstain('off_task', { offTask: a.offTask }) };
  if (a.missingReferences.length) return { hard: abstain('missing_reference', { missing: missingDetail(a, deps.store) }) };
  if (!passages.length) return { hard: abstain('no_passages') };
  if (a.asksPresent) return { hard: abstain('asks_present', { dates: [...new Set(passages.slice(0, 3).map((p) => p.document.date))] }) };
  const top = passages[0];
  // When the best paragraph is in a document the question names, the answer must come from the named documents.
  const named = a.namedDocuments.includes(top.document.id);
  const cited = passages
    .filter((p) => !named || a.namedDocuments.includes(p.document.id))
    .filter((p) => p.coverage >= top.coverage * params.citeCoverageRatio)
    .slice(0, params.maxCitations);
  // The documents the answer would cite: those of `cited`, and those of the passages compose cites by score (citeScoreRatio).
  const documents = documentsOf([...cited, ...passages.slice(0, params.maxCitations).filter((p) => p.score >= top.score * params.citeScoreRatio)]);
  const names = unknownNames(a, e, passages.slice(0, params.passages), deps, params, documents);
  if (names.unknown.length) return { hard: abstain('unknown_entity', a.injection ? {} : { unknown: names.unknown }) };
  // A penalty or a definition is often stated in a unit of the document other than the best match (the offence and
  // its penalty, a term and the definitions section): any retrieved unit of the documents cited holds it.
  const retrieved = passages.slice(0, params.passages).filter((p) => documents.includes(p.document));
  const pool = (t: CheckedAnswerType) => (t === 'penalty' || t === 'definition' ? [...cited, ...retrieved] : cited);
  const missingType = types.find((t) => !holdTypes(pool(t), [t]));
  const typeHeld = missingType === undefined;
  return {
    soft: { coverage: top.coverage, ...(expects ? { expects } : {}), ...(missingType ? { missingType } : {}), typeHeld, inconclusive: names.inconclusive.length },
  };
}

/**
 * The threshold table on the soft signals, fitted on the training split (scripts/fit-abstention.ts): the least
 * coverage to answer, higher when the answer type asked for is missing from the paragraphs that would be cited,
 * lower by a step per inconclusive acronym (its concept counts as asked, so it lowers coverage without evidence).
 * @example
 * softAbstention({ coverage: 0.1, typeHeld: true, inconclusive: 0 }, params) // 'no_coverage'
 */
export function softAbstention(s: SoftSignals, params: RankingParams): 'no_coverage' | 'answer_type_missing' | undefined {
  const coverage = s.coverage + params.inconclusiveNameCredit * s.inconclusive;
  if (coverage < params.minCoverage) return 'no_coverage';
  if (!s.typeHeld && coverage < params.minCoverageWithoutType) return 'answer_type_missing';
  return undefined;
}

/**
 * When the best passages' documents never mention a name the question holds, the retrieved passages of the first
 * other document that mentions every name, if its best passage keeps `nameFallbackCoverage` of the top coverage: a
 * question about France answered from a French statute ranked below a foreign one, not refused. When the
 * question names documents, only one of them. Documents are looked for among the ranked `candidates` when given
 * (every unit ranked, not only the `passages` cited), else among the top passages; of those that mention every name,
 * the one whose passage covers most of the question (a French statute on exit bans over the French immigration code).
 * @example
 * nameConsistent(analysis, expansion, passages, deps, params) // passages of the one document naming 'France', or undefined
 */
export function nameConsistent(a: Analysis, e: Expansion, passages: ScoredPassage[], deps: DecideDeps, params: RankingParams, candidates?: ScoredPassage[]): ScoredPassage[] | undefined {
  const retrieved = candidates?.length ? candidates.slice(0, Math.max(params.passages, params.nameFallbackDepth)) : passages.slice(0, params.passages);
  const top = retrieved[0];
  if (!top || params.nameFallbackCoverage > 1) return undefined;
  let best: { own: ScoredPassage[]; coverage: number } | undefined;
  for (const doc of documentsOf(retrieved.slice(1))) {
    if (doc === top.document || (a.namedDocuments.length && !a.namedDocuments.includes(doc.id))) continue;
    const own = retrieved.filter((p) => p.document === doc);
    const coverage = Math.max(...own.map((p) => p.coverage));
    if (own[0].coverage < top.coverage * params.nameFallbackCoverage || (best && coverage <= best.coverage)) continue;
    if (!unknownNames(a, e, retrieved, deps, params, [doc]).unknown.length) best = { own, coverage };
  }
  return best?.own.slice(0, params.passages);
}

/** The signals `decide` thresholds, after the name-consistent fallback, and the passages an answer would come from. */
export interface ResolvedSignals {
  signals: DecisionSignals;
  passages: ScoredPassage[];
}

/**
 * `decisionSignals` with the name-consistent fallback applied: when the leading documents never mention a name
 * (unknown_entity), the signals of the passages `nameConsistent` finds, if any, and their refusal otherwise (also
 * read by scripts/fit-abstention.ts, which so fits the thresholds on what `decide` actually weighs).
 * @example
 * const { signals, passages: used } = resolvedSignals(analysis, expansion, passages, deps, params);
 */
export function resolvedSignals(a: Analysis, e: Expansion, passages: ScoredPassage[], deps: DecideDeps, params: RankingParams, candidates?: ScoredPassage[]): ResolvedSignals {
  const first = decisionSignals(a, e, passages, deps, params);
  const refused = 'hard' in first && first.hard.answer === false && first.hard.reason === 'unknown_entity' ? first : undefined;
  const fallback = refused ? nameConsistent(a, e, passages, deps, params, candidates) : undefined;
  if (!refused || !fallback) return { signals: first, passages };
  const s = decisionSignals(a, e, fallback, deps, params);
  return 'hard' in s && s.hard.answer === false ? { signals: refused, passages } : { signals: s, passages: fallback };
}

/**
 * Answers or abstains.
 * @example
 * const d = decide(analysis, expansion, passages, deps, DEFAULT_RANKING_PARAMS);
 * if (!d.answer) console.log(d.reason); // 'no_coverage'
 */
export function decide(a: Analysis, e: Expansion, passages: ScoredPassage[], deps: DecideDeps, params: RankingParams, candidates?: ScoredPassage[]): Decision {
  const { signals: s, passages: used } = resolvedSignals(a, e, passages, deps, params, candidates);
  if ('hard' in s) return s.hard;
  const reason = softAbstention(s.soft, params);
  if (reason) return abstain(reason, reason === 'answer_type_missing' && s.soft.missingType ? { expects: s.soft.missingType } : {});
  return { answer: true, passages: used, listQuestion: asksForList(a.cleanQuestion) };
}
