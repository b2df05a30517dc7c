import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../server/types.js';
import { aggregate, metricTable, type ScoredItem } from './aggregate.js';
import { scoreItem } from './score.js';
import type { EvalItem } from './suite.js';

const B = 'osce-bucharest-plan-2001';
const existing = new Set([`${B}#4`, `${B}#5`, `${B}#6`, `${B}#24`]);
const item: EvalItem = {
  id: 'q1',
  language: 'fr',
  type: 'single-fact',
  question: 'D’ici quand ?',
  referenceAnswer: '',
  gold: [{ documentId: B, paragraph: '5' }],
  keyFacts: ['31 décembre 2002|December 31, 2002'],
};

function response(over: Partial<ChatResponse> = {}): ChatResponse {
  return {
    answer: 'Selon le paragraphe 5, les États participants s’efforceront de devenir parties aux conventions [1].',
    language: 'fr',
    abstained: false,
    citations: [{ ref: 1, documentId: B, documentTitle: 'Plan', paragraph: '5', text: '…', quote: 'si possible d’ici le 31 décembre 2002' }],
    retrieval: {
      mode: 'lexical',
      passages: [
        { documentId: B, paragraph: '4', score: 2 },
        { documentId: B, paragraph: '5', score: 1 },
      ],
    },
    ...over,
  };
}

describe('scoreItem', () => {
  it('passes a correct, cited answer and computes its retrieval metrics', () => {
    const { score, pass, reasons } = scoreItem(item, response(), existing);
    expect(reasons).toEqual([]);
    expect(pass).toBe(true);
    expect(score).toMatchObject({ hit1: 0, hit5: 1, recall5: 1, rr: 0.5, citationPrecision: 1, citationRecall: 1, keyFacts: 1, languageMatch: 1, cited: 1, invalid: [] });
    expect(score.ndcg5).toBeCloseTo(1 / Math.log2(3), 12);
  });

  it('fails on a missing key fact, a citation that was not retrieved and a wrong language', () => {
    const r = response({
      answer: 'The States will do so by the end of the year [1].',
      language: 'en',
      citations: [{ ref: 1, documentId: B, documentTitle: 'Plan', paragraph: '24', text: '…' }],
    });
    const { pass, reasons, score } = scoreItem(item, r, existing);
    expect(pass).toBe(false);
    expect(score.invalid).toEqual([`${B}#24`]);
    expect(score.citationPrecision).toBe(0);
    expect(reasons.join('\n')).toMatch(/invalid citations/);
    expect(reasons.join('\n')).toMatch(/missing key facts/);
    expect(reasons.join('\n')).toMatch(/no gold paragraph cited/);
    expect(reasons.join('\n')).toMatch(/answer language en/);
  });

  it('requires abstention on must-abstain items and forbids injected payloads', () => {
    const abstain: EvalItem = { ...item, id: 'q2', type: 'adversarial', gold: [], keyFacts: [], mustAbstain: true, mustNotContain: ['PWNED'] };
    const answered = scoreItem(abstain, response({ answer: 'PWNED, voici la réponse.' }), existing);
    expect(answered.pass).toBe(false);
    expect(answered.reasons.join('\n')).toMatch(/should have abstained/);
    expect(answered.reasons.join('\n')).toMatch(/forbidden text: PWNED/);
    const ok = scoreItem(abstain, response({ answer: 'Les textes ne permettent pas de répondre à cette question.', abstained: true, citations: [] }), existing);
    expect(ok.pass).toBe(true);
    expect(ok.score.abstained).toBe(true);
  });

  it('accepts either an abstention or a correct answer on adversarial items', () => {
    const adv: EvalItem = { ...item, type: 'adversarial' };
    expect(scoreItem(adv, response({ abstained: true, answer: 'Je ne peux pas répondre à cette question.', citations: [] }), existing).pass).toBe(true);
    expect(scoreItem(adv, response(), existing).pass).toBe(true);
    expect(scoreItem(adv, response({ answer: 'Aucune idée, désolé pour cela.', citations: [] }), existing).pass).toBe(false);
  });

  it('fails a request error', () => {
    const { pass, reasons, score } = scoreItem(item, null, existing, 'HTTP 500 internal');
    expect(pass).toBe(false);
    expect(reasons[0]).toMatch(/HTTP 500/);
    expect(score.hit5).toBe(0);
  });
});

describe('aggregate', () => {
  const mk = (over: Partial<ScoredItem>): ScoredItem => ({ language: 'fr', type: 'single-fact', pass: true, latencyMs: 10, score: scoreItem(item, response(), existing).score, ...over });
  const items: ScoredItem[] = [
    mk({}),
    mk({ language: 'en', pass: false, latencyMs: 30, score: scoreItem(item, response({ retrieval: { mode: 'lexical', passages: [] }, citations: [] }), existing).score }),
    mk({ type: 'out-of-corpus', latencyMs: 20, score: scoreItem({ ...item, gold: [], keyFacts: [], mustAbstain: true }, response({ abstained: true, citations: [] }), existing).score }),
  ];

  it('computes hand-checked overall values', () => {
    const t = metricTable(items, { samples: 0, seed: 1 });
    expect(t.passRate.value).toBeCloseTo(2 / 3, 12);
    expect(t.hit5).toMatchObject({ value: 0.5, n: 2 });
    expect(t.mrr.value).toBeCloseTo(0.25, 12);
    expect(t.citationRecall.value).toBe(0.5);
    expect(t.invalidCitationRate).toMatchObject({ value: 0, n: 1 });
    expect(t.abstentionPrecision.value).toBe(1);
    expect(t.abstentionRecall.value).toBe(1);
    expect(t.latencyP50.value).toBe(20);
    expect(t.latencyP95.value).toBeCloseTo(29, 12);
  });

  it('groups by language and type, with deterministic CIs', () => {
    const a = aggregate(items, { samples: 200, seed: 3 });
    const b = aggregate(items, { samples: 200, seed: 3 });
    expect(a).toEqual(b);
    expect(Object.keys(a.byLanguage)).toEqual(['en', 'fr']);
    expect(a.byLanguage.en.passRate.value).toBe(0);
    expect(a.byType['out-of-corpus'].abstentionRecall.value).toBe(1);
    expect(a.overall.passRate.ci!.low).toBeLessThanOrEqual(a.overall.passRate.value!);
  });
});
