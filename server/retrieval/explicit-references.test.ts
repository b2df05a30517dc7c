import { describe, expect, it } from 'vitest';
import { counterpartKind, findExplicitReferences } from './explicit-references.js';

const refs = (q: string) => findExplicitReferences(q).map((r) => [r.unit ?? '', r.label, (r.path ?? []).join('')].join(':'));

describe('findExplicitReferences', () => {
  it('reads articles as the document numbers them, with items', () => {
    expect(refs('Que dit l’article 421-9 ?')).toEqual(['article:421-9:']);
    expect(refs('art. 421-5 al. 2')).toEqual(['article:421-5:']);
    expect(refs('le 4° de l’article 421-1')).toEqual(['article:421-1:4°']);
    expect(refs('Article L. 224-1 du code')).toEqual(['article:L. 224-1:']);
    expect(refs('Article L224-1')).toEqual(['article:L. 224-1:']);
    expect(refs('articles 3 et 4')).toEqual(['article:3:', 'article:4:']);
    expect(refs('Article premier')).toEqual(['article:1:']);
    expect(refs('article 7.1 de la loi')).toEqual(['article:7.1:']);
    expect(refs('What does Article 3bis add?')).toEqual(['article:3bis:']);
    expect(refs('l’article 5 bis et l’article 11ter')).toEqual(['article:5 bis:', 'article:11ter:']);
    expect(refs('article 3 terrorist acts')).toEqual(['article:3:']);
  });

  it('reads a treaty’s Roman-numbered articles, upper case only', () => {
    expect(refs('What does Article XIV of the convention require?')).toEqual(['article:XIV:']);
    expect(refs('articles IV and V')).toEqual(['article:IV:', 'article:V:']);
    expect(refs('l’article ci-dessus')).toEqual([]);
    expect(refs('Article L. 224-1')).toEqual(['article:L. 224-1:']);
  });

  it('reads sections, recitals, paragraphs with sub-items and preamble clauses', () => {
    expect(refs('section 2339B(a)(1)')).toEqual(['section:2339B:(a)(1)']);
    expect(refs('What does § 2339A say?')).toEqual(['section:2339A:']);
    expect(refs('section 7.1 of the Act')).toEqual(['section:7.1:']);
    expect(refs('recital 12 of the directive')).toEqual(['recital:(12):']);
    expect(refs('considérant (5)')).toEqual(['recital:(5):']);
    expect(refs('paragraph 3(b) of resolution 1373')).toEqual([':3:(b)']);
    expect(refs('Que dit le § 24 du Plan de Bucarest ?')).toEqual([':24:']);
    expect(refs('paragraphs 5 to 7')).toEqual([':5:', ':6:', ':7:']);
    expect(refs('preamble clause 3')).toEqual([':P3:']);
  });

  it('reads statute subdivisions by their section number: the section is the unit cited', () => {
    expect(refs('paragraph 83.18(3)(d) of the Criminal Code')).toEqual([':83.18:(3)(d)']);
    expect(refs('subsection 83.18(3)')).toEqual([':83.18:(3)']);
    expect(refs("l'alinéa 83.18(3)d) du Code criminel")).toEqual([':83.18:(3)d)']);
  });
});

describe('findExplicitReferences: context', () => {
  it('skips a unit named as the authority an instrument is made under', () => {
    expect(findExplicitReferences('What is the highest fine for violating a regulation made under section 4?')).toEqual([]);
    expect(findExplicitReferences('Que prévoit un arrêté pris en application de l’article L. 223-1 ?')).toEqual([]);
    expect(findExplicitReferences('Orders issued pursuant to sections 4 and 5: what does section 8 say?')).toEqual([{ label: '8', unit: 'section' }]);
  });

  it('keeps a unit the question asks about', () => {
    expect(findExplicitReferences('What penalty does section 8 provide?')).toEqual([{ label: '8', unit: 'section' }]);
    expect(findExplicitReferences('Quelles mesures sont prévues à l’article 3 ?')).toEqual([{ label: '3', unit: 'article' }]);
  });
});

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
