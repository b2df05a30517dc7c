import { describe, expect, it } from 'vitest';
import { formatLocator, itemContaining } from '../server/corpus/units.js';
import { markdownToText } from './loaders/markdown-to-text.js';
import { segmentDocument } from './segment.js';

const FRENCH_CODE = [
  'Livre Ier',
  'Dispositions générales',
  '',
  'Chapitre Ier',
  'Des actes visés',
  '',
  'Article 100-1',
  '',
  'Constituent des actes visés au présent chapitre, lorsqu’elles sont commises intentionnellement, les infractions',
  'suivantes :',
  '',
  '1° Les atteintes volontaires à l’intégrité des installations ;',
  '',
  '2° Les destructions et dégradations',
  'prévues par le livre III ;',
  '',
  '3° Les infractions en matière de matériels définies aux articles',
  'L. 2339-2, L. 2339-5, L. 2339-8 et',
  '',
  'L. 2339-16 du code de la défense.',
  '',
  'Article 100-2',
  '',
  'I.-Le fait de financer une entreprise visée à l’article 100-1 est puni de dix ans d’emprisonnement.',
  '',
  'II.-Est puni des mêmes peines :',
  '',
  'a) le fait de fournir des fonds ;',
  '',
  'b) le fait de gérer des fonds pour autrui.',
  '',
  'Chapitre II',
  'Dispositions particulières',
  '',
  'Article 100-2-1',
  '',
  'La tentative des délits prévus au présent chapitre est punie des mêmes peines.',
  '',
  'Article 100-3',
  'Les personnes morales encourent la dissolution.',
].join('\n');

const US_STATUTE_MD = [
  '# Chapter 99—Sample offenses',
  '',
  '#### § 2001. Definitions',
  '',
  'As used in this chapter—',
  '',
  '###### (1) the term “covered act” means activities that—',
  '',
  '###### (A) involve violent acts dangerous to human life; and',
  '',
  '###### (B) appear to be intended—',
  '',
  '(i) to intimidate or coerce a civilian population;',
  '',
  '(ii) to influence the policy of a government; and',
  '',
  '###### (2) the term “national” has the meaning given in the Act.',
  '',
  '#### § 2001A. Providing support',
  '',
  '(a) Offense.—Whoever provides support to a covered act shall be fined.',
  '',
  '(b) Definitions.—In this section the term “support” means any property.',
  '',
  '#### § 2002. Jurisdiction',
  '',
  'The district courts shall have jurisdiction over offenses under this chapter.',
].join('\n');

const EU_DIRECTIVE = [
  'DIRECTIVE (EU) 2099/1 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL',
  '',
  'on combating sample offences',
  '',
  'Having regard to the Treaty on the Functioning of the European Union, and in particular Article 83(1) thereof,',
  '',
  'Whereas:',
  '',
  '(1) The Union is founded on the universal values of human dignity.',
  '',
  '(2) Acts of this kind constitute one of the most serious violations',
  'of those values.',
  '',
  'HAVE ADOPTED THIS DIRECTIVE:',
  '',
  'TITLE I',
  'SUBJECT MATTER AND DEFINITIONS',
  '',
  'Article 1',
  'Subject matter',
  '',
  'This Directive establishes minimum rules concerning the definition of criminal offences.',
  '',
  'Article 2',
  'Definitions',
  '',
  'For the purposes of this Directive, the following definitions apply:',
  '(a) ‘funds’ means assets of every kind;',
  '(b) ‘legal person’ means any entity having legal personality.',
  '',
  'Article 3',
  'Offences',
  '',
  '1. Member States shall take the necessary measures.',
  '',
  '2. Member States may decide otherwise.',
].join('\n');

describe('structure-aware segmentation: Roman-numbered articles', () => {
  const TREATY = [
    'The States Parties,',
    '',
    'Article I',
    '',
    'For the purposes of this Convention: 1. "Explosives" mean…',
    '',
    'Article II',
    '',
    'Each State Party shall prohibit…',
    '',
    'Article XIV',
    '',
    'The Convention is open for signature.',
  ].join('\n');

  it('cites the articles by the numerals the treaty gives them, and finds them by number too', () => {
    const r = segmentDocument('treaty', TREATY);
    expect(r.scheme).toBe('articles');
    expect(r.paragraphs.filter((p) => p.unit === 'article').map((p) => p.label)).toEqual(['I', 'II', 'XIV']);
  });
});

describe('structure-aware segmentation: inserted articles', () => {
  it('cuts an article whose suffix is glued to its number (« Article 3bis ») as its own unit, labelled as written', () => {
    const text = [
      'Article 3',
      '',
      'Any person commits an offence.',
      '',
      'Article 3bis',
      '',
      'Any person also commits an offence.',
      '',
      'Article 3 ter',
      '',
      'A third offence.',
      '',
      'Article 4',
      '',
      'Each State shall act.',
    ].join('\n');
    const r = segmentDocument('treaty', text);
    expect(r.paragraphs.filter((p) => p.unit === 'article').map((p) => p.label)).toEqual(['3', '3bis', '3 ter', '4']);
  });
});

