/**
 * Stage 6, `compose`: turns a decision into words — the answerer's (extractive or LLM) for an answer, the
 * refusal's for an abstention. It composes only; whether to answer was decided before. Web-standard.
 */
import type { Answerer, AnswerInput, AnswerResult } from '../answer/answerer.js';
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { ChatTurn } from '../types.js';
import type { RankingParams } from './params.js';
import { refusal } from './refusals.js';
import type { Analysis, Decision, Expansion } from './types.js';

/**
 * What a concept may gloss: its own terms and its confident renderings, those within `minShare` of its strongest one (a
 * word's other senses — "boarding" → « établir » through « établi », a board — are search terms, not its meaning).
 */
function glossOf(c: Expansion['concepts'][number], minShare: number): { source: string; terms: string[]; weights: number[] } {
  const best = Math.max(0, ...c.terms.filter((t) => t.translated).map((t) => t.weight));
  const kept = c.terms.filter((t) => !t.translated || t.weight >= minShare * best);
  return { source: c.source, terms: kept.map((t) => t.term), weights: kept.map((t) => t.weight) };
}

/** The answerer's input for a decision to answer: the chosen passages, the question's own terms, answer type, list. */
export function answerInput(a: Analysis, e: Expansion, d: Extract<Decision, { answer: true }>, history: ChatTurn[], question: string, params: RankingParams): AnswerInput {
  const own = e.concepts.filter((c) => !c.fromHistory && (c.importance ?? 1) > params.quoteTermMinImportance);
  const queryTerms = [...new Set(own.flatMap((c) => c.terms.map((t) => t.term)))];
  const concepts = own.filter((c) => (c.importance ?? 1) >= params.complementMinImportance && c.terms.length).map((c) => c.terms.map((t) => t.term));
  const glosses = own.filter((c) => c.terms.length && c.source).map((c) => glossOf(c, params.glossMinShare));
  return {
    question: a.cleanQuestion || question,
    language: a.language,
    history,
    passages: d.passages,
    queryTerms,
    concepts,
    glosses,
    listQuestion: d.listQuestion,
    ...(a.expects ? { expects: a.expects } : {}),
  };
}

/** The result of an abstention, in the question's language. */
export function refusalResult(d: Extract<Decision, { answer: false }>, a: Analysis, store: CorpusStore): AnswerResult {
  return { answer: refusal(d.reason, d.detail, a.language, store), abstained: true, citations: [] };
}

/**
 * Composes the answer (or the refusal) of a decision.
 * @example
 * const result = await compose(decision, input, answerer, store);
 */
export async function compose(d: Decision, input: AnswerInput | null, a: Analysis, answerer: Answerer, store: CorpusStore, signal?: AbortSignal): Promise<AnswerResult> {
  if (!d.answer || !input) return refusalResult(d as Extract<Decision, { answer: false }>, a, store);
  return answerer.answer(input, signal);
}
