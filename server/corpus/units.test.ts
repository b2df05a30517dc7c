import { describe, expect, it } from 'vitest';
import { CorpusStore } from './corpus-store.js';
import { romanValue } from './units.js';

describe('romanValue', () => {
  it('reads upper-case Roman numerals and nothing else', () => {
    expect(['I', 'IV', 'IX', 'XIV', 'XL', 'XCIX', 'CCCXC'].map(romanValue)).toEqual([1, 4, 9, 14, 40, 99, 390]);
    expect(['iv', 'IIII', 'VX', 'L224-1', '12', ''].map(romanValue)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('CorpusStore.paragraph', () => {
  it('finds a Roman-numbered article by its number and a numbered one by its numeral', () => {
    const doc = (id: string) => ({ id, title: id, language: 'en' as const, numbering: 'numbered' as const, paragraphCount: 1 });
    const para = (documentId: string, label: string) => ({ documentId, label, text: `${label}.`, kind: 'numbered' as const, unit: 'article' as const });
    const store = new CorpusStore({ documents: [doc('treaty'), doc('code')], paragraphs: [para('treaty', 'XIV'), para('code', '3')] } as never);
    expect(store.paragraph('treaty', '14')?.label).toBe('XIV');
    expect(store.paragraph('treaty', 'XIV')?.label).toBe('XIV');
    expect(store.paragraph('code', 'III')?.label).toBe('3');
    expect(store.paragraph('code', 'L')).toBeUndefined();
  });
});
