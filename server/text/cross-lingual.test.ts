import { describe, expect, it } from 'vitest';
import { englishConcepts, withEnglishTerms, type CrossLingualDeps } from './cross-lingual.js';
import { Glossary } from './glossary.js';
import { Lexicon } from './lexicon.js';
import { ALL_LEXICON_LAYERS, DEFAULT_LEXICON_PARAMS, LEXICON_LAYERS, type LexiconLayer } from './lexicon-params.js';
import type { LexiconTable } from './lexicon-table.js';

/** A tiny French index: its vocabulary, as stems. */
const vocabulary = new Set(['blanch', 'argent', 'fronti', 'temoin', 'securit', 'financ', 'terror', 'launder', 'judiciair', 'agent', 'paix', 'mandat', 'warrant']);
const lexical = {
  has: (t: string) => vocabulary.has(t),
  idf: () => 1,
  size: 10,
  longestPrefixTerm: (w: string, min: number) => {
    for (let n = w.length; n >= min; n--) if (vocabulary.has(w.slice(0, n))) return w.slice(0, n);
    return undefined;
  },
};
const table: LexiconTable = {
  version: 1,
  dictionary: {
    enFr: { 'monei launder': [['blanch argent'], 1], border: [['fronti'], 7], wit: [['temoin'], 10], launder: [['blanch'], 3] },
    frEn: { blanch: [['launder'], 4] },
  },
  cognates: { enFr: { judiciari: ['judiciair'] }, frEn: {} },
  parallel: { enFr: { 'peac offic': [['agent paix'], 1], warrant: [['mandat'], 1], border: [['fronti'], 1] }, frEn: { mandat: [['warrant'], 1] } },
};
const glossary = new Glossary([['terrorist financing', 'financement du terrorisme']]);
const deps = (layers: readonly LexiconLayer[] = ALL_LEXICON_LAYERS, englishDocuments = false): CrossLingualDeps => ({
  glossary,
  lexicon: new Lexicon(table, lexical, DEFAULT_LEXICON_PARAMS),
  layers: new Set(layers),
  params: DEFAULT_LEXICON_PARAMS,
  lexical,
  englishDocuments,
});
const termsOf = (concepts: ReturnType<typeof englishConcepts>, source: string) => concepts.find((c) => c.source === source)?.terms.map((t) => t.term);

describe('cross-lingual expansion of English questions', () => {
  it('reads term-base phrases first, then dictionary phrases, then words', () => {
    const concepts = englishConcepts('Terrorist financing, money laundering and borders', deps());
    expect(concepts.map((c) => c.source)).toEqual(['terrorist financing', 'money laundering', 'borders']);
    expect(concepts[0].entry).toBeDefined();
    expect(termsOf(concepts, 'money laundering')).toEqual(expect.arrayContaining(['blanch', 'argent']));
    expect(termsOf(concepts, 'borders')).toEqual(['fronti']);
  });

  it('weighs a translation by the senses kept for the index, phrases above words', () => {
    const concepts = englishConcepts('money laundering; laundering', deps());
    const phrase = concepts[0].terms[0].weight;
    const word = concepts[1].terms[0].weight;
    expect(phrase).toBeCloseTo(DEFAULT_LEXICON_PARAMS.dictionaryWeight * DEFAULT_LEXICON_PARAMS.dictionaryPhraseBonus);
    expect(word).toBeLessThanOrEqual(phrase);
  });

  it('uses cognates only when the word and the dictionary find nothing, and each layer can be turned off', () => {
    expect(termsOf(englishConcepts('judiciary', deps()), 'judiciary')).toEqual(['judiciair']);
    expect(termsOf(englishConcepts('judiciary', deps(['termbase', 'dictionary'])), 'judiciary')).toEqual([]);
    expect(termsOf(englishConcepts('money laundering', deps(['termbase'])), 'money laundering')).toBeUndefined();
    expect(englishConcepts('Terrorist financing', deps(['dictionary']))[0].entry).toBeUndefined();
  });

  it('never reads an object’s built-in properties as entries ("constructor", "toString")', () => {
    expect(() => englishConcepts('What does the constructor say about toString and __proto__?', deps())).not.toThrow();
  });
});

