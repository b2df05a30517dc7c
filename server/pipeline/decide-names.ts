/**
 * `decide`'s name signals: names, acronyms and years of the question that the corpus never mentions.
 * A name counts as mentioned when an indexed term renders it, when it names a document (cue, title terms,
 * the year of a document's date), when an acronym spells the initials of a title's or a retrieved paragraph's
 * capitalised words ("GA" ← "General Assembly"), or when its words stand together in a retrieved paragraph.
 * An acronym of the question's language that no term renders says nothing about a text in the other language
 * ("CCTV" over a French code that writes « vidéoprotection »): it is reported as inconclusive, not unknown.
 * Web-standard, pure (caches are keyed weakly).
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { Bm25Index } from '../retrieval/bm25-index.js';
import type { DocumentCues } from '../retrieval/document-cues.js';
import { foldAccents, isStopWord, terms, words } from '../text/analyzer.js';
import type { DocumentMeta } from '../types.js';
import type { RankingParams } from './params.js';
import type { Analysis, Expansion, ScoredPassage } from './types.js';

export interface NameDeps {
  store: CorpusStore;
  lexical: Bm25Index;
  cues: DocumentCues;
}

const YEAR = /^(?:1[89]|20)\d{2}$/;
/** Words an acronym may skip or keep ("Council of Europe" → CE or CoE). */
const CONNECTORS = new Set(['of', 'the', 'for', 'on', 'and', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'pour', 'sur', "l'", "d'"]);

function cached<K extends object, T>(cache: WeakMap<K, T>, key: K, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = make()));
  return v;
}
const yearsCache = new WeakMap<object, Set<string>>();
const initialsCache = new WeakMap<object, Set<string>>();
const titleTermsCache = new WeakMap<object, Set<string>>();
const foldedCache = new WeakMap<object, string[]>();

function titleText(d: DocumentMeta): string {
  return [d.title, d.titleEn, d.shortTitle, d.shortTitleEn, d.aliases].filter(Boolean).join(' | ');
}

