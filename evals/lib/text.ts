/** Text helpers of the evaluation: accent- and case-insensitive matching, key facts, answer language. */

/**
 * Folds text for comparison: Unicode NFD without combining marks, lower case, ligatures œ/æ spelled out,
 * typographic apostrophes and quotes made ASCII, non-breaking spaces and runs of white space made one space.
 * @example
 * fold('L’Équipe  spéciale\u00a0Œuvre') // "l'equipe speciale oeuvre"
 */
export function fold(text: string): string {
  return text
    .replace(/[œŒ]/g, (c) => (c === 'œ' ? 'oe' : 'OE'))
    .replace(/[æÆ]/g, (c) => (c === 'æ' ? 'ae' : 'AE'))
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * True when a key fact is found in the text. A key fact is a list of alternatives separated by `|`,
 * each matched as a literal substring after {@link fold}; a fact written `/pattern/flags` is a regular
 * expression applied to the folded text instead (write it in folded form: no accents, lower case).
 * @example
 * keyFactFound('2002|31 décembre 2002|December 31, 2002', 'Avant le 31 DECEMBRE 2002.') // true
 * keyFactFound('/\\b1267\\b/', 'résolution 1267 (1999)') // true
 */
export function keyFactFound(fact: string, text: string): boolean {
  const hay = fold(text);
  const re = /^\/(.+)\/([a-z]*)$/s.exec(fact.trim());
  if (re) return new RegExp(re[1], re[2].includes('i') ? re[2] : `${re[2]}i`).test(hay);
  return fact
    .split('|')
    .map((alt) => fold(alt))
    .filter((alt) => alt !== '')
    .some((alt) => hay.includes(alt));
}

/**
 * Splits key facts into those found in the text and those missing.
 * @example
 * checkKeyFacts(['1269', '1373'], 'résolution 1373') // { found: ['1373'], missing: ['1269'] }
 */
export function checkKeyFacts(facts: readonly string[], text: string): { found: string[]; missing: string[] } {
  const found: string[] = [];
  const missing: string[] = [];
  for (const f of facts) (keyFactFound(f, text) ? found : missing).push(f);
  return { found, missing };
}

/**
 * True when a fragment occurs in a text, compared after {@link fold}.
 * @example
 * containsFolded('L’OSCE s’emploie', "l'osce s'emploie") // true
 */
export function containsFolded(text: string, fragment: string): boolean {
  return fold(text).includes(fold(fragment));
}

const FR_WORDS = new Set(
  'le la les des du un une et est sont dans pour par sur avec que qui ne pas au aux ce cette ces il elle ils elles leur leurs se sa son ses selon ont été être fait mais ou donc car en aussi très sans entre contre vers chez lors dont quels quelles quel quelle plus comme y sous doit doivent peut peuvent'.split(
    ' ',
  ),
);
const EN_WORDS = new Set(
  'the of and to in is are for by on with that which who not at this these it they their its was were be been has have had but or so as from also very without between against under into about can must should would will may than such what when where does do did an'.split(
    ' ',
  ),
);

/**
 * Removes quoted passages, nested or not: «…« … »…», “…”, and "…".
 * @example
 * stripQuoted('He said « une « feuille de route » claire » today') // 'He said   today'
 */
export function stripQuoted(text: string): string {
  let out = '';
  let depth = 0;
  let straight = false;
  for (const c of text) {
    if (c === '«' || c === '“') depth += 1;
    else if ((c === '»' || c === '”') && depth > 0) {
      depth -= 1;
      if (depth === 0 && !straight) out += ' ';
    } else if (c === '"' && depth === 0) {
      straight = !straight;
      if (!straight) out += ' ';
    } else if (depth === 0 && !straight) out += c;
  }
  return out;
}

/**
 * Guesses the language of an answer from function words, ignoring quoted passages («…», “…”, "…")
 * since answers in English quote the French texts. Returns null when there is too little evidence.
 * @example
 * detectLanguage('The States undertake to « devenir parties aux conventions » by 2002.') // 'en'
 */
export function detectLanguage(text: string): 'fr' | 'en' | null {
  const unquoted = stripQuoted(text);
  const words = fold(unquoted)
    .split(/[^a-z']+/)
    .flatMap((w) => w.split("'"))
    .filter(Boolean);
  let fr = 0;
  let en = 0;
  for (const w of words) {
    if (FR_WORDS.has(w)) fr += 1;
    if (EN_WORDS.has(w)) en += 1;
  }
  if (fr + en < 3) return null;
  if (fr >= en * 1.5) return 'fr';
  if (en >= fr * 1.5) return 'en';
  return null;
}
