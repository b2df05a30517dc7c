/**
 * French and English lexical analysis shared by indexing and querying: apostrophes and elisions,
 * lower-casing, stop words, Snowball stemming, accents folded after stemming.
 */
import { stemmer as frenchStemmer } from '@orama/stemmers/french';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import stemExceptions from '../../data-vendored/lexicon/french-stem-exceptions.json' with { type: 'json' };
import irregularForms from '../../data-vendored/lexicon/irregular-forms.json' with { type: 'json' };
import { BoundedMemo } from './bounded-memo.js';
import { foldAccents } from './fold-accents.js';
import { STOP_WORDS } from './stop-words.js';

export { foldAccents } from './fold-accents.js';
export { STOP_WORDS } from './stop-words.js';

export type AnalyzerLang = 'fr' | 'en';

/** One analysed token: its stem (accent-folded) and the surface form it came from. */
export interface Token {
  term: string;
  surface: string;
  position: number;
}

const APOSTROPHES = /[’‘`´ʼ′]/g;
const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu']);
const TOKEN = /[\p{L}\p{N}]+(?:['\-/.][\p{L}\p{N}]+)*/gu;

/** A year written alone (1800–2099), as a term or word: "2005". */
export const YEAR = /^(?:1[89]|20)\d{2}$/;

/**
 * A regular expression matching one of `alternatives` as whole words. Unlike `\b`, the boundaries also hold
 * next to accented letters ("à ce jour", "même", "échéance").
 * @example
 * wordsPattern('à ce jour|même').test('Qui, à ce jour ?') // true
 */
export function wordsPattern(alternatives: string, flags = 'iu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, flags.includes('u') ? flags : `${flags}u`);
}

/** Normalises apostrophes and Unicode form; keeps case and accents. */
export function normaliseApostrophes(s: string): string {
  // ASCII is its own NFC form; of the apostrophes only the backtick (U+0060) is ASCII.
  if (!/[^\x00-\x5f\x61-\x7f]/.test(s)) return s;
  return s.normalize('NFC').replace(APOSTROPHES, "'");
}

/**
 * Raw word tokens after elision removal (lower-cased, accents kept).
 * @example
 * words("l'OSCE s'engage") // ['osce', 'engage']
 */
export function words(text: string): string[] {
  return splitWords(text).map((w) => w.toLowerCase());
}

/** The word split of the last few texts: detecting a question's language and analysing it in each language read the same words. */
const lastSplits = new BoundedMemo<string, readonly string[]>(8);
function splitWords(text: string): readonly string[] {
  return text.length > 2000 ? rawWords(text) : lastSplits.get(text, rawWords);
}

function rawWords(text: string): string[] {
  const out: string[] = [];
  const norm = normaliseApostrophes(text);
  for (const m of norm.matchAll(TOKEN)) {
    const token = m[0];
    if (!token.includes("'")) {
      out.push(token);
      continue;
    }
    const pieces = token.split("'");
    pieces.forEach((p, i) => {
      if (!p) return;
      const lower = p.toLowerCase();
      if (i < pieces.length - 1 && ELISIONS.has(lower)) return;
      if (i === pieces.length - 1 && i > 0 && (lower === 's' || lower === 't') && pieces.length === 2 && !ELISIONS.has(pieces[0].toLowerCase())) return;
      out.push(p);
    });
  }
  return out;
}

const ACRONYM = /^[\p{Lu}\d]{2,}$/u;
/** Module-level (like every regular expression with `\p{…}` here): esbuild's node20 target rewrites such a literal as `new RegExp(…)`, re-created on every call. */
const LETTERS = /\p{L}/gu;
const UPPER_LETTERS = /\p{Lu}/gu;
const HYPHENATED_LETTERS = /^[\p{L}]+(?:-[\p{L}]+)+$/u;

const STEM_CACHE_LIMIT = 100_000;
const stemCache = { fr: new Map<string, string>(), en: new Map<string, string>() };

function stemWord(word: string, lang: AnalyzerLang, acronyms: boolean): string {
  if (/^\d/.test(word)) return word;
  if (acronyms && ACRONYM.test(word)) return foldAccents(word.toLowerCase());
  const cache = stemCache[lang];
  let stem = cache.get(word);
  if (stem === undefined) {
    const lower = word.toLowerCase();
    const lemma = IRREGULAR[lang].get(lower) ?? lower;
    stem = lang === 'fr' ? frenchStem(lemma) : foldAccents(englishStemmer(lemma));
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}

/** Irregular verb forms → infinitive (« commis » → commettre, "held" → hold; ingest/lexicon/irregular-forms.ts): stemmed as their infinitive. */
const IRREGULAR = {
  fr: new Map<string, string>(Object.entries((irregularForms as { fr?: Record<string, string> }).fr ?? {})),
  en: new Map<string, string>(Object.entries((irregularForms as { en?: Record<string, string> }).en ?? {})),
};

/** French words whose Snowball stem collides with an unrelated lemma's, and their own stems (ingest/lexicon/stem-exceptions.ts). */
const STEM_EXCEPTIONS = new Map<string, string>(Object.entries((stemExceptions as { stems?: Record<string, string> }).stems ?? {}));

/** Snowball, except for a word (or its plural) that would collide with an unrelated lemma: it keeps its own, accent-folded stem. */
function frenchStem(lower: string): string {
  return STEM_EXCEPTIONS.get(lower) ?? foldAccents(frenchStemmer(lower));
}

/** True when a folded, lower-cased word is a stop word of the language. */
export function isStopWord(word: string, lang: AnalyzerLang): boolean {
  return STOP_WORDS[lang].has(foldAccents(word));
}

/**
 * Analyses text into stemmed, accent-folded terms. Hyphenated and slashed words yield their parts
 * and their concatenation ("anti-terroriste" → anti, terror, antiterror).
 * @example
 * analyze("Les États s’engagent à ratifier", 'fr').map((t) => t.term) // ['etat', 'engagent', 'ratifi']
 */
export function analyze(text: string, lang: AnalyzerLang = 'fr', options: { accentVariants?: boolean } = {}): readonly Token[] {
  if (options.accentVariants || text.length > 2000) return analyzeUncached(text, lang, options);
  const short = text.length <= SHORT_TEXT;
  const cache = (short ? phrases : recent)[lang];
  let tokens = cache.get(text);
  if (!tokens) {
    tokens = analyzeUncached(text, lang, options);
    if (cache.size >= (short ? PHRASE_LIMIT : RECENT_LIMIT)) cache.clear();
    cache.set(text, tokens);
  }
  return tokens;
}

/** The last few analysed texts (per language): a question is analysed several times while it is planned. Small on purpose: it spares repeated work within one question, it is not a cache of questions. */
const RECENT_LIMIT = 32;
const recent = { fr: new Map<string, readonly Token[]>(), en: new Map<string, readonly Token[]>() };
/**
 * Words and short phrases (a concept's source, a title word, a surface): planning one question analyses some
 * sixty of them, mostly the same from one question to the next, so they are kept across requests (bounded, like
 * the word and stem caches).
 */
const SHORT_TEXT = 40;
const PHRASE_LIMIT = 50_000;
const phrases = { fr: new Map<string, readonly Token[]>(), en: new Map<string, readonly Token[]>() };

/** What one word yields, before positions: its terms and surfaces. */
type WordTokens = ReadonlyArray<Omit<Token, 'position'>>;

/** The tokens of one word (the parts of a hyphenated word and their concatenation, stop words dropped). */
function wordTokens(w: string, lang: AnalyzerLang, acronyms: boolean, accentVariants: boolean): WordTokens {
  const out: Array<Omit<Token, 'position'>> = [];
  const parts = /[-/.]/.test(w) && !/^[\d./-]+$/.test(w) ? w.split(/[-/.]/).filter(Boolean) : [w];
  const joinable = parts.length > 1 && HYPHENATED_LETTERS.test(w) && parts.every((x) => !isStopWord(x.toLowerCase(), lang));
  const variants = joinable ? [...parts, parts.join('')] : parts;
  for (const v of variants) {
    if (v.length < 2 && !/\d/.test(v)) continue;
    if (isStopWord(v.toLowerCase(), lang)) continue;
    const term = stemWord(v, lang, acronyms);
    out.push({ term, surface: v.toLowerCase() });
    if (accentVariants) {
      const folded = foldAccents(v);
      if (folded !== v) {
        const plain = stemWord(folded, lang, acronyms);
        if (plain !== term) out.push({ term: plain, surface: folded.toLowerCase() });
      }
    }
  }
  return out;
}

/**
 * A word's tokens depend on the text around it only through the text's `acronyms` flag, and only for words
 * written like acronyms: one entry per word and language, with the acronym reading apart when it differs.
 */
interface WordEntry {
  tokens: WordTokens;
  asAcronym?: WordTokens;
}
const WORD_CACHE_LIMIT = 100_000;
const wordCache = { fr: new Map<string, WordEntry>(), en: new Map<string, WordEntry>() };

function cachedWordTokens(w: string, lang: AnalyzerLang): WordEntry {
  const cache = wordCache[lang];
  let entry = cache.get(w);
  if (!entry) {
    const tokens = wordTokens(w, lang, false, false);
    const asAcronym = wordTokens(w, lang, true, false);
    const same = asAcronym.length === tokens.length && asAcronym.every((t, i) => t.term === tokens[i].term && t.surface === tokens[i].surface);
    entry = same ? { tokens } : { tokens, asAcronym };
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(w, entry);
  }
  return entry;
}

/** Acronyms keep their letters unless the text is mostly upper case (a shouted or all-caps title), or is a single word. */
function readsAcronyms(text: string): boolean {
  const letters = text.match(LETTERS)?.length ?? 0;
  const upper = text.match(UPPER_LETTERS)?.length ?? 0;
  return upper < letters * 0.5 || !/\s\S+\s/.test(text.trim());
}

function analyzeUncached(text: string, lang: AnalyzerLang, options: { accentVariants?: boolean }): Token[] {
  const out: Token[] = [];
  let position = 0;
  let acronyms: boolean | undefined;
  for (const w of options.accentVariants ? rawWords(text) : splitWords(text)) {
    if (options.accentVariants) {
      acronyms ??= readsAcronyms(text);
      for (const t of wordTokens(w, lang, acronyms, true)) out.push({ ...t, position });
    } else {
      const entry = cachedWordTokens(w, lang);
      // The text-wide flag is computed only for a word it changes.
      const tokens = entry.asAcronym && (acronyms ??= readsAcronyms(text)) ? entry.asAcronym : entry.tokens;
      for (const t of tokens) out.push({ term: t.term, surface: t.surface, position });
    }
    position++;
  }
  return out;
}

/**
 * Convenience: just the terms. With `accentVariants` (indexing), accented words also yield the stem of
 * their unaccented spelling, so questions typed without accents ("securite") still match.
 */
export function terms(text: string, lang: AnalyzerLang = 'fr', options: { accentVariants?: boolean } = {}): string[] {
  return analyze(text, lang, options).map((t) => t.term);
}
