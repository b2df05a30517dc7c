import { describe, expect, it, vi } from 'vitest';
import type { Concept, Glossary } from '../text/glossary.js';
import { ConceptFallback, fallbackConcepts } from './concept-fallback.js';

const glossary = { frenchSynonyms: (t: string) => (t === 'videoprotect' ? ['videosurveil', 'absent', 'videosurveil'] : []) } as unknown as Glossary;
const indexed = new Set(['videosurveil', 'cctv']);

function make(termBase = true) {
  const english = vi.fn((text: string): Concept[] =>
    text === 'caméras'
      ? [
          { source: 'caméras', terms: [{ term: 'cctv', weight: 1, translated: true }] },
          { source: 'x', terms: [] },
        ]
      : [],
  );
  return { english, fallback: new ConceptFallback({ glossary, has: (t) => indexed.has(t), termBase, english }) };
}

describe('ConceptFallback', () => {
  it('gives the indexed synonyms, deduplicated, at weight 0.8', () => {
    const c: Concept = { source: 'vidéoprotection', terms: [{ term: 'videoprotect', weight: 1 }] };
    expect(fallbackConcepts(c, make().fallback.of(c, false))).toEqual([{ source: 'vidéoprotection', terms: [{ term: 'videosurveil', weight: 0.8 }] }]);
  });

  it('gives no synonyms for a name or without the term base, and reads the English once per word', () => {
    const { english, fallback } = make(false);
    const c: Concept = { source: 'caméras', terms: [{ term: 'camer', weight: 1 }] };
    const first = fallbackConcepts(c, fallback.of(c, false));
    expect(fallbackConcepts(c, fallback.of(c, false))).toEqual(first);
    expect(first.map((x) => x.source)).toEqual(['caméras']);
    expect(english).toHaveBeenCalledTimes(1);
    const named: Concept = { source: 'vidéoprotection', terms: [{ term: 'videoprotect', weight: 1 }] };
    expect(fallbackConcepts(named, make().fallback.of(named, true))).toEqual([named]);
  });
});
