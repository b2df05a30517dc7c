/**
 * Compiles the French Wiktionary translation pairs (EurADiC CSV, `french;POS;TR-FR-EN;english;POS;`) into
 * the compact stem-level table committed under `data-vendored/lexicon/`: one line per distinct pair,
 * `french stems<TAB>english stems`, stems from the project's analyser (server/text/analyzer.ts), so the
 * table reads in both directions and multi-word entries stay phrases.
 */
import { createHash } from 'node:crypto';
import { terms } from '../../server/text/analyzer.js';

/** Phrases longer than this (in stems, either side) are idioms and definitions rather than terms. */
export const MAX_PHRASE_STEMS = 4;

/** First line of the compiled file: says what it is and where it comes from. */
export const DICTIONARY_HEADER = '# fr-stems\ten-stems — compiled by `npm run build:lexicon` from frwiktionary-fr-en.csv (Wiktionary, CC BY-SA 3.0; see NOTICE.md)';

/** One French→English pair in stems (space-separated). */
export interface StemPair {
  fr: string;
  en: string;
}

/**
 * True when stop-word removal reduced a multi-word expression to one word: a phrasal verb or locution whose meaning lies in
 * the combination ("give up" → give, "take place" stays two words), which as a lone stem would render every use of that word.
 */
function collapsed(phrase: string, stems: string[]): boolean {
  return stems.length === 1 && (phrase.trim().match(/[\p{L}\p{N}]+/gu)?.length ?? 0) > 1 && !/^[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)+$/u.test(phrase.trim());
}

/**
 * Stems every pair of the CSV, drops the ones a side of which is empty (stop words only), too long, or a locution
 * left with one word, and dedupes. Order: sorted, so the output is reproducible.
 * @example
 * compileDictionary('terrorisme;S;TR-FR-EN;terrorism;S;\n') // [{ fr: 'terror', en: 'terror' }]
 */
export function compileDictionary(csv: string): StemPair[] {
  const seen = new Set<string>();
  for (const line of csv.split(/\r?\n/)) {
    const cols = line.split(';');
    if (cols.length < 5 || cols[2] !== 'TR-FR-EN') continue;
    const fr = terms(cols[0], 'fr');
    const en = terms(cols[3], 'en');
    if (!fr.length || !en.length || fr.length > MAX_PHRASE_STEMS || en.length > MAX_PHRASE_STEMS) continue;
    if (collapsed(cols[0], fr) || collapsed(cols[3], en)) continue;
    seen.add(`${fr.join(' ')}\t${en.join(' ')}`);
  }
  return [...seen].sort().map((l) => {
    const [fr, en] = l.split('\t');
    return { fr, en };
  });
}

/**
 * The compiled file's text (header, then one pair a line).
 * @example
 * formatDictionary([{ fr: 'terror', en: 'terror' }]) // '# fr-stems…\nterror\tterror\n'
 */
export function formatDictionary(pairs: StemPair[]): string {
  return `${DICTIONARY_HEADER}\n${pairs.map((p) => `${p.fr}\t${p.en}`).join('\n')}\n`;
}

/**
 * Reads the compiled file back; names the file in the error when a line is malformed.
 * @example
 * parseDictionary('# header\nterror\tterror\n', 'x.tsv') // [{ fr: 'terror', en: 'terror' }]
 */
export function parseDictionary(text: string, file: string): StemPair[] {
  const out: StemPair[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line || line.startsWith('#')) return;
    const [fr, en, extra] = line.split('\t');
    if (!fr || !en || extra !== undefined) throw new Error(`${file}:${i + 1}: expected "french stems<TAB>english stems", got ${JSON.stringify(line.slice(0, 80))}`);
    out.push({ fr, en });
  });
  return out;
}

/** Hex SHA-256 of a text or bytes, as recorded in `wiktionary-fr-en.json`. */
export const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
