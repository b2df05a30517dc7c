import { describe, expect, it } from 'vitest';
import { tinyDeps } from '../../tests/helpers/tiny-corpus.js';
import { analyse } from './analyse.js';
import { expand } from './expand.js';
import { DEFAULT_RANKING_PARAMS } from './params.js';
import { lengthFactor, rank } from './rank.js';
import { retrieve } from './retrieve.js';

describe('rank', () => {
  const deps = tinyDeps();
  const ranked = async (question: string, params = deps.params) => {
    const a = analyse({ question }, deps);
    const e = expand(a, deps, params);
    return rank(a, e, await retrieve(e, deps, params), deps, params);
  };

  it('ranks the paragraph that covers the question first, with its coverage', async () => {
    const [top] = await ranked('Quand les États doivent-ils ratifier les conventions relatives au terrorisme ?');
    expect(top.paragraph.label).toBe('1');
    expect(top.coverage).toBeGreaterThan(0.5);
  });

  it('puts explicitly named paragraphs first', async () => {
    const passages = await ranked('Que dit le paragraphe 3 du Plan Alpha sur le financement du terrorisme ?');
    expect(passages[0]).toMatchObject({ explicit: true, coverage: 1 });
    expect(passages[0].paragraph.label).toBe('3');
  });

  it('reads every weight from the params it is given', async () => {
    const base = await ranked('financement du terrorisme');
    const flat = await ranked('financement du terrorisme', { ...deps.params, proximityBonus: 0, coverageOffset: 10 });
    expect(flat[0].score).not.toBe(base[0].score);
  });

  it('boosts the units holding the answer type asked only within the leading document', async () => {
    const question = 'For how long may a person who finances terrorism be imprisoned?';
    const flat = await ranked(question, { ...deps.params, answerTypesBoost: 1 });
    const typed = await ranked(question, { ...deps.params, answerTypesBoost: 3 });
    const at = (ps: typeof flat, id: string, label: string) => ps.find((p) => p.document.id === id && p.paragraph.label === label)!.score;
    expect(at(typed, 'beta', '2')).toBeCloseTo(3 * at(flat, 'beta', '2'));
    expect(at(typed, 'alpha', '2')).toBe(at(flat, 'alpha', '2'));
  });

  it('lowers the coverage that scores a unit longer than lengthCoverageChars, in proportion to its length', () => {
    const params = { ...DEFAULT_RANKING_PARAMS, lengthCoverageChars: 3500, lengthCoverageExponent: 1 };
    expect(lengthFactor(7000, params)).toBe(0.5);
    expect(lengthFactor(3000, params)).toBe(1);
    expect(lengthFactor(7000, { ...params, lengthCoverageChars: 0 })).toBe(1);
  });
});
