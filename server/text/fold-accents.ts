/** Accent folding shared by every lexical path (French text is folded after stemming). Web-standard. */

/** Module-level (like every regular expression with `\p{…}` here): esbuild's node20 target rewrites such a literal as `new RegExp(…)`, re-created on every call. */
const MARKS = /\p{M}+/gu;

/**
 * Folds diacritics and ligatures.
 * @example
 * foldAccents('État, œuvre'); // 'Etat, oeuvre'
 */
export function foldAccents(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  return s.normalize('NFD').replace(MARKS, '').replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae');
}
