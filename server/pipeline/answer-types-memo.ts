/** The answer types a question asks for, read once per question (`decide` and the extractive answerer both check them). Web-standard. */
import { BoundedMemo } from '../text/bounded-memo.js';
import { checkedAnswerTypes } from './request-type.js';
import type { AnswerType, CheckedAnswerType } from './types.js';

/** The last few questions read (a question and its previous turn; not a cache of questions). */
const lastRead = new BoundedMemo<string, readonly CheckedAnswerType[]>(8);

/**
 * {@link checkedAnswerTypes}, computed once for the last few questions (a fresh list each call).
 * @example
 * checkedAnswerTypesOf('When was the Plan adopted?', 'date') // ['date']
 */
export function checkedAnswerTypesOf(question: string, expects: AnswerType | undefined): CheckedAnswerType[] {
  return [...lastRead.get(`${expects ?? ''}\u0000${question}`, () => checkedAnswerTypes(question, expects))];
}
