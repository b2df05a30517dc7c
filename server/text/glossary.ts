/** English→French expansion of English questions with the domain term base (term-base.ts). Web-standard. */
import { analyze, terms, type Token } from './analyzer.js';
import { DEFAULT_LEXICON_PARAMS, type LexiconParams } from './lexicon-params.js';
import { termBasePairs } from './term-base.js';

/** A unit of meaning of the question: the French (or pass-through) terms that express it. */
export interface Concept {
  /** Terms to search, with weights (1 for the main rendering, less for alternatives); `translated` for renderings in the other language (term base, dictionary, cognates). */
  terms: Array<{ term: string; weight: number; translated?: boolean }>;
  /** What the user wrote. */
  source: string;
  /** Importance in ranking and coverage (1 by default; less for question-framing words and follow-up context). */
  importance?: number;
  /** True for concepts carried over from the previous question of a follow-up. */
  fromHistory?: boolean;
  /** The glossary entry that produced it, if any: [english, french]. */
  entry?: readonly [string, string];
}

interface CompiledEntry {
  key: string[];
  entry: readonly [string, string];
  french: Array<{ term: string; weight: number }>;
}

/**
 * French terms of an entry: its main rendering's, then its alternatives' at a lower weight. For a one-word English match
 * (`word`), multi-word alternatives are left out: their other words ("debout" of « magistrature assise et debout » for
 * "judges") are not what the word means.
 */
function frenchTerms(fr: string, params: Pick<LexiconParams, 'termBaseWeight' | 'termBaseAlternativeWeight'>, word = false): Array<{ term: string; weight: number }> {
  const out = new Map<string, number>();
  fr.split('|').forEach((variant, i) => {
    const stems = terms(variant, 'fr');
    if (word && i > 0 && stems.length > 1) return;
    for (const t of stems) if (!out.has(t)) out.set(t, i === 0 ? params.termBaseWeight : params.termBaseAlternativeWeight);
  });
  return [...out].map(([term, weight]) => ({ term, weight }));
}

/**
 * Matches English phrases of a question against the glossary, longest first.
 * @example
 * const g = new Glossary();
 * g.expand('How should states fight money laundering?').map((c) => c.source)
 * // ['states', 'fight', 'money laundering']
 */
export class Glossary {
  private readonly byFirst = new Map<string, CompiledEntry[]>();
  /** French single-word term → English terms of the entries it renders (French questions over English documents). */
  private readonly reverse = new Map<string, Set<string>>();
  /** First stem of a multi-word French rendering → its stems and the English terms of its entry's main variant, longest first. */
  private readonly reversePhrases = new Map<string, Array<{ key: string[]; english: string[] }>>();
  /** French single-word term → the terms of the other French renderings of its entries ("adhérer" → "devenir parties"). */
  private readonly synonyms = new Map<string, Set<string>>();
  readonly size: number;

  constructor(entries: ReadonlyArray<readonly [string, string]> = termBasePairs(), params: Pick<LexiconParams, 'termBaseWeight' | 'termBaseAlternativeWeight'> = DEFAULT_LEXICON_PARAMS) {
    this.size = entries.length;
    for (const entry of entries) {
      const french = frenchTerms(entry[1], params);
      if (!french.length) continue;
      const forWord = frenchTerms(entry[1], params, true);
      for (const variant of entry[0].split('|')) {
        const key = terms(variant, 'en');
        if (!key.length) continue;
        const list = this.byFirst.get(key[0]) ?? [];
        list.push({ key, entry, french: key.length === 1 ? forWord : french });
        this.byFirst.set(key[0], list);
      }
      // Read backwards, a French word renders the entry's one-word English variants and its main one, not the other words of
      // longer variants ("demande" → request, not "formal" of "formal request").
      const english = new Set(entry[0].split('|').flatMap((v, i) => (i === 0 || terms(v, 'en').length === 1 ? terms(v, 'en') : [])));
      const variants = entry[1].split('|').map((v) => terms(v, 'fr'));
      const main = terms(entry[0].split('|')[0], 'en');
      for (const fr of variants) {
        if (fr.length > 1 && main.length) (this.reversePhrases.get(fr[0]) ?? this.reversePhrases.set(fr[0], []).get(fr[0])!).push({ key: fr, english: main });
        if (fr.length !== 1) continue;
        const set = this.reverse.get(fr[0]) ?? new Set<string>();
        for (const t of english) set.add(t);
        this.reverse.set(fr[0], set);
        const same = this.synonyms.get(fr[0]) ?? new Set<string>();
        for (const other of variants) for (const t of other) if (t !== fr[0]) same.add(t);
        this.synonyms.set(fr[0], same);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
    for (const list of this.reversePhrases.values()) list.sort((a, b) => b.key.length - a.key.length);
  }

  /**
   * Splits an English question into concepts: glossary phrases (French terms) and the remaining
   * words (left for the caller to handle, with `entry` unset and `terms` empty).
   */
  expand(question: string): Concept[] {
    const tokens = analyze(question, 'en');
    const out: Concept[] = [];
    let i = 0;
    while (i < tokens.length) {
      const hit = this.matchAt(tokens, i);
      if (hit) {
        out.push({
          terms: hit.french,
          source: tokens
            .slice(i, i + hit.key.length)
            .map((t) => t.surface)
            .join(' '),
          entry: hit.entry,
        });
        i += hit.key.length;
      } else {
        out.push({ terms: [], source: tokens[i].surface });
        i += 1;
      }
    }
    return out;
  }

  /** The longest entry whose English side starts at `tokens[i]`, if any. */
  matchAt(tokens: readonly Token[], i: number): { key: string[]; entry: readonly [string, string]; french: Array<{ term: string; weight: number }> } | undefined {
    const candidates = this.byFirst.get(tokens[i].term);
    if (!candidates) return undefined;
    for (const c of candidates) {
      let j = 1;
      while (j < c.key.length && tokens[i + j]?.term === c.key[j]) j++;
      if (j === c.key.length) return c;
    }
    return undefined;
  }

  /** How many glossary phrases {@link expand} finds in a question (without building its concepts). */
  entryCount(question: string): number {
    const tokens = analyze(question, 'en');
    let n = 0;
    for (let i = 0; i < tokens.length; ) {
      const hit = this.matchAt(tokens, i);
      if (hit) n++;
      i += hit ? hit.key.length : 1;
    }
    return n;
  }

  /** Other French terms for a French term: the alternative renderings of the same glossary entries. */
  frenchSynonyms(frenchTerm: string): string[] {
    return [...(this.synonyms.get(frenchTerm) ?? [])];
  }

  /**
   * The longest multi-word French rendering whose stems are `stems[i…]`, with the English terms of its entry's main variant
   * (« entraide judiciaire » → mutual legal assistance); null if none.
   */
  englishPhraseAt(stems: readonly string[], i: number): { length: number; english: string[] } | null {
    for (const c of this.reversePhrases.get(stems[i]) ?? []) if (c.key.every((k, j) => stems[i + j] === k)) return { length: c.key.length, english: c.english };
    return null;
  }

  /** English terms for a French term, from the glossary's single-word French renderings. */
  englishFor(frenchTerm: string): string[] {
    return [...(this.reverse.get(frenchTerm) ?? [])];
  }

  /** French renderings whose words occur in a French text, for English framing ("financement du terrorisme = terrorist financing"). */
  static firstVariant(side: string): string {
    return side.split('|')[0].trim();
  }
}
