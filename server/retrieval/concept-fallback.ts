/** What a French word the index lacks is searched with: computed once per word and index. Web-standard. */
import { BoundedMemo } from '../text/bounded-memo.js';
import type { Concept, Glossary } from '../text/glossary.js';

/** The fallback of one concept: its French synonyms the index has (deduplicated), else the English concepts of its source (possibly none). */
export type Fallback = { synonyms: readonly string[] } | { english: readonly Concept[] };

/** Words kept (bounded like the analyser's word caches: a memo of words, whatever users send). */
const FALLBACK_LIMIT = 50_000;

export interface FallbackDeps {
  glossary: Glossary;
  /** True when the index has the term. */
  has: (term: string) => boolean;
  /** True when the term base is among the layers in use. */
  termBase: boolean;
  /** English concepts of a text through the term base alone. */
  english: (text: string) => Concept[];
}

/**
 * The concept fallback of `conceptsOf` for a French question (a concept none of whose terms the index has: its
 * synonyms from the glossary, else the term base's English), as a layer compiled per index, keyed by word.
 * @example
 * const fallback = new ConceptFallback(deps);
 * fallback.of({ source: 'vidéoprotection', terms: [{ term: 'videoprotect', weight: 1 }] }, false); // { english: [...] }
 */
export class ConceptFallback {
  private readonly memo = new BoundedMemo<string, Fallback>(FALLBACK_LIMIT);

  constructor(private readonly deps: FallbackDeps) {}

  /** The fallback of a concept whose terms the index lacks; `named` when its source is written as a name (no synonyms then). */
  of(c: Concept, named: boolean): Fallback {
    let key = `${named ? 1 : 0}${c.source}`;
    for (const t of c.terms) key += `\u0000${t.term}`;
    return this.memo.get(key, () => this.compute(c, named));
  }

  private compute(c: Concept, named: boolean): Fallback {
    const { glossary, has, termBase } = this.deps;
    const synonyms = named || !termBase ? [] : c.terms.flatMap((t) => glossary.frenchSynonyms(t.term)).filter((t) => has(t));
    if (synonyms.length) return { synonyms: [...new Set(synonyms)] };
    return { english: this.deps.english(c.source).filter((x) => x.terms.length) };
  }
}

/**
 * The concepts a fallback stands for (a fresh list; the concept itself when there is no English either).
 * @example
 * fallbackConcepts(c, { synonyms: ['terror'] }) // [{ ...c, terms: [{ term: 'terror', weight: 0.8 }] }]
 */
export function fallbackConcepts(c: Concept, fallback: Fallback): Concept[] {
  if ('synonyms' in fallback) return [{ ...c, terms: fallback.synonyms.map((term) => ({ term, weight: 0.8 })) }];
  return fallback.english.length ? [...fallback.english] : [c];
}
