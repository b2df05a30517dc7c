/**
 * Preambles written as one paragraph ("The States Parties to this Convention, Bearing in mind …, Recalling …,
 * Considering …, Have agreed as follows:"), as conventions often are once converted to text: each participial
 * clause becomes its own preamble unit, as it is when the clauses stand on their own lines. Pure.
 */

/**
 * A clause opener inside a paragraph: a capitalised participle or one of the adjectives preambular clauses open
 * with (English and French, also in capitals), after a comma or semicolon.
 */
const OPENER = String.raw`(?:(?:\p{Lu}\p{Ll}+ly|Profondément|Vivement|Gravement)\s+\p{Ll}+(?:ed|é|ée|és|ées)|\p{Lu}\p{Ll}+(?:ing|ant)|\p{Lu}{2,}(?:ING|ANT)|Aware|Mindful|Conscious|Convinced|Determined|Desirous|Being convinced|Bearing in mind|Conscient\p{Ll}*|Convaincu\p{Ll}*|Résolu\p{Ll}*|Soucieu\p{Ll}*|Désireu\p{Ll}*|Gardant à l’esprit)`;
/** An opener followed by a lower-case word ("Recalling also…", « Rappelant que… »): attests that the document uses it. */
const ATTESTED = new RegExp(String.raw`(?<=[,;]\s+|^)(${OPENER})(?=\s+[\p{Ll}«“"])`, 'gu');

/** Fewer clauses than this, or a shorter paragraph, stays one unit. */
const MIN_CLAUSES = 3;
const MIN_LENGTH = 300;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Splits a one-paragraph preamble at its clause openers — words the paragraph itself uses to open a clause before
 * a lower-case word ("Recalling the…" attests "Recalling General Assembly resolution…" too). The lead-in ("The
 * member States …,") stays with the first clause and the closing formula ("Have agreed as follows:") with the last.
 * Other text comes back whole.
 * @example
 * splitPreambleClauses(long) // ['The States Parties, Bearing in mind …,', 'Recalling …,', …, 'Noting …, Have agreed as follows:']
 */
export function splitPreambleClauses(text: string): string[] {
  if (text.length < MIN_LENGTH) return [text];
  const openers = new Set([...text.matchAll(ATTESTED)].map((m) => m[1]));
  if (openers.size === 0) return [text];
  const boundary = new RegExp(String.raw`(?<=[,;])\s+(?=(?:${[...openers].map(escapeRegExp).join('|')})(?![\p{L}]))`, 'gu');
  const parts = text
    .split(boundary)
    .map((c) => c.trim())
    .filter(Boolean);
  const opens = (c: string) => [...openers].some((o) => c.startsWith(o));
  const clauses = parts.length > 1 && !opens(parts[0]) ? [`${parts[0]} ${parts[1]}`, ...parts.slice(2)] : parts;
  return clauses.length >= MIN_CLAUSES ? clauses : [text];
}
