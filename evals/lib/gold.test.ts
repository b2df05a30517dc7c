import { describe, expect, it } from 'vitest';
import { checkGold, corpusView, formatGoldProblems, remapGold } from './gold.js';
import type { EvalItem } from './suite.js';

const corpus = corpusView([
  {
    documentId: 'un',
    paragraphs: [
      { label: '1', text: 'Le Colloque s’est tenu à New York.' },
      { label: '2', text: 'Déclarations de 5 à 6 minutes.' },
    ],
  },
]);
const item = (paragraph: string, quote: string): EvalItem => ({
  id: `q${paragraph}`,
  language: 'fr',
  type: 'single-fact',
  question: 'Q',
  referenceAnswer: '',
  gold: [{ documentId: 'un', paragraph }],
  goldQuotes: [quote],
  keyFacts: ['x'],
});

describe('gold check', () => {
  it('accepts quotes found in the labelled paragraph (accents and apostrophes folded)', () => {
    expect(checkGold([item('1', "s'est tenu a New York")], corpus)).toEqual([]);
  });

  it('reports a quote found in another paragraph, an unknown label and an unknown document', () => {
    const items = [item('1', 'de 5 à 6 minutes'), item('9', 'New York'), { ...item('1', 'x'), id: 'qd', gold: [{ documentId: 'nope', paragraph: '1' }] }];
    const problems = checkGold(items, corpus);
    expect(problems.map((p) => [p.itemId, p.problem, p.foundIn])).toEqual([
      ['q1', 'quote-not-in-paragraph', ['2']],
      ['q9', 'unknown-label', ['1']],
      ['qd', 'unknown-document', []],
    ]);
    expect(formatGoldProblems(problems)).toMatch(/3 gold entries do not match[\s\S]*q1: un § 1: quote «de 5 à 6 minutes» is not in this paragraph — the quote is in § 2/);
    const { items: fixed, unresolved } = remapGold(items, problems);
    expect(fixed[0].gold[0].paragraph).toBe('2');
    expect(fixed[1].gold[0].paragraph).toBe('1');
    expect(unresolved.map((p) => p.itemId)).toEqual(['qd']);
  });
});
