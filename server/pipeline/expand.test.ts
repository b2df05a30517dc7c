import { describe, expect, it } from 'vitest';
import { tinyDeps } from '../../tests/helpers/tiny-corpus.js';
import { analyse } from './analyse.js';
import { expand } from './expand.js';
import type { PipelineInput } from './types.js';

const deps = tinyDeps();
const run = (input: PipelineInput, params = deps.params) => expand(analyse(input, deps), deps, params);
const turn = (q: string, a = 'Selon le texte… [Plan Alpha, §2]') => [
  { role: 'user' as const, content: q },
  { role: 'assistant' as const, content: a },
];

describe('expand', () => {
  it('renders an English question in the French texts’ terms', () => {
    const e = run({ question: 'What measures against the financing of terrorism?' });
    const all = e.concepts.flatMap((c) => c.terms.map((t) => t.term));
    expect(all).toContain(deps.planner.conceptsOf('financement', 'fr')[0].terms[0].term);
    expect(e.followUp).toBe(false);
  });

  it('a short question after a turn leans on it, and carries its concepts at the follow-up weight', () => {
    const e = run({ question: 'Et les avoirs ?', history: turn('Que prévoit le Plan Alpha contre le financement du terrorisme ?') });
    expect(e.followUp).toBe(true);
    const history = e.concepts.filter((c) => c.fromHistory);
    expect(history.length).toBeGreaterThan(0);
    expect(Math.max(...history.map((c) => c.importance ?? 0))).toBeLessThanOrEqual(deps.params.historyWeightFollowUp);
    expect(e.followUpRefs).toEqual([{ documentId: 'alpha', label: '2' }]);
  });

  it('a question about what the previous turn cited continues it, without any pronoun', () => {
    const e = run({ question: 'Quelles mesures contre le financement du terrorisme et le gel des avoirs des terroristes ?', history: turn('Que prévoit le Plan Alpha contre le financement ?') });
    expect(e.followUp).toBe(true);
  });

  it('a new long question on another subject is not a follow-up, whatever its pronouns', () => {
    const e = run({
      question: 'Il y en a-t-il qui concernent la coordination du Comité réuni à Vienne chaque année ?',
      history: turn('Que prévoit le Plan Alpha contre le financement du terrorisme ?'),
    });
    expect(e.followUp).toBe(false);
    expect(Math.max(...e.concepts.filter((c) => c.fromHistory).map((c) => c.importance ?? 0))).toBeLessThanOrEqual(deps.params.historyWeight);
  });

  it('a demonstrative alone does not make a follow-up: the conversation decides', () => {
    const e = run({ question: 'Quand cette réunion du comité de coordination doit-elle se tenir à Vienne ?', history: turn('Que prévoit le Plan Alpha contre le financement du terrorisme ?') });
    expect(e.followUp).toBe(false);
  });

  it('boosts the named document and damps the others; its name words weigh little', () => {
    const e = run({ question: 'Que prévoit le Plan Alpha contre le financement ?' });
    expect(e.documentBoost.get('alpha')).toBe(deps.params.namedDocumentBoost);
    expect(e.documentBoost.has('beta')).toBe(false); // the others take otherDocumentDamp in rank, not listed one by one
    const alpha = e.concepts.find((c) => c.source.toLowerCase() === 'alpha');
    expect(alpha?.importance).toBe(deps.params.documentNameWeight);
  });

  it('does not mutate the analysis', () => {
    const a = analyse({ question: 'Et les avoirs ?', history: turn('financement du terrorisme') }, deps);
    const before = JSON.stringify(a);
    expand(a, deps, deps.params);
    expect(JSON.stringify(a)).toBe(before);
  });
});