describe('structure-aware segmentation: articles', () => {
  const r = segmentDocument('code', FRENCH_CODE);
  const art = (l: string) => r.paragraphs.find((p) => p.label === l)!;

  it('cites the articles by their own numbers, with hierarchy as section', () => {
    expect(r.scheme).toBe('articles');
    expect(r.unit).toBe('article');
    expect(r.paragraphs.map((p) => p.label)).toEqual(['100-1', '100-2', '100-2-1', '100-3']);
    expect(art('100-1').section).toBe('Livre Ier — Dispositions générales — Chapitre Ier — Des actes visés');
    expect(art('100-2-1').section).toBe('Livre Ier — Dispositions générales — Chapitre II — Dispositions particulières');
    expect(art('100-1').eId).toBe('art_100-1');
  });

  it('keeps items inside the article and joins an item wrapped across a blank line', () => {
    expect(art('100-1').text).toContain('L. 2339-8 et L. 2339-16 du code de la défense.');
    expect(art('100-1').text).toContain('les infractions suivantes :\n1° Les atteintes');
    expect(art('100-1').items!.map((i) => i.path.join(' '))).toEqual(['1°', '2°', '3°']);
    expect(art('100-1').items![2].eId).toBe('art_100-1__point_3');
    expect(art('100-2').items!.map((i) => i.eId)).toEqual(['art_100-2__para_1', 'art_100-2__para_2', 'art_100-2__para_2__point_a', 'art_100-2__para_2__point_b']);
  });

  it('renders citations with sub-addresses', () => {
    const item = itemContaining(art('100-2'), 'le fait de gérer des fonds');
    expect(formatLocator(art('100-2'), 'fr', item!.path)).toBe('art. 100-2, II, b)');
    expect(formatLocator(art('100-3'), 'en')).toBe('art. 100-3');
  });

  it('reads an article whose text follows on the next line', () => {
    expect(art('100-3').text).toBe('Les personnes morales encourent la dissolution.');
  });

  it('EU style: citations as preamble clauses, recitals (n), then articles with titles and numbered paragraphs', () => {
    const eu = segmentDocument('dir', EU_DIRECTIVE);
    expect(eu.paragraphs.map((p) => p.label)).toEqual(['P1', '(1)', '(2)', '1', '2', '3']);
    const p = (l: string) => eu.paragraphs.find((x) => x.label === l)!;
    expect(p('(2)')).toMatchObject({ unit: 'recital', eId: 'rec_2', text: 'Acts of this kind constitute one of the most serious violations of those values.' });
    expect(p('2').title).toBe('Definitions');
    expect(p('3').section).toBe('TITLE I — SUBJECT MATTER AND DEFINITIONS');
    expect(p('3').items!.map((i) => i.eId)).toEqual(['art_3__para_1', 'art_3__para_2']);
    expect(formatLocator(p('(2)'), 'fr')).toBe('considérant (2)');
  });
});

describe('structure-aware segmentation: sections of a Markdown statute', () => {
  const { text } = markdownToText(US_STATUTE_MD);
  const r = segmentDocument('usc', text);
  const sec = (l: string) => r.paragraphs.find((p) => p.label === l)!;

  it('one unit per § with its title, items nested (1)(B)(ii)', () => {
    expect(r.scheme).toBe('sections');
    expect(r.paragraphs.map((p) => p.label)).toEqual(['2001', '2001A', '2002']);
    expect(sec('2001').title).toBe('Definitions');
    expect(sec('2001').items!.map((i) => i.path.join(''))).toEqual(['(1)', '(1)(A)', '(1)(B)', '(1)(B)(i)', '(1)(B)(ii)', '(2)']);
    const item = itemContaining(sec('2001'), 'to influence the policy');
    expect(formatLocator(sec('2001'), 'en', item!.path)).toBe('§ 2001(1)(B)(ii)');
    expect(sec('2001A').items!.map((i) => i.eId)).toEqual(['sec_2001A__subsec_a', 'sec_2001A__subsec_b']);
  });
});

describe('numbered paragraphs keep the document’s own numbers', () => {
  it('a run that starts at 7 stays 7–10', () => {
    const r = segmentDocument('x', '7. Seventh point here.\n\n8. Eighth point here.\n\n9. Ninth point here.\n\n10. Tenth point here.');
    expect(r.paragraphs.map((p) => p.label)).toEqual(['7', '8', '9', '10']);
    expect(r.paragraphs[3].text).toBe('Tenth point here.');
  });

  it('two numbered paragraphs are numbered, without "1." left inside the text', () => {
    const r = segmentDocument('x', '1. Banks must screen transfers.\n\n2. Alerts are escalated within two days.');
    expect(r.numbering).toBe('numbered');
    expect(r.paragraphs.map((p) => [p.label, p.text])).toEqual([
      ['1', 'Banks must screen transfers.'],
      ['2', 'Alerts are escalated within two days.'],
    ]);
  });

  it('items of an operative paragraph get sub-addresses', () => {
    const r = segmentDocument(
      'res',
      'Recalling its resolutions,\n\n1. Decides that all States shall:\n\n(a) Prevent the financing;\n\n(b) Criminalize the provision of funds;\n\n2. Decides also that States shall refrain from support.',
    );
    const p1 = r.paragraphs.find((p) => p.label === '1')!;
    expect(p1.items!.map((i) => i.eId)).toEqual(['para_1__point_a', 'para_1__point_b']);
    expect(formatLocator(p1, 'fr', ['(b)'])).toBe('§1(b)');
  });

  it('a numbering override wins over detection', () => {
    const r = segmentDocument('x', 'Article 1\nText one.\n\nArticle 2\nText two.', { numbering: 'sequential' });
    expect(r.scheme).toBe('sequential');
    expect(() => segmentDocument('x', 'a', { numbering: 'roman' })).toThrow(/unknown numbering scheme/);
  });

  it('a sentence that merely mentions an article does not start one', () => {
    const r = segmentDocument('x', 'Article 1\nThe offence defined in\nArticle 2 of the Convention is punished.\n\nArticle 2\nOther text.');
    expect(r.paragraphs.map((p) => p.label)).toEqual(['1', '2']);
  });
});
