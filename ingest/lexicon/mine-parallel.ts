/**
 * Translation pairs mined from parallel texts aligned unit by unit (ingest/lexicon/statute-xml.ts): both sides stemmed
 * with the project's analyser, candidate terms are runs of 1–`maxStems` consecutive stems frequent enough on their side,
 * and a pair is kept when its Dice coefficient over the aligned units, 2·c(e,f) / (df(e) + df(f)), is high, it co-occurs
 * often, in several texts (Acts), and it is the best partner of both of its sides (competitive linking). Deterministic.
 */
import { terms } from '../../server/text/analyzer.js';

/** Thresholds of the mining, recorded with the output. */
export interface MiningOptions {
  /** Longest candidate term, in stems. */
  maxStems: number;
  /** A candidate term occurs in at least this many aligned units. */
  minDf: number;
  /** A pair co-occurs in at least this many aligned units. */
  minCount: number;
  /** Least Dice coefficient. */
  minDice: number;
  /** The pair's Dice is at least this share of the best Dice of either side (1 = mutual best only). */
  minShareOfBest: number;
  /** Aligned units longer than this (stems, either side) are left out: long units pair everything with everything. */
  maxUnitStems: number;
  /** A pair is attested in at least this many groups (Acts): one Act's recurring boilerplate pairs unrelated words. */
  minGroups: number;
  /**
   * Competitive linking among distinct stems: the best partner of a side is taken among the pairs the other thresholds keep
   * whose two stems differ. A stem spelled alike in both languages is joined by the analyser already, so it no longer
   * hides a word's second partner, often its legal sense (« responsabilité »: responsibility, then liability). False: the
   * best among all candidate pairs (the first version).
   */
  distinctBest?: boolean;
}

/**
 * The shipped thresholds. Second version (branch xling6): minDice 0.5 → 0.35 and the linking among distinct stems, 762 → 928
 * one-word pairs (« responsabilité » → liability, « poursuite » → prosecution, « bien » → property); on the training suites
 * documents Hit@1 0.782 → 0.795 and documents-3 0.577 → 0.592, nothing lost. Linking to the best of either side only
 * (1,415 pairs) let phrase fragments in ("within" → « jour », of "within 30 days") and lost a documents-6 question and a
 * must-abstain question of core + documents.
 */
export const DEFAULT_MINING: Readonly<MiningOptions> = { maxStems: 2, minDf: 5, minCount: 5, minDice: 0.35, minShareOfBest: 1, maxUnitStems: 40, minGroups: 3, distinctBest: true };

/** An aligned unit: where it comes from and its two texts. */
export interface AlignedUnit {
  /** The text the unit belongs to (an Act): pairs must recur across groups. */
  group: string;
  source: string;
  en: string;
  fr: string;
}

/** A mined pair, in stems, with its statistics and up to three units that attest it. */
export interface MinedPair {
  en: string;
  fr: string;
  dice: number;
  count: number;
  groups: number;
  sources: string[];
}

/** Runs of 1…max consecutive stems, distinct, without runs made only of numbers. */
function candidates(stems: string[], max: number): string[] {
  const out = new Set<string>();
  for (let i = 0; i < stems.length; i++)
    for (let n = 1; n <= max && i + n <= stems.length; n++) {
      const run = stems.slice(i, i + n);
      if (run.some((s) => /\d/.test(s)) || run.every((s) => s.length < 2)) continue;
      out.add(run.join(' '));
    }
  return [...out];
}

interface Side {
  ids: Map<string, number>;
  names: string[];
  df: number[];
}

/** Terms occurring in at least `minDf` units, numbered by ascending document frequency (then name). */
function frequentTerms(units: string[][], minDf: number): Side {
  const df = new Map<string, number>();
  for (const u of units) for (const t of u) df.set(t, (df.get(t) ?? 0) + 1);
  const names = [...df]
    .filter(([, n]) => n >= minDf)
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .map(([t]) => t);
  return { ids: new Map(names.map((t, i) => [t, i])), names, df: names.map((t) => df.get(t)!) };
}

/** First index of a sorted array whose value is ≥ x. */
function lowerBound(values: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Co-occurrence counts of English term ids [from, to) with the French term ids whose document frequency could give
 * them the least Dice (2·min(df)/(df(e)+df(f)) ≥ minDice bounds the ratio of the two frequencies), over the units;
 * French ids are numbered by frequency, so those partners are a range [lo, hi) of ids, and each unit's ids are sorted.
 */
function countBatch(en: number[][], fr: Int32Array[], range: (e: number) => [number, number], from: number, to: number): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>();
  for (let u = 0; u < en.length; u++)
    for (const e of en[u]) {
      if (e < from || e >= to) continue;
      const [lo, hi] = range(e);
      const ids = fr[u];
      const end = lowerBound(ids, hi);
      if (end === 0) continue;
      const row = out.get(e) ?? out.set(e, new Map()).get(e)!;
      for (let k = lowerBound(ids, lo); k < end; k++) row.set(ids[k], (row.get(ids[k]) ?? 0) + 1);
    }
  return out;
}

