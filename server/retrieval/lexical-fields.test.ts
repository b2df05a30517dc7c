import { describe, expect, it } from 'vitest';
import type { DocumentMeta, Paragraph } from '../types.js';
import { FIELD_WEIGHTS, paragraphFields } from './lexical-fields.js';

const doc = { id: 'act', language: 'en' } as DocumentMeta;
const unit = (title?: string): Paragraph => ({
  documentId: 'act',
  label: '5',
  index: 0,
  text: 'A person may disclose information.',
  kind: 'numbered',
  section: 'Disclosure',
  ...(title ? { title } : {}),
});

describe('paragraphFields', () => {
  it("indexes the unit's own heading (a marginal note) beside its text, weighted as a title", () => {
    const fields = paragraphFields(unit('Purpose of the Act'), doc);
    const title = fields.find((f) => f.weight === FIELD_WEIGHTS.title)!;
    expect(title.terms).toEqual(expect.arrayContaining(['purpos']));
    expect(FIELD_WEIGHTS.title).toBeGreaterThan(FIELD_WEIGHTS.text);
  });

  it('a unit without a heading has an empty title field', () => {
    expect(paragraphFields(unit(), doc).find((f) => f.weight === FIELD_WEIGHTS.title)!.terms).toEqual([]);
  });
});
