import { describe, expect, it } from 'vitest';
import type { DocumentMeta, Paragraph } from '../types.js';
import { bestCued, documentAfter, inOtherWord } from './reference-owner.js';

const cues = {
  match: (text: string) => [
    ...(/80\/41/.test(text) ? [{ documentId: 'resolution', score: 1.1 }] : []),
    ...(/Secretary-General|General Assembly/.test(text) ? [{ documentId: 'symposium', score: 2.4 }] : []),
  ],
};

describe('documentAfter', () => {
  const named = ['symposium', 'resolution'];
  it('binds a reference to the document named right after "of", not to the best cue of the whole question', () => {
    expect(documentAfter('What does paragraph 9 of resolution 80/41 request from the Secretary-General?', '9', named, cues as never)).toBe('resolution');
    expect(documentAfter('Que dit le paragraphe 4 de la résolution 80/41 ?', '4', named, cues as never)).toBe('resolution');
  });
  it('no "of" after the label, or nothing named there: undefined', () => {
    expect(documentAfter('Under resolution 80/41, what does paragraph 9 request?', '9', named, cues as never)).toBeUndefined();
    expect(documentAfter('What does paragraph 9 of it request from the Secretary-General?', '9', ['resolution'], cues as never)).toBeUndefined();
  });
});

describe('inOtherWord', () => {
  const store = { paragraph: (_: string, label: string) => (label === '6.3' ? ({ label, kind: 'numbered', unit: 'section' } as Paragraph) : undefined) };
  const act = { id: 'act', language: 'en' } as DocumentMeta;
  const code = { id: 'code', language: 'fr' } as DocumentMeta;
  it("an English Act's section answers « article »; nothing answers a kind without a counterpart", () => {
    expect(inOtherWord(store, act, '6.3', 'article')).toBe(true);
    expect(inOtherWord(store, act, '7', 'article')).toBe(false);
    expect(inOtherWord(store, code, '6.3', 'article')).toBe(false);
    expect(inOtherWord(store, act, '6.3', 'paragraph')).toBe(false);
    expect(inOtherWord(store, act, '6.3', undefined)).toBe(false);
  });
});

describe('bestCued', () => {
  const meta = (id: string) => ({ id }) as DocumentMeta;
  it('picks the candidate the question cues most, only when one leads', () => {
    const [coe, hostages, sua] = [meta('coe'), meta('hostages'), meta('sua')];
    expect(bestCued([hostages, coe, sua], [{ documentId: 'coe', score: 0.5 }])?.id).toBe('coe');
    expect(bestCued([hostages, coe], [])).toBeUndefined();
    expect(
      bestCued(
        [coe, sua],
        [
          { documentId: 'coe', score: 0.5 },
          { documentId: 'sua', score: 0.5 },
        ],
      ),
    ).toBeUndefined();
    expect(bestCued([hostages], [{ documentId: 'coe', score: 1 }])).toBeUndefined();
  });
});
