import { describe, expect, it } from 'vitest';
import { tinyDeps } from '../../tests/helpers/tiny-corpus.js';
import { documentsOf, documentVocabulary, documentWords } from './decide-documents.js';

const deps = tinyDeps();
const alpha = deps.store.document('alpha')!;
const beta = deps.store.document('beta')!;

describe('documents an answer would cite', () => {
  it('a document’s vocabulary holds its text, its titles in both languages and the year of its date', () => {
    const v = documentVocabulary(alpha, deps.store);
    expect(v.has('financ')).toBe(true);
    expect(v.has('alpha')).toBe(true);
    expect(v.has('2001')).toBe(true);
    expect(v.has('minist')).toBe(false);
    expect(documentVocabulary(beta, deps.store).has('minist')).toBe(true);
  });

  it('read from the index’s postings, a document’s vocabulary is the one analysing its text gives', () => {
    for (const d of deps.store.documents()) {
      const analysed = documentVocabulary({ ...d }, deps.store);
      const indexed = documentVocabulary({ ...d }, deps.store, deps.pipeline.deps);
      expect([...indexed].sort()).toEqual([...analysed].sort());
    }
  });

  it('a document’s words, one list per unit and its titles', () => {
    expect(documentWords(alpha, deps.store)).toHaveLength(6);
  });

  it('the documents of some passages, once each', async () => {
    const r = await deps.pipeline.retrieve({ question: 'Que prévoit le Plan Alpha contre le financement du terrorisme ?' });
    expect(documentsOf(r.passages).length).toBeLessThanOrEqual(2);
  });
});
