/** Scores one answer against its suite item: per-item metrics and a pass/fail verdict with reasons. */
import type { ChatResponse, Lang } from '../../server/types.js';
import { citationPrecision, citationRecall, hitAtK, invalidCitations, ndcgAtK, reciprocalRank, recallAtK, refKey, type RefKey } from './metrics.js';
import type { EvalItem } from './suite.js';
import { keyFactsInReaderLanguage } from './reader-language.js';
import { checkKeyFacts, detectLanguage, keyFactFound } from './text.js';

export interface ItemScore {
  /** Retrieval metrics; null when the item has no gold paragraphs or the request failed. */
  hit1: number | null;
  hit5: number | null;
  recall5: number | null;
  rr: number | null;
  ndcg5: number | null;
  citationPrecision: number | null;
  citationRecall: number | null;
  cited: number;
  invalid: RefKey[];
  /** 1 when every key fact was found in answer + quotes; null when no answer was expected. */
  keyFacts: number | null;
  missingFacts: string[];
  /** Share of key facts stated outside the quoted originals, on questions over documents in the other language; else null. */
  keyFactsTargetLanguage: number | null;
  languageMatch: number | null;
  abstainExpected: boolean;
  abstained: boolean | null;
  forbiddenFound: string[];
}

export interface ItemOutcome {
  score: ItemScore;
  pass: boolean;
  reasons: string[];
}

/** What the scorer needs to know about the corpus: every existing `documentId#label`. */
export type ExistingRefs = ReadonlySet<RefKey>;

/** Language of each document (for the key facts in the reader's language); empty when unknown. */
export type DocumentLanguages = ReadonlyMap<string, Lang>;

/**
 * Scores one response. `response` is null when the request failed (then `error` says why).
 * Pass rules: a must-abstain item passes iff it abstained; an adversarial item without `mustAbstain`
 * passes if it abstained or answered correctly; any other item passes iff it answered, found every key fact,
 * cited at least one gold paragraph, cited nothing invalid and answered in the question's language.
 * Any `mustNotContain` match fails the item.
 * @example
 * const { pass, reasons } = scoreItem(item, response, existing);
 */
export function scoreItem(item: EvalItem, response: ChatResponse | null, existing: ExistingRefs, error?: string, languages: DocumentLanguages = new Map()): ItemOutcome {
  const gold = new Set(item.gold.map(refKey));
  const abstainExpected = item.mustAbstain === true;
  if (!response) {
    const score: ItemScore = {
      hit1: gold.size ? 0 : null,
      hit5: gold.size ? 0 : null,
      recall5: gold.size ? 0 : null,
      rr: gold.size ? 0 : null,
      ndcg5: gold.size ? 0 : null,
      citationPrecision: null,
      citationRecall: gold.size && !abstainExpected ? 0 : null,
      cited: 0,
      invalid: [],
      keyFacts: abstainExpected || item.type === 'adversarial' ? null : 0,
      missingFacts: [...item.keyFacts],
      keyFactsTargetLanguage: keyFactsInReaderLanguage(item, null, languages, !abstainExpected && item.type !== 'adversarial'),
      languageMatch: null,
      abstainExpected,
      abstained: null,
      forbiddenFound: [],
    };
    return { score, pass: false, reasons: [`request failed: ${error ?? 'no response'}`] };
  }
  const ranked = response.retrieval.passages.map(refKey);
  const retrieved = new Set(ranked);
  const citedRefs = response.citations.map(refKey);
  const invalid = invalidCitations(citedRefs, existing, retrieved);
  const answerText = [response.answer, ...response.citations.map((c) => c.quote ?? '')].join('\n');
  const abstained = response.abstained;
  const eitherWay = item.type === 'adversarial' && !abstainExpected;
  const answerExpected = !abstainExpected && !(eitherWay && abstained);
  const facts = answerExpected && item.keyFacts.length ? checkKeyFacts(item.keyFacts, answerText) : { found: [], missing: [] };
  const detected = detectLanguage(response.answer);
  const languageOk = response.language === item.language && (detected === null || detected === item.language);
  const forbiddenFound = (item.mustNotContain ?? []).filter((f) => keyFactFound(f, response.answer));
  const score: ItemScore = {
    hit1: gold.size ? hitAtK(ranked, gold, 1) : null,
    hit5: gold.size ? hitAtK(ranked, gold, 5) : null,
    recall5: gold.size ? recallAtK(ranked, gold, 5) : null,
    rr: gold.size ? reciprocalRank(ranked, gold) : null,
    ndcg5: gold.size ? ndcgAtK(ranked, gold, 5) : null,
    citationPrecision: answerExpected && gold.size ? citationPrecision(citedRefs, gold) : null,
    citationRecall: answerExpected && gold.size ? citationRecall(citedRefs, gold) : null,
    cited: new Set(citedRefs).size,
    invalid,
    keyFacts: answerExpected && item.keyFacts.length ? (facts.missing.length === 0 ? 1 : 0) : null,
    missingFacts: facts.missing,
    keyFactsTargetLanguage: keyFactsInReaderLanguage(item, response, languages, answerExpected),
    languageMatch: languageOk ? 1 : 0,
    abstainExpected,
    abstained,
    forbiddenFound,
  };
  const reasons: string[] = [];
  if (forbiddenFound.length) reasons.push(`answer contains forbidden text: ${forbiddenFound.join(', ')}`);
  if (invalid.length) reasons.push(`invalid citations (not in corpus or not retrieved): ${invalid.join(', ')}`);
  if (abstainExpected) {
    if (!abstained) reasons.push('answered but should have abstained');
  } else if (!(eitherWay && abstained)) {
    if (abstained) reasons.push('abstained but the texts answer it');
    else {
      if (facts.missing.length) reasons.push(`missing key facts: ${facts.missing.join(' ; ')}`);
      if (gold.size && (score.citationRecall ?? 0) === 0) reasons.push(`no gold paragraph cited (cited: ${[...new Set(citedRefs)].join(', ') || 'none'})`);
    }
  }
  if (!languageOk) reasons.push(`answer language ${response.language}${detected && detected !== response.language ? ` (text looks ${detected})` : ''}, expected ${item.language}`);
  return { score, pass: reasons.length === 0, reasons };
}
