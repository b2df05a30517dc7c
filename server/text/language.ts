/** French/English detection of questions, by stop words and diacritics. Web-standard. */
import type { Lang } from '../types.js';
import { foldAccents, STOP_WORDS, words } from './analyzer.js';
import { BoundedMemo } from './bounded-memo.js';

/** Module-level (like every regular expression with `\p{…}` here): esbuild's node20 target rewrites such a literal as `new RegExp(…)`, re-created on every call. */
const UPPER_WORDS = /\b\p{Lu}{2,}\b/gu;
const FR_MARKERS = /[àâçéèêëîïôûùüÿœ]|\b(?:qu|l|d|c|n|s|j)'/i;
const FR_ONLY = new Set([
  'le',
  'la',
  'les',
  'des',
  'du',
  'est',
  'et',
  'que',
  'qui',
  'quel',
  'quelle',
  'quels',
  'quelles',
  'pour',
  'dans',
  'sur',
  'avec',
  'une',
  'un',
  'au',
  'aux',
  'ce',
  'cette',
  'ces',
  'il',
  'elle',
  'ils',
  'elles',
  'paragraphe',
  'selon',
  'quoi',
  'comment',
  'pourquoi',
  'quand',
  'combien',
  'mais',
  'ou',
  'où',
  'donc',
  'ne',
  'pas',
  'de',
]);
const EN_ONLY = new Set([
  'the',
  'and',
  'of',
  'to',
  'is',
  'are',
  'what',
  'which',
  'who',
  'when',
  'where',
  'why',
  'how',
  'does',
  'do',
  'did',
  'for',
  'with',
  'on',
  'in',
  'by',
  'this',
  'that',
  'it',
  'its',
  'should',
  'paragraph',
  'about',
  'say',
  'says',
  'from',
  'be',
  'was',
  'were',
  'has',
  'have',
  'according',
  'states',
  'their',
]);

/** How much a lower-cased word counts for French and for English; each word read once (bounded, like the analyser's caches). */
const votes = new BoundedMemo<string, readonly [number, number]>(100_000);
function wordVotes(w: string): readonly [number, number] {
  const f = foldAccents(w);
  const fr = FR_ONLY.has(w) || FR_ONLY.has(f) ? 1 : STOP_WORDS.fr.has(f) && !STOP_WORDS.en.has(f) ? 0.5 : 0;
  const en = EN_ONLY.has(w) ? 1 : STOP_WORDS.en.has(f) && !STOP_WORDS.fr.has(f) ? 0.5 : 0;
  return [fr, en];
}

/**
 * Guesses whether a question is French or English; `fallback` wins on a tie.
 * @example
 * detectLanguage('By what date should OSCE States join the conventions?') // 'en'
 * detectLanguage("D'ici quand les États doivent-ils adhérer ?") // 'fr'
 */
export function detectLanguage(text: string, fallback: Lang = 'fr'): Lang {
  let fr = 0;
  let en = 0;
  const acronyms = new Set((text.match(UPPER_WORDS) ?? []).map((w) => w.toLowerCase()));
  for (const w of words(text)) {
    if (acronyms.has(w)) continue;
    const [f, e] = votes.get(w, wordVotes);
    fr += f;
    en += e;
  }
  if (FR_MARKERS.test(text)) fr += 1.5;
  if (fr === en) return fallback;
  return fr > en ? 'fr' : 'en';
}
