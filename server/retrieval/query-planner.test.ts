import { describe, expect, it } from 'vitest';
import { counterpartKind } from './query-planner.js';

describe('counterpartKind', () => {
  it('maps a section to the French version’s article and an article to the English version’s section', () => {
    expect(counterpartKind('section', 'fr')).toBe('article');
    expect(counterpartKind('article', 'en')).toBe('section');
  });

  it('has no counterpart in the reference’s own language or for other kinds', () => {
    expect(counterpartKind('section', 'en')).toBeUndefined();
    expect(counterpartKind('article', 'fr')).toBeUndefined();
    expect(counterpartKind('recital', 'fr')).toBeUndefined();
    expect(counterpartKind(undefined, 'fr')).toBeUndefined();
  });
});
