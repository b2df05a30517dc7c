import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../types.js';
import { Bm25Index } from './bm25-index.js';
import { buildTranslatedIndex, fuseTranslated, translatedFields, translatedQuery } from './translated-field.js';

const para = (text: string, sentences?: string[]) =>
  ({ documentId: 'd', label: text.slice(0, 3), index: 0, text, ...(sentences ? { translation: { lang: 'en', translator: 't', sentences } } : {}) }) as unknown as Paragraph;

describe('translated field', () => {
  it('is null without translations, so an index without them searches as before', () => {
    expect(buildTranslatedIndex([para('L’asile n’est pas accordé.'), para('Autre texte.', ['', ''])])).toBeNull();
  });

  it('analyses each translation in its language, distinct sentences once, one document per paragraph', () => {
    const data = buildTranslatedIndex([para('Aucun.'), para('L’asile. L’asile.', ['Asylum is refused.', 'Asylum is refused.'])])!;
    expect(data.lengths).toEqual([0, translatedFields(para('x', ['Asylum is refused.']))[0].terms.length]);
    expect(data.postings.asylum).toEqual([1, 100]);
  });

  it('searches with the question’s own words, a match standing for its concept; fuses the fields per paragraph', () => {
    const field = Bm25Index.fromData(buildTranslatedIndex([para('a', ['Nothing here.']), para('b', ['Asylum is refused to terrorists.']), para('c', ['Other words.'])])!);
    const tq = translatedQuery(
      [
        { source: 'asylum', terms: [{ term: 'asil', weight: 1 }] },
        { source: 'zebra', terms: [] },
      ],
      'en',
      field,
      32,
    );
    expect(tq.query).toEqual([{ term: 'asylum', weight: 1 }]);
    const idf = new Map([['asil', 0.5]]);
    const [hit] = field.search(tq.query, 5);
    const fused = fuseTranslated(
      [
        { doc: 1, score: hit.score / 2, matched: [] },
        { doc: 2, score: hit.score * 2, matched: ['asil'] },
      ],
      [hit],
      tq,
      field,
      idf,
      5,
    );
    // Each paragraph keeps its better rendering's score.
    expect(fused).toEqual([
      { doc: 2, score: hit.score * 2, matched: ['asil'] },
      { doc: 1, score: hit.score, matched: ['asylum', 'asil'] },
    ]);
    expect(idf.get('asylum')).toBeGreaterThan(0);
  });
});
