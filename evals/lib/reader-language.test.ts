import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../server/types.js';
import { keyFactsInReaderLanguage, outsideOriginals } from './reader-language.js';
import { scoreItem } from './score.js';
import type { EvalItem } from './suite.js';

const B = 'osce-bucharest-plan-2001';
const TEXT = 'Ils veilleront à ce que le statut de réfugié ne soit pas accordé. L’asile n’est pas accordé aux terroristes.';
const item: EvalItem = {
  id: 'q',
  language: 'en',
  type: 'single-fact',
  question: 'Is asylum granted to terrorists?',
  referenceAnswer: '',
  gold: [{ documentId: B, paragraph: '26' }],
  keyFacts: ['asylum|asile', 'not granted|pas accordé'],
};
const languages = new Map([[B, 'fr' as const]]);

function response(answer: string, quote = 'L’asile n’est pas accordé aux terroristes.'): ChatResponse {
  return {
    answer,
    language: 'en',
    abstained: false,
    citations: [{ ref: 1, documentId: B, documentTitle: 'Plan', paragraph: '26', text: TEXT, quote }],
    retrieval: { mode: 'lexical', passages: [{ documentId: B, paragraph: '26', score: 1 }] },
  };
}

describe('key facts in the reader’s language', () => {
  it('removes the quoted original (whole unit, quote or any of its sentences) from the answer', () => {
    const out = outsideOriginals(`According to the plan (§26), the text states (French original): « L’asile n’est pas accordé aux terroristes. » [1]`, response('').citations);
    expect(out).not.toContain('asile');
    expect(out).toContain('according to the plan');
  });

  it('counts only the facts stated in the English frame, glosses or translation', () => {
    const quoteOnly = response('The text states (French original): « L’asile n’est pas accordé aux terroristes. » [1]');
    expect(keyFactsInReaderLanguage(item, quoteOnly, languages, true)).toBe(0);
    const glossed = response(`${quoteOnly.answer}\n\nKey terms of the quoted French text (glosses …): asile → asylum.`);
    expect(keyFactsInReaderLanguage(item, glossed, languages, true)).toBe(0.5);
    const translated = response(`${quoteOnly.answer}\nMachine translation (x; not authoritative): “Asylum is not granted to terrorists.”`);
    expect(keyFactsInReaderLanguage(item, translated, languages, true)).toBe(1);
  });

  it('is null on same-language questions and when no answer is expected; 0 on a wrong abstention', () => {
    expect(keyFactsInReaderLanguage({ ...item, language: 'fr' }, response('x'), languages, true)).toBeNull();
    expect(keyFactsInReaderLanguage(item, response('x'), languages, false)).toBeNull();
    expect(keyFactsInReaderLanguage(item, response('x'), new Map(), true)).toBeNull();
    expect(keyFactsInReaderLanguage(item, { ...response('x'), abstained: true }, languages, true)).toBe(0);
  });

  it('reaches the item score when the scorer knows the documents’ languages', () => {
    const r = response('Asylum is not granted: « L’asile n’est pas accordé aux terroristes. » [1]');
    expect(scoreItem(item, r, new Set([`${B}#26`]), undefined, languages).score.keyFactsTargetLanguage).toBe(1);
    expect(scoreItem(item, r, new Set([`${B}#26`])).score.keyFactsTargetLanguage).toBeNull();
  });
});
