/**
 * French stem exceptions, derived from the Wiktionary lemmas: Snowball stems some unrelated French lemmas alike
 * (« délai » and « délit » → `del`, « données » and « donner » → `don`, « faîte » and « fait » → `fait` once accents
 * are folded). A short stem (at most `MAX_STEM_LETTERS`) shared by dictionary headwords whose English translations
 * have nothing in common (no shared stem, no shared first `RELATED_PREFIX` letters) is a collision; every noun
 * (only ever a noun, and not spelt like a conjugated form of the group's verbs or the feminine of its adjectives) of a sense cluster without a verb then keeps its own word (plural stripped, accents folded)
 * as its stem. Verbs keep Snowball, which conflates their conjugations. Written to
 * `data-vendored/lexicon/french-stem-exceptions.json` by `npm run build:stem-exceptions`.
 */
import { stemmer as frenchStemmer } from '@orama/stemmers/french';
import { foldAccents, terms } from '../../server/text/analyzer.js';

/** Stems this short are where Snowball's suffix stripping makes unrelated lemmas meet. */
export const MAX_STEM_LETTERS = 4;
/** Two English stems sharing this many first letters are taken as one family (stabl / stabil, disast / disastr). */
export const RELATED_PREFIX = 4;

interface Headword {
  word: string;
  verb: boolean;
  /** Only ever a noun (S): adjectives inflect for gender, which only Snowball conflates. */
  noun: boolean;
  adjective: boolean;
  english: Set<string>;
}

function headwords(csv: string): Map<string, Headword> {
  const heads = new Map<string, Headword>();
  for (const line of csv.split(/\r?\n/)) {
    const cols = line.split(';');
    if (cols.length < 5 || cols[2] !== 'TR-FR-EN') continue;
    const word = cols[0].trim().toLowerCase();
    if (!/^\p{L}+$/u.test(word)) continue;
    let h = heads.get(word);
    if (!h) heads.set(word, (h = { word, verb: false, noun: true, adjective: false, english: new Set() }));
    if (cols[1] === 'V') h.verb = true;
    if (cols[1] !== 'S') h.noun = false;
    if (cols[1] === 'J') h.adjective = true;
    for (const t of terms(cols[3], 'en')) h.english.add(t);
  }
  return heads;
}

function related(a: Headword, b: Headword): boolean {
  for (const x of a.english)
    for (const y of b.english) if (x === y || (x.length >= RELATED_PREFIX && y.length >= RELATED_PREFIX && x.slice(0, RELATED_PREFIX) === y.slice(0, RELATED_PREFIX))) return true;
  return false;
}

/** Groups headwords into clusters of related senses (transitively). */
function clusters(group: Headword[]): Headword[][] {
  const out: Headword[][] = [];
  for (const h of group) {
    const joined = out.filter((c) => c.some((o) => related(o, h)));
    for (const j of joined) out.splice(out.indexOf(j), 1);
    out.push([h, ...joined.flat()]);
  }
  return out;
}

/**
 * Finite endings and masculine past participles of regular -er and -ir verbs: a noun spelt like such a form of a verb of
 * its group (« donne », « porte », « saisi ») stays with Snowball. Feminine participles lexicalised as nouns (« données »,
 * « durée », « sortie ») are the collisions this file is for.
 */
const FINITE_ENDINGS: Record<string, string[]> = {
  er: ['e', 'es', 'ent', 'ons', 'ez', 'ais', 'ait', 'aient', 'a', 'as', 'ai', 'é'],
  ir: ['i', 'is', 'it', 'issent', 'issons', 'issez', 'issait'],
};

/** A form of another headword of the group: a verb's conjugated form or masculine participle, an adjective's feminine (« noire »). */
function inflectedForm(word: string, group: Headword[]): boolean {
  return group.some((v) => (v.verb && (FINITE_ENDINGS[v.word.slice(-2)] ?? []).some((e) => v.word.slice(0, -2) + e === word)) || (v.adjective && (word === `${v.word}e` || word === `${v.word}es`)));
}

/** The French Snowball stem, accents folded, without exceptions. */
export const snowballStem = (word: string) => foldAccents(frenchStemmer(word));

/**
 * Surface word (lower case, accents kept) → its own stem, for the colliding headwords of a Wiktionary CSV.
 * @example
 * deriveStemExceptions('délai;S;TR-FR-EN;deadline;S;\ndélit;S;TR-FR-EN;offence;S;\n') // { 'délai': 'delai', 'délit': 'delit' }
 */
export function deriveStemExceptions(csv: string): Record<string, string> {
  const groups = new Map<string, Headword[]>();
  const heads = headwords(csv);
  for (const h of heads.values()) {
    const stem = snowballStem(h.word);
    if (stem.length > MAX_STEM_LETTERS || h.word.length < 3) continue;
    groups.set(stem, [...(groups.get(stem) ?? []), h]);
  }
  const protectedWords = new Set<string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const senses = clusters(group);
    if (senses.length < 2) continue;
    for (const c of senses) if (!c.some((h) => h.verb)) for (const h of c) if (h.noun && !inflectedForm(h.word, group)) protectedWords.add(h.word);
  }
  return withPlurals(protectedWords, new Set(heads.keys()));
}

/** Each protected word → its stem (a plural headword → its singular's), and its regular plural when that is no headword of its own (« frais » is not « frai »). */
function withPlurals(words: Set<string>, headwords: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of [...words].sort()) {
    const singular = /[sx]$/.test(w) && words.has(w.slice(0, -1)) ? w.slice(0, -1) : w;
    out[w] = foldAccents(singular);
    const plural = /(?:au|eu)$/.test(w) ? `${w}x` : /[sxz]$/.test(w) ? w : `${w}s`;
    if (plural !== w && !headwords.has(plural)) out[plural] = foldAccents(singular);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}
