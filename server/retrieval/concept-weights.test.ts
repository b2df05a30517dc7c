import { describe, expect, it } from 'vitest';
import { weighConcepts } from './concept-weights.js';

describe('weighConcepts', () => {
  it('damps framing words, lifts names, and weighs terms other than the rarest of each language 1/√n', () => {
    const idf = (t: string) => ({ a: 1, b: 3, c: 2, d: 1 })[t] ?? 0;
    const [frame, named] = weighConcepts(
      [
        { source: 'rôle', terms: [{ term: 'rol', weight: 1 }] },
        {
          source: 'osce x',
          terms: [
            { term: 'a', weight: 1 },
            { term: 'b', weight: 1 },
            { term: 'c', weight: 1, translated: true },
            { term: 'd', weight: 0.5, translated: true },
          ],
        },
      ],
      new Set(['osce']),
      idf,
    );
    expect(frame.importance).toBe(0.3);
    expect(named.importance).toBe(1.5);
    expect(named.terms.map((t) => t.weight)).toEqual([1.5 / Math.SQRT2, 1.5, 1.5, (0.5 * 1.5) / Math.SQRT2]);
  });
});
