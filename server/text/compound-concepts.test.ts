import { describe, expect, it } from 'vitest';
import { foldCompounds } from './compound-concepts.js';

const c = (source: string, ...terms: string[]) => ({ source, terms: terms.map((term) => ({ term, weight: 1 })) });

describe('foldCompounds', () => {
  it('folds the concatenation of a hyphenated word into the concepts of its parts', () => {
    const out = foldCompounds([c('who'), c('hostage', 'hostag'), c('taker', 'taker'), c('hostagetaker', 'hostagetak')]);
    expect(out.map((x) => x.source)).toEqual(['who', 'hostage', 'taker']);
    expect(out[1].terms.map((t) => t.term)).toEqual(['hostag', 'hostagetak']);
    expect(out[2].terms.map((t) => t.term)).toEqual(['taker', 'hostagetak']);
  });

  it('folds into a phrase concept whose words spell it, and leaves other words alone', () => {
    expect(foldCompounds([c('anti terroriste', 'anti', 'terror'), c('antiterroriste', 'antiterror')]).map((x) => x.source)).toEqual(['anti terroriste']);
    expect(foldCompounds([c('anti', 'anti'), c('terroriste', 'terror'), c('antiterroriste', 'antiterror')]).map((x) => x.source)).toEqual(['anti', 'terroriste']);
    expect(foldCompounds([c('money', 'money'), c('money', 'money')]).map((x) => x.source)).toEqual(['money', 'money']);
  });
});
