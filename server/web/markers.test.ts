import { describe, expect, it } from 'vitest';
import { findQuote, linkRange, quoteLinkParams, quoteRanges, segmentsByRanges, splitAnswer, splitOnQuote } from '../../web/public/assets/markers.js';
import type { Citation } from '../types.js';

const cite = (ref: number, paragraph: string, documentId = 'plan', documentTitle = "Plan d'action de Bucarest pour lutter contre le terrorisme"): Citation => ({
  ref,
  documentId,
  documentTitle,
  paragraph,
  text: 'texte',
});
const docs = [
  { id: 'plan', title: "Plan d'action de Bucarest pour lutter contre le terrorisme", shortTitle: "Plan d'action de Bucarest", shortTitleEn: 'Bucharest Plan of Action' },
  { id: 'oas', title: 'Recommandations', shortTitle: 'Recommandations OEA/CICTE 2022' },
];
const show = (text: string, citations: Citation[]) =>
  splitAnswer(text, citations, docs).map((s) => (s.type === 'text' ? s.text : `<${s.label}|${s.documentId}#${s.paragraph}|${s.citation ? s.citation.ref : '-'}>`));

describe('splitAnswer (web/public/assets/markers.js)', () => {
  it('turns title markers into citations, by short or English title', () => {
    expect(show("Voir [Plan d'action de Bucarest, §5].", [cite(1, '5')])).toEqual(['Voir ', "<Plan d'action de Bucarest, §5|plan#5|1>", '.']);
    expect(show('See [Bucharest Plan of Action, § 5]', [cite(1, '5')])).toEqual(['See ', '<Bucharest Plan of Action, §5|plan#5|1>']);
  });
  it('names every chip as the source list does in the UI language, whatever words the marker used', () => {
    const label = (lang: 'fr' | 'en') =>
      splitAnswer('See [Recommandations OEA/CICTE 2022, § 29] and [1].', [cite(1, '5')], docs, lang)
        .filter((s) => s.type === 'cite')
        .map((s) => s.label);
    expect(label('en')).toEqual(['Recommandations OEA/CICTE 2022, §29', 'Bucharest Plan of Action, §5']);
    expect(label('fr')).toEqual(['Recommandations OEA/CICTE 2022, §29', "Plan d'action de Bucarest, §5"]);
    expect(splitAnswer('[Bucharest Plan of Action, §5]', [cite(1, '5')], docs, 'fr').map((s) => (s.type === 'cite' ? s.label : s.text))).toEqual(["Plan d'action de Bucarest, §5"]);
  });
  it('reads numeric refs, several labels and several documents', () => {
    expect(show('a [1][2] b', [cite(1, '5'), cite(2, '7')])).toEqual(['a ', "<Plan d'action de Bucarest, §5|plan#5|1>", "<Plan d'action de Bucarest, §7|plan#7|2>", ' b']);
    expect(show("[Plan d'action de Bucarest, §5, §7; Recommandations OEA/CICTE 2022, §P1]", [cite(1, '5'), cite(2, '7')])).toEqual([
      "<Plan d'action de Bucarest, §5|plan#5|1>",
      "<Plan d'action de Bucarest, §7|plan#7|2>",
      '<Recommandations OEA/CICTE 2022, §P1|oas#P1|->',
    ]);
  });
  it('leaves unknown, partial or non-citation brackets as text', () => {
    expect(show('[note] [3] [Inconnu, §2] [Plan d', [cite(1, '5')])).toEqual(['[note] [3] [Inconnu, §2] [Plan d']);
    expect(show('<img src=x onerror=alert(1)> [1]', [])).toEqual(['<img src=x onerror=alert(1)> [1]']);
  });
});

describe('findQuote', () => {
  it('finds a quote despite apostrophes, accents, case and spacing', () => {
    const text = 'L’OSCE est prête à  apporter sa contribution.';
    expect(findQuote(text, "l'osce est prete a apporter")).toEqual({ start: 0, end: 28 });
    expect(splitOnQuote(text, 'sa contribution')).toEqual({ before: 'L’OSCE est prête à  apporter ', match: 'sa contribution', after: '.' });
    expect(findQuote(text, 'absent')).toBeNull();
    expect(findQuote(text, undefined)).toBeNull();
  });
});

describe('quoteRanges / quoteLinkParams / linkRange', () => {
  const text = 'Première phrase du texte. Deuxième phrase, sans intérêt. Troisième phrase, qui conclut.';
  it('highlights each piece of a quote joined with an ellipsis', () => {
    const ranges = quoteRanges(text, 'Première phrase du texte. … Troisième phrase, qui conclut.');
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['Première phrase du texte.', 'Troisième phrase, qui conclut.']);
    expect(segmentsByRanges(text, ranges).filter((s) => s.mark)).toHaveLength(2);
  });
  it('links long quotes by their beginning and end', () => {
    const long = `${'mot '.repeat(80)}fin.`;
    const params = quoteLinkParams(long);
    expect(params.hl!.length).toBeLessThanOrEqual(100);
    expect(params.hle!.endsWith('fin.')).toBe(true);
    expect(quoteLinkParams('court')).toEqual({ hl: 'court' });
    const r = linkRange(text, 'Deuxième phrase', 'qui conclut.');
    expect(r && text.slice(r.start, r.end)).toBe('Deuxième phrase, sans intérêt. Troisième phrase, qui conclut.');
  });
});

describe('quoteRanges with sentences joined without an ellipsis', () => {
  it('finds each sentence on its own and merges adjacent ones', () => {
    const text = 'Un. Deux est long. Trois. Quatre.';
    const ranges = quoteRanges(text, 'Un. Deux est long. Quatre.');
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['Un. Deux est long.', 'Quatre.']);
  });
});

describe('splitAnswer with the documents’ own unit names', () => {
  const art = (ref: number, paragraph: string, locator: string): Citation => ({ ...cite(ref, paragraph, 'code', 'Code X'), locator });
  const codeDocs = [{ id: 'code', title: 'Code X', shortTitle: 'Code X' }];
  const showCode = (text: string, citations: Citation[]) =>
    splitAnswer(text, citations, codeDocs).map((s) => (s.type === 'text' ? s.text : `<${s.label}|${s.documentId}#${s.paragraph}|${s.citation ? s.citation.ref : '-'}>`));
  it('reads articles with item paths, recitals, sections and recommendations', () => {
    expect(showCode('Voir [Code X, art. 421-2-6, II, 1°].', [art(1, '421-2-6', 'art. 421-2-6, II, 1°')])).toEqual(['Voir ', '<Code X, art. 421-2-6, II, 1°|code#421-2-6|1>', '.']);
    expect(showCode('See [Code X, recital (5)]', [art(1, '(5)', 'recital (5)')])).toEqual(['See ', '<Code X, recital (5)|code#(5)|1>']);
    expect(showCode('See [Code X, § 2339B(a)(1)]', [art(1, '2339B', '§ 2339B(a)(1)')])).toEqual(['See ', '<Code X, § 2339B(a)(1)|code#2339B|1>']);
    expect(showCode('Voir [Code X, recommandation 13]', [art(1, '13', 'recommandation 13')])).toEqual(['Voir ', '<Code X, recommandation 13|code#13|1>']);
  });
});
