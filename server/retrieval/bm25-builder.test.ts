import { describe, expect, it } from 'vitest';
import { Bm25Builder } from './bm25-builder.js';
import { buildBm25, encodeBm25, type FieldTerms } from './bm25-index.js';

describe('Bm25Builder', () => {
  it('encodes byte for byte what encodeBm25(buildBm25(…)) encodes, numeric terms first as object keys list them', () => {
    const docs: FieldTerms[] = [
      [
        { terms: ['terror', '2001', 'financ', 'terror'], weight: 1 },
        { terms: ['financ'], weight: 0.3 },
      ],
      [
        { terms: ['12', 'sanction', '01', '2001'], weight: 1 },
        { terms: [], weight: 0.3 },
      ],
      [
        { terms: ['terror', '4294967295', '7'], weight: 1 },
        { terms: ['sanction', 'terror'], weight: 0.3 },
      ],
    ];
    const builder = new Bm25Builder();
    for (const d of docs) builder.add(d);
    const built = builder.encode();
    const reference = encodeBm25(buildBm25(docs));
    expect(built.meta).toEqual(reference.meta);
    expect(built.meta.terms.slice(0, 3)).toEqual(['7', '12', '2001']);
    expect(Buffer.from(built.postings).equals(Buffer.from(reference.postings))).toBe(true);
  });
});
