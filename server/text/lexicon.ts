/**
 * Query-time look-ups in an index's cross-lingual table (`lexicon.json`): dictionary and parallel-text translations,
 * phrases first, weighted by senses and IDF, and suffix-rule cognates. Web-standard.
 */
import type { LexiconLayer, LexiconParams } from './lexicon-params.js';
import type { DictionaryDirection, LexiconTable } from './lexicon-table.js';

export type Direction = 'enFr' | 'frEn';

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** What the lexicon needs of the lexical index. */
export interface TermStatistics {
  idf(term: string): number;
  readonly size: number;
}

/** A dictionary match: how many source stems it spans and the target terms it gives. */
export interface DictionaryMatch {
  length: number;
  terms: WeightedTerm[];
}

/**
 * Translations and cognates for stems of a question, filtered at ingest by the index vocabulary.
 * @example
 * const lexicon = new Lexicon(table, lexical, DEFAULT_LEXICON_PARAMS);
 * lexicon.matchAt(['monei', 'launder'], 0, 'enFr') // { length: 2, terms: [{ term: 'blanch', … }, { term: 'argent', … }] }
 */
export class Lexicon {
  private readonly longest: Record<Direction, number>;
  private readonly longestParallel: Record<Direction, number>;
  private readonly maxIdf: number;
  /** Per table direction, the first stems of its multi-word sources: a phrase is looked up only from one of them. */
  private readonly phraseStarts = new Map<DictionaryDirection, ReadonlySet<string>>();

  constructor(
    private readonly table: LexiconTable,
    private readonly stats: TermStatistics,
    private readonly params: LexiconParams,
  ) {
    const longest = (d: DictionaryDirection) => {
      const starts = new Set<string>();
      let most = 0;
      for (const k of Object.keys(d)) {
        const ws = k.split(' ');
        if (ws.length > 1) starts.add(ws[0]);
        most = Math.max(most, ws.length);
      }
      this.phraseStarts.set(d, starts);
      return most;
    };
    this.longest = { enFr: longest(table.dictionary.enFr), frEn: longest(table.dictionary.frEn) };
    this.longestParallel = { enFr: longest(table.parallel?.enFr ?? {}), frEn: longest(table.parallel?.frEn ?? {}) };
    this.maxIdf = Math.log(1 + (stats.size - 0.5) / 1.5) || 1;
  }

  /** Number of source entries per direction, for logs and tests. */
  get sizes(): Record<Direction, { dictionary: number; cognates: number }> {
    const { dictionary, cognates } = this.table;
    return {
      enFr: { dictionary: Object.keys(dictionary.enFr).length, cognates: Object.keys(cognates.enFr).length },
      frEn: { dictionary: Object.keys(dictionary.frEn).length, cognates: Object.keys(cognates.frEn).length },
    };
  }

  /** The longest dictionary entry whose source is `stems[i…]`, with weighted target terms; null if none. */
  matchAt(stems: readonly string[], i: number, direction: Direction, minLength = 1): DictionaryMatch | null {
    return this.lookup(this.table.dictionary[direction], this.longest[direction], stems, i, direction, minLength, this.params.dictionaryWeight);
  }

  /** The longest parallel-text pair whose source is `stems[i…]`, weighted like the dictionary under its own ceiling; null if none. */
  parallelAt(stems: readonly string[], i: number, direction: Direction, minLength = 1): DictionaryMatch | null {
    const entries = this.table.parallel?.[direction];
    return entries ? this.lookup(entries, this.longestParallel[direction], stems, i, direction, minLength, this.params.parallelWeight) : null;
  }

