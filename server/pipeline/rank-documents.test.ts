import { describe, expect, it } from 'vitest';
import { tinyDeps } from '../../tests/helpers/tiny-corpus.js';
import { DEFAULT_RANKING_PARAMS } from './params.js';
import { narrowExplicit, titledInstead, titleFactor, titleShares } from './rank-documents.js';
import type { Analysis, Expansion, ScoredPassage } from './types.js';

const expansion = (words: string[]): Expansion => ({ concepts: words.map((w) => ({ source: w, terms: [{ term: w, weight: 1 }] })) }) as unknown as Expansion;

describe('titleShares', () => {
  it("gives the share of a document's title the question's terms hold, in any of its titles", () => {
    const { store, lexical } = tinyDeps();
    const shares = titleShares(expansion(['alpha', 'plan']), store, lexical);
    expect(shares.get('alpha')).toBe(1);
    expect(shares.get('beta') ?? 0).toBe(0);
    expect(titleShares(expansion(['beta']), store, lexical).get('beta')).toBeGreaterThan(0);
  });
});

describe('titleFactor', () => {
  it('is 1 below the floor and 1 + titleMatchBoost for a whole title', () => {
    expect(titleFactor(0.1, DEFAULT_RANKING_PARAMS)).toBe(1);
    expect(titleFactor(1, DEFAULT_RANKING_PARAMS)).toBeCloseTo(1 + DEFAULT_RANKING_PARAMS.titleMatchBoost);
  });
});

describe('narrowExplicit', () => {
  const passage = (documentId: string) => ({ document: { id: documentId } }) as ScoredPassage;
  const a = { namedDocuments: [] } as unknown as Analysis;
  it('keeps the references of the document whose title the question holds best', () => {
    const refs = [passage('alpha'), passage('beta')];
    expect([...narrowExplicit(a, refs, new Map([['beta', 0.8]]), DEFAULT_RANKING_PARAMS)]).toEqual([refs[1]]);
  });
  it('lets ordinary passages compete when a reference resolves in many documents and nothing says which', () => {
    const refs = ['alpha', 'beta', 'gamma'].map((id, i) => ({ ...passage(id), lexicalScore: i === 2 ? 3 : 0 }));
    expect(narrowExplicit(a, refs, new Map(), DEFAULT_RANKING_PARAMS).size).toBe(0);
    expect(narrowExplicit(a, refs.slice(0, 2), new Map(), DEFAULT_RANKING_PARAMS).size).toBe(2);
  });
  it('keeps them all when no title is held enough, or a document is named', () => {
    const refs = [passage('alpha'), passage('beta')];
    expect(narrowExplicit(a, refs, new Map([['beta', 0.1]]), DEFAULT_RANKING_PARAMS).size).toBe(2);
    expect(narrowExplicit({ namedDocuments: ['alpha'] } as unknown as Analysis, refs, new Map([['beta', 0.8]]), DEFAULT_RANKING_PARAMS).size).toBe(2);
  });
});

describe('titledInstead', () => {
  it('names the document whose whole title the question holds over the one a cue word named', () => {
    const titles = new Map([
      ['un', { share: 1, found: 30, terms: new Set<string>() }],
      ['coe', { share: 0.65, found: 20, terms: new Set<string>() }],
    ]);
    expect(titledInstead(['coe'], titles, DEFAULT_RANKING_PARAMS)).toBe('un');
    expect(titledInstead([], titles, DEFAULT_RANKING_PARAMS)).toBeUndefined();
  });
  it('does not let a generic title (little IDF held) outweigh the named document', () => {
    const titles = new Map([
      ['generic', { share: 1, found: 4, terms: new Set<string>() }],
      ['named', { share: 0.45, found: 9, terms: new Set<string>() }],
    ]);
    expect(titledInstead(['named'], titles, DEFAULT_RANKING_PARAMS)).toBeUndefined();
  });
});