/** Pairs within `share` of the best Dice of both their sides, the bests taken among the pairs of different stems. */
function distinctBest<P extends { e: number; f: number; dice: number }>(found: P[], E: Side, F: Side, share: number): P[] {
  const distinct = found.filter((p) => E.names[p.e] !== F.names[p.f]);
  const bestE = new Map<number, number>();
  const bestF = new Map<number, number>();
  for (const p of distinct) {
    bestE.set(p.e, Math.max(bestE.get(p.e) ?? 0, p.dice));
    bestF.set(p.f, Math.max(bestF.get(p.f) ?? 0, p.dice));
  }
  return distinct.filter((p) => p.dice >= share * Math.max(bestE.get(p.e)!, bestF.get(p.f)!));
}

/**
 * Mines translation pairs from aligned units.
 * @example
 * minePairs(units, DEFAULT_MINING).find((p) => p.en === 'peac offic') // { fr: 'agent paix', dice: 0.9, … }
 */
export function minePairs(units: AlignedUnit[], options: MiningOptions = DEFAULT_MINING): MinedPair[] {
  const stemmed = units
    .map((u) => ({ group: u.group, source: u.source, en: terms(u.en, 'en'), fr: terms(u.fr, 'fr') }))
    .filter((u) => u.en.length && u.fr.length && u.en.length <= options.maxUnitStems && u.fr.length <= options.maxUnitStems);
  const enTerms = stemmed.map((u) => candidates(u.en, options.maxStems));
  const frTerms = stemmed.map((u) => candidates(u.fr, options.maxStems));
  const E = frequentTerms(enTerms, options.minDf);
  const F = frequentTerms(frTerms, options.minDf);
  const enIds = enTerms.map((ts) => ts.flatMap((t) => E.ids.get(t) ?? []));
  const frIds = frTerms.map((ts) => Int32Array.from(ts.flatMap((t) => F.ids.get(t) ?? [])).sort());
  // Dice ≥ d needs df(f) within [df(e)·d/(2−d), df(e)·(2−d)/d].
  const ratio = (2 - options.minDice) / options.minDice;
  const range = (e: number): [number, number] => [lowerBound(F.df, E.df[e] / ratio), lowerBound(F.df, E.df[e] * ratio + 1)];
  const bestE = new Float64Array(E.names.length);
  const bestF = new Float64Array(F.names.length);
  const found: Array<{ e: number; f: number; dice: number; count: number }> = [];
  const BATCH = 4000;
  for (let from = 0; from < E.names.length; from += BATCH)
    for (const [e, row] of countBatch(enIds, frIds, range, from, from + BATCH))
      for (const [f, count] of row) {
        const dice = (2 * count) / (E.df[e] + F.df[f]);
        if (dice > bestE[e]) bestE[e] = dice;
        if (dice > bestF[f]) bestF[f] = dice;
        if (count >= options.minCount && dice >= options.minDice) found.push({ e, f, dice, count });
      }
  const kept = options.distinctBest
    ? distinctBest(found, E, F, options.minShareOfBest)
    : found.filter((p) => p.dice >= options.minShareOfBest * Math.max(bestE[p.e], bestF[p.f]) && E.names[p.e] !== F.names[p.f]);
  const partners = new Map<string, string[]>();
  for (const p of kept) (partners.get(E.names[p.e]) ?? partners.set(E.names[p.e], []).get(E.names[p.e])!).push(F.names[p.f]);
  const sources = new Map<string, string[]>();
  const groups = new Map<string, Set<string>>();
  stemmed.forEach((u, i) => {
    const fr = new Set(frTerms[i]);
    for (const e of enTerms[i])
      for (const f of partners.get(e) ?? []) {
        if (!fr.has(f)) continue;
        const k = `${e}\t${f}`;
        const seen = groups.get(k) ?? groups.set(k, new Set()).get(k)!;
        if (seen.has(u.group)) continue;
        seen.add(u.group);
        const list = sources.get(k) ?? sources.set(k, []).get(k)!;
        if (list.length < 3) list.push(u.source);
      }
  });
  return kept
    .map((p) => {
      const en = E.names[p.e];
      const fr = F.names[p.f];
      return { en, fr, dice: Math.round(p.dice * 1000) / 1000, count: p.count, groups: groups.get(`${en}\t${fr}`)?.size ?? 0, sources: sources.get(`${en}\t${fr}`) ?? [] };
    })
    .filter((p) => p.groups >= options.minGroups)
    .sort((a, b) => (a.en < b.en ? -1 : a.en > b.en ? 1 : a.fr < b.fr ? -1 : a.fr > b.fr ? 1 : 0));
}
