/**
 * `decide`'s name signals: names, acronyms and years of the question that the documents an answer would cite never
 * mention. A name counts as mentioned when a term of those documents renders it, when it names one of them (cue,
 * title terms, the year of its date), when an acronym spells the initials of their titles' or retrieved units'
 * capitalised words ("GA" ← "General Assembly"), or when its words stand together in one of their units. Another
 * document mentioning the name says nothing about whether the cited one answers (a statute naming Al-Shabaab does
 * not make the Bucharest Plan speak of it).
 * An acronym of the question's language that no term renders says nothing about a text in the other language
 * ("CCTV" over a French code that writes « vidéoprotection »): it is reported as inconclusive, not unknown.
 * Web-standard, pure (caches are keyed weakly).
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { Bm25Index } from '../retrieval/bm25-index.js';
import type { DocumentCues } from '../retrieval/document-cues.js';
import { foldAccents, isStopWord, terms, words, YEAR } from '../text/analyzer.js';
import type { DocumentMeta } from '../types.js';
import { documentWords, titleText, vocabularyOf } from './decide-documents.js';
import type { RankingParams } from './params.js';
import type { Analysis, Expansion, ScoredPassage } from './types.js';

/** Module-level (like every regular expression with `\p{…}` here): esbuild's node20 target rewrites such a literal as `new RegExp(…)`, re-created on every call. */
const CAPITALISED = /^\p{Lu}/u;
const ALL_CAPS = /^\p{Lu}{2,}$/u;

export interface NameDeps {
  store: CorpusStore;
  lexical: Bm25Index;
  /** BM25 over the indexed translations, when there are any (a cited document's vocabulary is read from both indexes). */
  translated?: Bm25Index | null;
  cues: DocumentCues;
}

/** Words an acronym may skip or keep ("Council of Europe" → CE or CoE). */
const CONNECTORS = new Set(['of', 'the', 'for', 'on', 'and', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'pour', 'sur', "l'", "d'"]);

/** A value computed on first use. */
function once<T>(make: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= make());
}

function cached<K extends object, T>(cache: WeakMap<K, T>, key: K, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = make()));
  return v;
}
const initialsCache = new WeakMap<object, Set<string>>();
const titleTermsCache = new WeakMap<object, Set<string>>();
const yearsCache = new WeakMap<object, Set<string>>();
const foldedCache = new WeakMap<object, string[]>();

/**
 * Letters an initialism of a name written as French writes it (a capital on its first word only: « Commission
 * nationale de l'informatique et des libertés » → CNIL) must have: a run of two or three words spells too many
 * things by chance.
 */
const LOWER_CASE_INITIALISM = 4;
/** Words a name may hold after its capitalised first word, French style. */
const LOWER_CASE_RUN = 8;