/** Initials of every run of capitalised words (two or more) of a text, with and without connector words, lower-cased. */
export function initialisms(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.split(/[|;:,.()«»"“”?!\n]+/)) {
    const ws = run.split(/[\s\u2011-]+/).filter(Boolean);
    for (let i = 0; i < ws.length; i++) {
      if (!/^\p{Lu}/u.test(ws[i])) continue;
      let strict = '';
      let loose = '';
      for (let j = i; j < ws.length; j++) {
        const w = ws[j];
        if (/^\p{Lu}/u.test(w)) {
          strict += w[0];
          loose += w[0];
          if (strict.length >= 2) out.add(strict.toLowerCase()).add(loose.toLowerCase());
        } else if (CONNECTORS.has(w.toLowerCase())) loose += w[0];
        else break;
      }
    }
  }
  return out;
}

function yearsOfDates(store: CorpusStore): Set<string> {
  return cached(yearsCache, store, () => new Set(store.documents().flatMap((d) => d.date.match(/(?:1[89]|20)\d{2}/g) ?? [])));
}

/** True when an acronym spells initials of a document title or of a retrieved paragraph. */
function spelledOut(acronym: string, passages: ScoredPassage[], store: CorpusStore): boolean {
  const texts = [
    ...store.documents().map((d) => cached(initialsCache, d, () => initialisms(titleText(d)))),
    ...passages.map((p) => cached(initialsCache, p.paragraph, () => initialisms(p.paragraph.text))),
  ];
  return texts.some((s) => s.has(acronym));
}

export interface UnknownNames {
  /** Names no text mentions: the question asks about something the corpus does not hold. */
  unknown: string[];
  /** Acronyms no term renders, asked over a text in the other language: no evidence either way. */
  inconclusive: string[];
}

/** Names, acronyms and years of the question that no indexed term renders and that name no document. */
function unknownConcepts(a: Analysis, e: Expansion, passages: ScoredPassage[], deps: NameDeps, params: RankingParams): UnknownNames {
  const entities = new Set(a.entities);
  const acronyms = new Set(a.acronyms);
  const years = yearsOfDates(deps.store);
  const otherLanguage = passages.length > 0 && passages[0].document.language !== a.language;
  const out: UnknownNames = { unknown: [], inconclusive: [] };
  for (const c of e.concepts) {
    if (c.fromHistory || !c.source.split(' ').some((w) => entities.has(w)) || c.terms.some((t) => deps.lexical.has(t.term))) continue;
    if (deps.cues.match(c.source).length) continue;
    if (YEAR.test(c.source) && years.has(c.source)) continue;
    if (acronyms.has(c.source) && spelledOut(c.source, passages, deps.store)) continue;
    const initialism = acronyms.has(c.source) && c.source.length <= params.inconclusiveAcronymMaxLength;
    (initialism && otherLanguage ? out.inconclusive : out.unknown).push(c.source);
  }
  return out;
}

/** True when the capitalised words of a rendering stand within a window of each other in one of the texts. */
function standsTogether(phrase: string, texts: string[][], params: RankingParams): boolean {
  const names = words(foldAccents(phrase)).filter((w, i, all) => /^\p{Lu}/u.test(phrase.split(/[\s']+/).find((x) => foldAccents(x).toLowerCase() === w) ?? '') && all.indexOf(w) === i);
  if (names.length < 2) return true;
  const window = names.length + params.nameWindow;
  return texts.some((ws) => ws.some((w, i) => w === names[0] && names.every((n) => ws.slice(Math.max(0, i - window), i + window).includes(n))));
}

/** The search terms of each concept of a name (its renderings in any language). */
function nameGroups(phrase: string, e: Expansion): Array<Set<string>> {
  const inPhrase = new Set(words(foldAccents(phrase)));
  return e.concepts.filter((c) => !c.fromHistory && c.terms.length && c.source.split(' ').every((w) => inPhrase.has(foldAccents(w)))).map((c) => new Set(c.terms.map((t) => t.term)));
}

/** True when one passage matched, or one document title holds, a search term of every concept of the name. */
function matchedTogether(phrase: string, e: Expansion, passages: ScoredPassage[], store: CorpusStore): boolean {
  const groups = nameGroups(phrase, e);
  if (groups.length < 2) return false;
  const titles = store.documents().map((d) => cached(titleTermsCache, d, () => new Set([...terms(titleText(d), 'fr'), ...terms(titleText(d), 'en')])));
  return passages.some((p) => groups.every((g) => p.matchedTerms?.some((t) => g.has(t)))) || titles.some((ts) => groups.every((g) => [...g].some((t) => ts.has(t))));
}

const folded = (key: object, text: string) => cached(foldedCache, key, () => words(foldAccents(text)));

/** Multi-word names none of whose renderings occurs in the retrieved paragraphs or the documents' titles. */
function unmentionedNames(e: Expansion, passages: ScoredPassage[], deps: NameDeps, params: RankingParams): string[] {
  if (!e.namePhrases.length) return [];
  const texts = [...passages.map((p) => folded(p.paragraph, p.paragraph.text)), ...deps.store.documents().map((d) => folded(d, titleText(d)))];
  return e.namePhrases.filter((variants) => !variants.some((v) => standsTogether(v, texts, params) || matchedTogether(v, e, passages, deps.store))).map((variants) => variants[variants.length - 1]);
}

/** A legal instrument with the word that tells which one: « le Code pénal », « la directive PNR », "the Penal Code", "the Patriot Act". */
const INSTRUMENT_FR = /(?<![\p{L}])(?:code|directive|loi|traité|règlement|protocole|charte|statut)\s+([\p{L}-]{3,})/giu;
const INSTRUMENT_EN = /(?<![\p{L}])([\p{L}-]{3,})\s+(?:code|directive|act|treaty|regulation|protocol|charter|statute)(?![\p{L}])/giu;

/** Instruments the question names by a word no document title renders (« le Code pénal » over a corpus without one). */
function unknownInstruments(a: Analysis, e: Expansion, store: CorpusStore): string[] {
  const pattern = a.language === 'fr' ? INSTRUMENT_FR : INSTRUMENT_EN;
  const titles = store.documents().map((d) => cached(titleTermsCache, d, () => new Set([...terms(titleText(d), 'fr'), ...terms(titleText(d), 'en')])));
  const titleWords = store.documents().map((d) => folded(d, titleText(d)));
  const out: string[] = [];
  for (const m of normaliseQuotes(a.cleanQuestion).matchAll(pattern)) {
    const word = m[1].toLowerCase();
    if (isStopWord(word, a.language) || /^\p{Lu}{2,}$/u.test(m[1])) continue;
    const concept = e.concepts.find((c) => !c.fromHistory && c.source.split(' ').includes(word));
    const renderings = new Set([...terms(word, a.language), ...(concept?.terms.map((t) => t.term) ?? [])]);
    const stem = foldAccents(word).slice(0, INSTRUMENT_PREFIX);
    const titled = titles.some((ts) => [...renderings].some((t) => ts.has(t))) || titleWords.some((ws) => ws.some((w) => w.length >= INSTRUMENT_PREFIX && w.startsWith(stem)));
    if (!titled) out.push(m[0]);
  }
  return out;
}

/** Letters a word shares with a title word to name the same thing (« canadienne » ~ "Canada", « européenne » ~ "Europe"). */
const INSTRUMENT_PREFIX = 5;
const normaliseQuotes = (t: string) => t.replace(/[’']/g, "'");

/**
 * The question's names the texts never mention, and those no evidence decides.
 * @example
 * unknownNames(analysis, expansion, passages.slice(0, 8), deps, params) // { unknown: ['australia'], inconclusive: [] }
 */
export function unknownNames(a: Analysis, e: Expansion, passages: ScoredPassage[], deps: NameDeps, params: RankingParams): UnknownNames {
  const own = unknownConcepts(a, e, passages, deps, params);
  return { unknown: [...own.unknown, ...unmentionedNames(e, passages, deps, params), ...unknownInstruments(a, e, deps.store)], inconclusive: own.inconclusive };
}
