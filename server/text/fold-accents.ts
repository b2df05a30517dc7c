/** Accent folding shared by every lexical path (French text is folded after stemming). Web-standard. */

/**
 * Folds diacritics and ligatures.
 * @example
 * foldAccents('État, œuvre'); // 'Etat, oeuvre'
 */
export function foldAccents(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae');
}