describe('pairs from parallel official texts', () => {
  it('render legal phrases and words the dictionary lacks, both ways, and merge with the dictionary on the same words', () => {
    expect(termsOf(englishConcepts('Can a peace officer get a warrant?', deps()), 'peace officer')).toEqual(['agent', 'paix']);
    expect(termsOf(englishConcepts('warrant', deps()), 'warrant')).toContain('mandat');
    const border = englishConcepts('borders', deps())[0].terms;
    // Both layers attest « frontière » for "border": the agreement bonus lifts it above either layer's own weight.
    expect(border).toEqual([{ term: 'fronti', weight: DEFAULT_LEXICON_PARAMS.parallelWeight * DEFAULT_LEXICON_PARAMS.layerAgreementBonus, translated: true }]);
    const dictionaryOnly = englishConcepts('borders', deps(['dictionary']))[0].terms;
    expect(dictionaryOnly[0].weight).toBeLessThan(border[0].weight);
    const french = [{ source: 'mandat', terms: [{ term: 'mandat', weight: 1 }] }];
    expect(withEnglishTerms(french, deps(ALL_LEXICON_LAYERS, true))[0].terms.map((t) => t.term)).toEqual(['mandat', 'warrant']);
  });

  it('are a layer of their own, on by default; turned off, the dictionary alone answers', () => {
    expect(LEXICON_LAYERS).toContain('parallel');
    const concepts = englishConcepts('peace officer', deps(['termbase', 'dictionary', 'cognates']));
    expect(concepts.map((c) => [c.source, c.terms.length])).toEqual([
      ['peace', 0],
      ['officer', 0],
    ]);
  });
});

describe('renderings in the other language are marked', () => {
  it('term-base and dictionary renderings are translations; the question’s own indexed words are not', () => {
    const concepts = englishConcepts('Terrorist financing and laundering', deps(LEXICON_LAYERS, true));
    const tf = concepts.find((c) => c.source === 'terrorist financing')!;
    expect(tf.terms.filter((t) => !t.translated).map((t) => t.term)).toEqual(['financ']);
    expect(concepts.find((c) => c.source === 'laundering')!.terms).toEqual(
      expect.arrayContaining([{ term: 'launder', weight: DEFAULT_LEXICON_PARAMS.ownTermWeight }, expect.objectContaining({ term: 'blanch', translated: true })]),
    );
    const french = [{ terms: [{ term: 'blanch', weight: 1 }], source: 'blanchiment' }];
    expect(withEnglishTerms(french, deps(LEXICON_LAYERS, true))[0].terms[1]).toMatchObject({ term: 'launder', translated: true });
  });
});

describe('English terms for French questions over English documents', () => {
  it('adds the dictionary’s English renderings that the index has', () => {
    const french = [{ terms: [{ term: 'blanch', weight: 1 }], source: 'blanchiment' }];
    expect(withEnglishTerms(french, deps(LEXICON_LAYERS, true))[0].terms.map((t) => t.term)).toEqual(['blanch', 'launder']);
    expect(withEnglishTerms(french, deps(['termbase'], true))[0].terms.map((t) => t.term)).toEqual(['blanch']);
  });
});

describe('longer matches and reverse term-base readings', () => {
  it('a longer dictionary phrase beats a term-base entry for its first word', () => {
    const tb = new Glossary([['money', 'argent']]);
    const concepts = englishConcepts('money laundering', { ...deps(), glossary: tb });
    expect(concepts.map((c) => c.source)).toEqual(['money laundering']);
  });

  it('a French word read backwards renders the one-word English variants of its entries, not the other words of longer ones', () => {
    const g = new Glossary([['request|formal request|upon request', 'demande']]);
    expect(g.englishFor('demand')).toEqual(['request']);
  });
});

describe('multi-word French renderings read backwards', () => {
  it('give each French word of the phrase the English terms of the entry’s main variant', () => {
    const g = new Glossary([['legal entity|legal person', 'personne morale']]);
    expect(g.englishPhraseAt(['person', 'moral'], 0)).toEqual({ length: 2, english: ['legal', 'entiti'] });
    const vocab = new Set(['person', 'moral', 'legal', 'entiti']);
    const french = [
      { terms: [{ term: 'person', weight: 1 }], source: 'personnes' },
      { terms: [{ term: 'moral', weight: 1 }], source: 'morales' },
    ];
    const out = withEnglishTerms(french, { ...deps(['termbase'], true), glossary: g, lexical: { ...lexical, has: (t: string) => vocab.has(t) } });
    expect(out.map((c) => c.terms.map((t) => t.term))).toEqual([
      ['person', 'legal', 'entiti'],
      ['moral', 'legal', 'entiti'],
    ]);
  });
});

describe('term-base renderings of a one-word match', () => {
  it('leave out the other words of multi-word alternatives, not of the main rendering', () => {
    const g = new Glossary([['judiciary|judges', 'magistrature|magistrature assise et debout']]);
    const tokens = [{ term: 'judg', surface: 'judges', position: 0 }];
    expect(g.matchAt(tokens, 0)?.french.map((t) => t.term)).toEqual(['magistratur']);
    const phrase = new Glossary([['criminal investigation|investigating', 'enquêtes criminelles']]);
    expect(phrase.matchAt([{ term: 'investig', surface: 'investigating', position: 0 }], 0)?.french.map((t) => t.term)).toEqual(['enquet', 'criminel']);
  });
});
