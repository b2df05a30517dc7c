import { describe, expect, it } from 'vitest';
import { languagePairs, relationOf, type PairItem } from './language-pairs.js';

const langs = new Map([
  ['act-en', 'en'],
  ['loi-fr', 'fr'],
]);

function item(language: string, gold: string[], cited: string[], hit1: number, extra: Partial<PairItem> = {}): PairItem {
  const ref = (s: string) => ({ documentId: s.split('#')[0], paragraph: s.split('#')[1] });
  return { language, gold: gold.map(ref), citations: cited.map(ref), mustAbstain: false, score: { hit1, abstained: false }, ...extra };
}

describe('relationOf', () => {
  it('tells same, cross and parallel gold apart', () => {
    expect(relationOf('en', ['en'])).toBe('same');
    expect(relationOf('fr', ['en', 'en'])).toBe('cross');
    expect(relationOf('fr', ['en', 'fr'])).toBe('both');
    expect(relationOf('fr', [])).toBeNull();
    expect(relationOf('fr', ['fr', undefined])).toBeNull();
  });
});

describe('languagePairs', () => {
  it('groups answerable items and scores the first citation', () => {
    const rows = languagePairs(
      [
        item('en', ['act-en#3'], ['act-en#3', 'act-en#4'], 1),
        item('en', ['act-en#5'], ['act-en#4', 'act-en#5'], 0),
        item('en', ['loi-fr#2'], ['loi-fr#2'], 1),
        item('fr', ['act-en#1', 'loi-fr#1'], [], 0, { score: { hit1: 0, abstained: true } }),
        item('fr', [], [], 0, { mustAbstain: true }),
      ],
      langs,
      { samples: 0, seed: 1 },
    );
    expect(rows.map((r) => [r.questionLanguage, r.relation, r.hit1.value, r.firstCitation.value, r.firstCitation.n])).toEqual([
      ['en', 'same', 0.5, 0.5, 2],
      ['en', 'cross', 1, 1, 1],
      ['fr', 'both', 0, 0, 1],
    ]);
  });

  it('gives deterministic bootstrap intervals', () => {
    const items = [item('en', ['act-en#1'], ['act-en#1'], 1), item('en', ['act-en#2'], ['act-en#1'], 0)];
    const a = languagePairs(items, langs, { samples: 200, seed: 7 });
    expect(a).toEqual(languagePairs(items, langs, { samples: 200, seed: 7 }));
    expect(a[0].firstCitation.ci?.low).toBeLessThanOrEqual(0.5);
    expect(a[0].firstCitation.ci?.high).toBeGreaterThanOrEqual(0.5);
  });
});