  /**
   * The longest match of the enabled general layers (dictionary, parallel texts) at `stems[i…]`; matches of the same
   * length are merged, each term at its higher weight.
   * @example
   * lexicon.translateAt(['peac', 'offic'], 0, 'enFr', 2, new Set(['dictionary', 'parallel'])) // { length: 2, terms: [agent, paix] }
   */
  translateAt(stems: readonly string[], i: number, direction: Direction, minLength: number, layers: ReadonlySet<LexiconLayer>): DictionaryMatch | null {
    const a = layers.has('dictionary') ? this.matchAt(stems, i, direction, minLength) : null;
    const b = layers.has('parallel') ? this.parallelAt(stems, i, direction, minLength) : null;
    if (!a || !b) return a ?? b;
    if (a.length !== b.length) return a.length > b.length ? a : b;
    const out = new Map<string, number>();
    for (const t of [...a.terms, ...b.terms]) out.set(t.term, Math.max(out.get(t.term) ?? 0, t.weight));
    // A rendering both layers attest is the likelier sense: it outweighs one only a single layer gives.
    const both = new Set(a.terms.filter((t) => b.terms.some((x) => x.term === t.term)).map((t) => t.term));
    return { length: a.length, terms: [...out].map(([term, weight]) => ({ term, weight: both.has(term) ? weight * this.params.layerAgreementBonus : weight })) };
  }

  private lookup(entries: DictionaryDirection, longest: number, stems: readonly string[], i: number, direction: Direction, minLength: number, ceiling: number): DictionaryMatch | null {
    const first = stems[i];
    // A key of several stems starts with `first` and a space: without such a source, only `first` alone can match.
    const phrase = first === undefined || first.includes(' ') || (this.phraseStarts.get(entries)?.has(first) ?? true);
    for (let n = Math.min(phrase ? longest : 1, stems.length - i); n >= minLength; n--) {
      const key = stems.slice(i, i + n).join(' ');
      const entry = Object.hasOwn(entries, key) ? entries[key] : undefined;
      if (entry) return { length: n, terms: this.weighedOnce(entries, key, () => this.weigh(entry[0], entry[1], n > 1, direction, ceiling)) };
    }
    return null;
  }

  /** Per table direction (its own direction and ceiling), each matched source's weighted targets: fixed for the index, weighed once (frozen: callers copy them). */
  private readonly weighed = new Map<DictionaryDirection, Map<string, WeightedTerm[]>>();

  private weighedOnce(entries: DictionaryDirection, key: string, make: () => WeightedTerm[]): WeightedTerm[] {
    let byKey = this.weighed.get(entries);
    if (!byKey) this.weighed.set(entries, (byKey = new Map()));
    let terms = byKey.get(key);
    if (!terms) byKey.set(key, (terms = Object.freeze(make().map((t) => Object.freeze(t))) as WeightedTerm[]));
    return terms;
  }

  /** How many source stems a target stem renders read backwards (the other direction's whole-dictionary count; 1 when unknown). */
  private targetSenses(term: string, direction: Direction): number {
    return this.table.dictionary[direction === 'enFr' ? 'frEn' : 'enFr'][term]?.[1] ?? 1;
  }

  private weigh(targets: string[], senses: number, phrase: boolean, direction: Direction, ceiling: number): WeightedTerm[] {
    const p = this.params;
    const base = ceiling * (1 / targets.length) ** p.dictionarySenseExponent * (1 / senses) ** p.dictionaryAllSensesExponent * (phrase ? p.dictionaryPhraseBonus : 1);
    const idf = (t: string) => Math.min(1, this.stats.idf(t) / this.maxIdf) ** p.dictionaryIdfExponent;
    const specific = (t: string) => (p.dictionaryTargetSensesExponent ? (1 / this.targetSenses(t, direction)) ** p.dictionaryTargetSensesExponent : 1);
    const scored = targets.map((t) => t.split(' ').map((term) => ({ term, weight: base * idf(term) * specific(term) })));
    scored.sort((a, b) => Math.max(...b.map((x) => x.weight)) - Math.max(...a.map((x) => x.weight)));
    const out = new Map<string, number>();
    for (const target of scored.slice(0, p.dictionaryMaxTargets)) for (const t of target) out.set(t.term, Math.max(out.get(t.term) ?? 0, t.weight));
    return [...out].filter(([, weight]) => weight >= p.dictionaryMinWeight).map(([term, weight]) => ({ term, weight }));
  }

  /** Indexed cognates of a source stem ("secur" → "securit"), weighted. */
  cognates(stem: string, direction: Direction): WeightedTerm[] {
    const table = this.table.cognates[direction];
    return (Object.hasOwn(table, stem) ? table[stem] : []).map((term) => ({ term, weight: this.params.cognateWeight }));
  }
}