/** The initial of a word, its elided article dropped (« l'informatique » → i). */
const initialOf = (w: string) => w.replace(/^[ldjmnst][’']/iu, '')[0] ?? '';

/**
 * Initials of every run of capitalised words (two or more) of a text, with and without connector words, lower-cased;
 * and, of a capitalised word followed by lower-case ones (French capitalises a name's first word only), the initials
 * of its words but the connectors, from LOWER_CASE_INITIALISM letters.
 */
export function initialisms(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.split(/[|;:,.()«»"“”?!\n]+/)) {
    const ws = run.split(/[\s\u2011-]+/).filter(Boolean);
    for (let i = 0; i < ws.length; i++) {
      if (!CAPITALISED.test(ws[i])) continue;
      let strict = '';
      let loose = '';
      for (let j = i; j < ws.length; j++) {
        const w = ws[j];
        if (CAPITALISED.test(w)) {
          strict += w[0];
          loose += w[0];
          if (strict.length >= 2) out.add(strict.toLowerCase()).add(loose.toLowerCase());
        } else if (CONNECTORS.has(w.toLowerCase())) loose += w[0];
        else break;
      }
      let content = '';
      for (const w of ws.slice(i, i + LOWER_CASE_RUN)) {
        if (CONNECTORS.has(w.toLowerCase())) continue;
        content += initialOf(w);
        if (content.length >= LOWER_CASE_INITIALISM) out.add(content.toLowerCase());
      }
    }
  }
  return out;
}

/** Where a name is looked for: documents (titles), the terms they hold, their texts as folded words, the retrieved passages among them. */
interface Scope {
  documents: readonly DocumentMeta[];
  vocabulary: { has(term: string): boolean };
  /** Read only for multi-word names and conventions (most questions have neither): built on first use. */
  texts: () => readonly string[][];
  passages: ScoredPassage[];
}

/** True when an acronym spells initials of a title or of a retrieved paragraph of the scope. */
function spelledOut(acronym: string, scope: Scope): boolean {
  return (
    scope.documents.some((d) => cached(initialsCache, d, () => initialisms(titleText(d))).has(acronym)) ||
    scope.passages.some((p) => cached(initialsCache, p.paragraph, () => initialisms(p.paragraph.text)).has(acronym))
  );
}

export interface UnknownNames {
  /** Names no text mentions: the question asks about something the corpus does not hold. */
  unknown: string[];
  /** Acronyms no term renders, asked over texts in the other language: no evidence either way. */
  inconclusive: string[];
}

/** True when a word of a concept's source is in the set (a one-word source, most of them, is not split). */
const someWordIn = (source: string, set: ReadonlySet<string>) => (source.includes(' ') ? source.split(' ').some((w) => set.has(w)) : set.has(source));

/** The question's names, with the parts of hyphenated ones ("al-shabaab" → al, shabaab: the concepts expand makes of it). */
function namesOf(a: Analysis): Set<string> {
  return new Set(a.entities.flatMap((n) => (n.includes('-') ? [n, ...n.split('-').filter(Boolean)] : [n])));
}

function yearsOfDates(store: CorpusStore): Set<string> {
  return cached(yearsCache, store, () => new Set(store.documents().flatMap((d) => d.date.match(/(?:1[89]|20)\d{2}/g) ?? [])));
}

/** Names, acronyms and years of the question that no term of the scope renders and that name no document (a cue, the year of a document's date). */
function unknownConcepts(a: Analysis, e: Expansion, scope: Scope, deps: NameDeps, params: RankingParams, otherLanguage: boolean): UnknownNames {
  const entities = namesOf(a);
  const acronyms = new Set(a.acronyms);
  const years = yearsOfDates(deps.store);
  const out: UnknownNames = { unknown: [], inconclusive: [] };
  for (const c of e.concepts) {
    if (c.fromHistory || !someWordIn(c.source, entities) || c.terms.some((t) => scope.vocabulary.has(t.term))) continue;
    if (deps.cues.match(c.source).length) continue;
    if (YEAR.test(c.source) && (years.has(c.source) || scope.vocabulary.has(c.source))) continue;
    if (acronyms.has(c.source) && spelledOut(c.source, scope)) continue;
    const initialism = acronyms.has(c.source) && c.source.length <= params.inconclusiveAcronymMaxLength;
    (initialism && otherLanguage ? out.inconclusive : out.unknown).push(c.source);
  }
  return out;
}

/** True when the capitalised words of a rendering stand within a window of each other in one of the texts. */
function standsTogether(phrase: string, texts: readonly string[][], params: RankingParams): boolean {
  const names = words(foldAccents(phrase)).filter((w, i, all) => CAPITALISED.test(phrase.split(/[\s']+/).find((x) => foldAccents(x).toLowerCase() === w) ?? '') && all.indexOf(w) === i);
  if (names.length < 2) return true;
  const window = names.length + params.nameWindow;
  return texts.some((ws) => ws.some((w, i) => w === names[0] && names.every((n) => ws.slice(Math.max(0, i - window), i + window).includes(n))));
}

/** The search terms of each concept of a name (its renderings in any language). */
function nameGroups(phrase: string, e: Expansion): Array<Set<string>> {
  const inPhrase = new Set(words(foldAccents(phrase)));
  return e.concepts.filter((c) => !c.fromHistory && c.terms.length && c.source.split(' ').every((w) => inPhrase.has(foldAccents(w)))).map((c) => new Set(c.terms.map((t) => t.term)));
}

/** True when one passage matched, or one title holds, a search term of every concept of the name. */
function matchedTogether(phrase: string, e: Expansion, scope: Scope): boolean {
  const groups = nameGroups(phrase, e);
  if (groups.length < 2) return false;
  return scope.passages.some((p) => groups.every((g) => p.matchedTerms?.some((t) => g.has(t)))) || scope.documents.some((d) => groups.every((g) => [...g].some((t) => titleTermsOf(d).has(t))));
}

const folded = (key: object, text: () => string) => cached(foldedCache, key, () => words(foldAccents(text())));
/** A document's title terms in both analysers (built once per document). */
const titleTermsOf = (d: DocumentMeta) => cached(titleTermsCache, d, () => new Set([...terms(titleText(d), 'fr'), ...terms(titleText(d), 'en')]));

/** Multi-word names none of whose renderings occurs in a text of the scope or names a document (« Conseil de l'Europe »). */
function unmentionedNames(e: Expansion, scope: Scope, deps: NameDeps, params: RankingParams): string[] {
  return e.namePhrases
    .filter((variants) => !variants.some((v) => deps.cues.match(v).some((m) => m.score >= 1) || standsTogether(v, scope.texts(), params) || matchedTogether(v, e, scope)))
    .map((variants) => variants[variants.length - 1]);
}

/**
 * A legal instrument with the word that tells which one: « le Code pénal », « la directive PNR », « la Convention du
 * Conseil de l'Europe » (a capitalised name after « du », « de la »), "the Penal Code", "the Patriot Act", "the Council
 * of Europe Convention". English capitalises an instrument's name, so an English one needs a capital ("the 2003
 * amending Protocol"); lower case describes rather than names ("the sanctions act", "the penal code": the corpus's own
 * sanctions statute or criminal code may answer, which coverage decides) or is a verb ("the judge act outside"). French
 * writes names in lower case (« le code pénal »), so French keeps them.
 */
const INSTRUMENT_FR = /(?<![\p{L}])(?:code|directive|loi|traité|règlement|protocole|charte|statut|convention)\s+((?:du|de la|de l'|des|de|d')\s*)?([\p{L}-]{3,})/giu;
/** A French verb with its subject pronoun after it (« la convention joue-t-elle », « le traité peut-il »): a question's verb, not the name of an instrument. */
const INVERTED_VERB = /-(?:t-)?(?:il|elle|ils|elles|on)$/iu;
const INSTRUMENT_EN = /(?<![\p{L}])(the\s+)?([\p{L}-]{3,})\s+(code|directive|act|treaty|regulation|protocol|charter|statute|convention)(?![\p{L}])/giu;
/** The instrument words of each pattern alone (same flags): a necessary condition, tried first (most questions name no instrument). */
const INSTRUMENT_WORD = {
  fr: /code|directive|loi|traité|règlement|protocole|charte|statut|convention/iu,
  en: /code|directive|act|treaty|regulation|protocol|charter|statute|convention/iu,
};

/**
 * Instruments the question names by a word no title of the documents renders (« le Code pénal » answered from another code), each with that word.
 * A convention is named as loosely by the body that adopted it ("the United Nations Convention"), which its own text
 * names beside the word "Convention": there, such a word of the cited texts counts too.
 */
function unknownInstruments(a: Analysis, e: Expansion, scope: Scope, store: CorpusStore, params: RankingParams): Map<string, string> {
  const cited = scope.documents;
  const pattern = a.language === 'fr' ? INSTRUMENT_FR : INSTRUMENT_EN;
  const out = new Map<string, string>();
  if (!INSTRUMENT_WORD[a.language === 'fr' ? 'fr' : 'en'].test(a.cleanQuestion)) return out;
  for (const m of normaliseQuotes(a.cleanQuestion).matchAll(pattern)) {
    const name = m[2];
    if (a.language === 'en' && !CAPITALISED.test(name) && !CAPITALISED.test(m[3])) continue;
    if (a.language === 'fr' && m[1] && !CAPITALISED.test(name)) continue;
    const word = name.toLowerCase();
    if (isStopWord(word, a.language) || ALL_CAPS.test(name) || INVERTED_VERB.test(name)) continue;
    const concept = e.concepts.find((c) => !c.fromHistory && c.source.split(' ').includes(word));
    const renderings = new Set([...terms(word, a.language), ...(concept?.terms.map((t) => t.term) ?? [])]);
    const stem = foldAccents(word).slice(0, INSTRUMENT_PREFIX);
    const titled =
      cited.some((d) => [...renderings].some((t) => titleTermsOf(d).has(t))) || cited.some((d) => folded(d, () => titleText(d)).some((w) => w.length >= INSTRUMENT_PREFIX && w.startsWith(stem)));
    const convention = /^convention/i.test(a.language === 'fr' ? m[0] : m[3]);
    // French writes a jurisdiction's adjective in lower case (« la loi canadienne »): the statute names its jurisdiction ("Canada") in its text.
    const jurisdiction = a.language === 'fr' && !CAPITALISED.test(name) && cited.some((d) => properNamesOf(d, store).some((n) => n.startsWith(stem)));
    if (!titled && !jurisdiction && !(convention && nearConvention(stem, scope.texts(), params))) out.set(m[0].replace(/^the\s+/i, ''), word);
  }
  return out;
}

/** A capitalised word inside a sentence (after a letter, digit, comma or closing mark and a space): a proper name, not a sentence's first word. */
const PROPER_NAME = /(?<=[\p{L}\d,;)»”]\s+)\p{Lu}\p{Ll}{2,}/gu;
const properNamesCache = new WeakMap<DocumentMeta, string[]>();

/** The proper names a document's units write (folded, lower case, each once). */
function properNamesOf(d: DocumentMeta, store: CorpusStore): string[] {
  return cached(properNamesCache, d, () => [...new Set(store.paragraphs(d.id).flatMap((p) => (p.text.match(PROPER_NAME) ?? []).map((w) => foldAccents(w).toLowerCase())))]);
}

/** True when a unit's text has a word starting with `stem` within the name window of "convention" (the body that adopted it: "the United Nations … this Convention"). */
function nearConvention(stem: string, texts: readonly string[][], params: RankingParams): boolean {
  const window = params.nameWindow + 2;
  return texts.some((ws) => ws.some((w, i) => w === 'convention' && ws.slice(Math.max(0, i - window), i + window).some((x) => x.length >= stem.length && x.startsWith(stem))));
}

/** Letters a word shares with a title word to name the same thing (« canadienne » ~ "Canada", « européenne » ~ "Europe"). */
const INSTRUMENT_PREFIX = 5;
const normaliseQuotes = (t: string) => t.replace(/[’']/g, "'");

/** The cited documents: their whole text and vocabulary, the retrieved passages among them. */
function citedScope(cited: readonly DocumentMeta[], passages: ScoredPassage[], deps: NameDeps): Scope {
  const { store } = deps;
  return {
    documents: cited,
    vocabulary: vocabularyOf(cited, store, deps),
    texts: once(() => cited.flatMap((d) => documentWords(d, store))),
    passages: passages.filter((p) => cited.includes(p.document)),
  };
}

/** The whole corpus as far as a question reaches it: the index's terms, every title, the retrieved passages. */
function corpusScope(passages: ScoredPassage[], deps: NameDeps): Scope {
  const documents = deps.store.documents();
  const texts = once(() => [...passages.map((p) => folded(p.paragraph, () => p.paragraph.text)), ...documents.map((d) => folded(d, () => titleText(d)))]);
  return { documents, vocabulary: deps.lexical, texts, passages };
}

/** The unknown names of a scope, and the instruments among them with the word that names each. */
function namesIn(a: Analysis, e: Expansion, scope: Scope, deps: NameDeps, params: RankingParams, otherLanguage: boolean): UnknownNames & { instruments: Map<string, string> } {
  const concepts = unknownConcepts(a, e, scope, deps, params, otherLanguage);
  const instruments = unknownInstruments(a, e, scope, deps.store, params);
  return { unknown: [...concepts.unknown, ...unmentionedNames(e, scope, deps, params), ...instruments.keys()], inconclusive: concepts.inconclusive, instruments };
}

/**
 * The question's names the documents an answer would cite (`cited`) never mention, and those no evidence decides.
 * Names of documents (a cue, the year of a document's date) count wherever they are. Over cited texts in the other
 * language, a name they do not render but another text of the corpus does is not counted when the lexicon has no
 * rendering of it in the other language (nothing to look for); a year, or a name with such a rendering, is.
 * `passages` are the retrieved ones.
 * @example
 * unknownNames(analysis, expansion, passages.slice(0, 8), deps, params, [bucharest]) // { unknown: ['australia'], inconclusive: [] }
 */
export function unknownNames(a: Analysis, e: Expansion, passages: ScoredPassage[], deps: NameDeps, params: RankingParams, cited: readonly DocumentMeta[]): UnknownNames {
  const otherLanguage = cited.some((d) => d.language !== a.language);
  // An acronym is inconclusive only when every cited text is in the other language: one in the question's language that never writes it is evidence.
  const allOther = cited.every((d) => d.language !== a.language);
  const relative = namesIn(a, e, citedScope(cited, passages, deps), deps, params, allOther);
  if (!otherLanguage || !relative.unknown.length) return { unknown: relative.unknown, inconclusive: relative.inconclusive };
  // A year reads the same in every language, and a name the lexicon renders in the other language can be looked for: their absence from the cited texts is evidence.
  const corpus = new Set(namesIn(a, e, corpusScope(passages, deps), deps, params, allOther).unknown);
  // An instrument is looked for by the word that names it ("the Terrorism Act": terrorisme in a French title).
  const rendered = (n: string) => e.concepts.some((c) => (c.source === n || c.source === relative.instruments.get(n)) && c.terms.some((t) => t.translated));
  return { unknown: relative.unknown.filter((n) => corpus.has(n) || YEAR.test(n) || rendered(n)), inconclusive: relative.inconclusive };
}
