import { describe, expect, it } from 'vitest';
import type { EvalItem } from './suite.js';
import { withholdDocuments } from './withhold.js';

const item = (id: string, docs: string[]): EvalItem => ({
  id,
  language: 'en',
  type: 'single-fact',
  question: 'Q?',
  referenceAnswer: '',
  gold: docs.map((d) => ({ documentId: d, paragraph: '1' })),
  goldQuotes: docs.map((d) => `quote in ${d}`),
  keyFacts: ['x'],
});

describe('withholdDocuments', () => {
  it('drops the withheld gold entries with their quotes, and the items left without gold', () => {
    const out = withholdDocuments([item('both', ['en', 'fr']), item('en-only', ['en']), item('other', ['x']), { ...item('abstain', []), mustAbstain: true }], new Set(['en']));
    expect(out.map((i) => i.id)).toEqual(['both', 'other', 'abstain']);
    expect(out[0]).toMatchObject({ gold: [{ documentId: 'fr', paragraph: '1' }], goldQuotes: ['quote in fr'] });
  });
});
