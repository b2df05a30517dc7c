/**
 * Deterministic promptfoo `javascript` assertions, sharing the scoring rules of evals/run.ts.
 * Referenced from promptfooconfig.yaml as `file://assertions.ts:<name>`; each receives the parsed
 * ChatResponse (`transformResponse: json`) and the test's vars.
 */
import type { ChatResponse } from '../../server/types.js';
import { refKey } from '../lib/metrics.js';
import { scoreItem, type ItemOutcome } from '../lib/score.js';
import type { EvalItem } from '../lib/suite.js';

interface AssertionContext {
  vars: Record<string, string>;
}
interface GradingResult {
  pass: boolean;
  score: number;
  reason: string;
}

function itemOf(vars: Record<string, string>): EvalItem {
  return {
    id: vars.id,
    language: vars.language as EvalItem['language'],
    type: vars.type as EvalItem['type'],
    question: vars.question,
    history: JSON.parse(vars.historyJson || '[]') as EvalItem['history'],
    referenceAnswer: '',
    gold: JSON.parse(vars.goldJson || '[]') as EvalItem['gold'],
    keyFacts: JSON.parse(vars.keyFactsJson || '[]') as string[],
    mustAbstain: vars.mustAbstain === 'true',
    mustNotContain: JSON.parse(vars.mustNotContainJson || '[]') as string[],
  };
}

function asResponse(output: unknown): ChatResponse | null {
  const o =
    typeof output === 'string'
      ? (() => {
          try {
            return JSON.parse(output) as unknown;
          } catch {
            return null;
          }
        })()
      : output;
  if (!o || typeof o !== 'object' || typeof (o as ChatResponse).answer !== 'string' || !Array.isArray((o as ChatResponse).citations)) return null;
  return o as ChatResponse;
}

function outcome(output: unknown, context: AssertionContext): { item: EvalItem; response: ChatResponse | null; result: ItemOutcome } {
  const item = itemOf(context.vars);
  const response = asResponse(output);
  const existing = new Set((response?.retrieval?.passages ?? []).map(refKey));
  return { item, response, result: scoreItem(item, response, existing, response ? undefined : 'the output is not a ChatResponse') };
}

const verdict = (reasons: string[], okReason: string): GradingResult => (reasons.length ? { pass: false, score: 0, reason: reasons.join('; ') } : { pass: true, score: 1, reason: okReason });

/**
 * Citations: none outside the retrieved passages, and a gold paragraph cited when an answer is expected.
 * @example
 * citations({ answer: '…', citations: [], … }, { vars }) // { pass, score, reason }
 */
export function citations(output: unknown, context: AssertionContext): GradingResult {
  const { result } = outcome(output, context);
  return verdict(
    result.reasons.filter((r) => /citation|gold paragraph|request failed/.test(r)),
    'citations valid',
  );
}

/**
 * Key facts: every key fact in answer + quotes (accent/case-insensitive), when an answer is expected.
 * @example
 * keyFacts(output, { vars }) // { pass: true, score: 1, reason: 'key facts found' }
 */
export function keyFacts(output: unknown, context: AssertionContext): GradingResult {
  const { result } = outcome(output, context);
  return verdict(
    result.reasons.filter((r) => /key facts|request failed/.test(r)),
    result.score.keyFacts === null ? 'no key fact expected' : 'key facts found',
  );
}

/**
 * Abstention and injections: abstains when it must, answers when it should, never echoes forbidden text.
 * @example
 * abstention(output, { vars }) // { pass: false, score: 0, reason: 'answered but should have abstained' }
 */
export function abstention(output: unknown, context: AssertionContext): GradingResult {
  const { result } = outcome(output, context);
  return verdict(
    result.reasons.filter((r) => /abstain|forbidden|request failed/.test(r)),
    result.score.abstained ? 'abstained' : 'answered',
  );
}

/**
 * Language: the answer is in the language of the question.
 * @example
 * language(output, { vars }) // { pass: true, score: 1, reason: 'language fr' }
 */
export function language(output: unknown, context: AssertionContext): GradingResult {
  const { result, response } = outcome(output, context);
  return verdict(
    result.reasons.filter((r) => /answer language|request failed/.test(r)),
    `language ${response?.language}`,
  );
}
