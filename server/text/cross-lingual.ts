/**
 * Cross-lingual expansion of a question, in order of trust: the domain term base (phrases), the general
 * dictionary (phrases, then words), then cognates. English questions get French terms; French questions
 * get English terms when the corpus holds English documents. Pure and Web-standard: everything it weighs
 * comes from `LexiconParams`.
 */
import { analyze, foldAccents, terms, type Token } from './analyzer.js';
import { BoundedMemo } from './bounded-memo.js';
import { Glossary, type Concept } from './glossary.js';
import type { LexiconLayer, LexiconParams } from './lexicon-params.js';
import type { Lexicon, WeightedTerm } from './lexicon.js';

export interface CrossLingualDeps {
  /** The domain term base (null when the glossary is off). */
  glossary: Glossary | null;
  /** The index's dictionary and cognate table (null when the index has none or the glossary is off). */
  lexicon: Lexicon | null;
  layers: ReadonlySet<LexiconLayer>;
  params: LexiconParams;
  lexical: { has(term: string): boolean; longestPrefixTerm(word: string, minLength: number): string | undefined };
  /** The corpus holds English documents: English questions keep their own English terms too. */
  englishDocuments: boolean;
}

type Rendering = WeightedTerm & { translated?: boolean };

/** Terms of several sources, each at its highest weight; a term the question's own words give too is not a translation. */
function merge(...lists: Rendering[][]): Rendering[] {
  const out = new Map<string, Rendering>();
  for (const list of lists)
    for (const t of list) {
      const cur = out.get(t.term);
      out.set(t.term, { term: t.term, weight: Math.max(cur?.weight ?? 0, t.weight), ...((cur ? cur.translated : true) && t.translated ? { translated: true } : {}) });
    }
  return [...out.values()];
}

/** Marks renderings in the other language. */
const translated = (list: readonly WeightedTerm[]): Rendering[] => list.map((t) => ({ ...t, translated: true }));

/** The question's own word, stemmed as French and as English, when the index has it. */
function ownTerms(surface: string, deps: CrossLingualDeps): WeightedTerm[] {
  const found = [...new Set([...terms(surface, 'fr'), ...terms(surface, 'en'), surface])].filter((t) => deps.lexical.has(t));
  return found.map((term) => ({ term, weight: deps.params.ownTermWeight }));
}

/** Each word's concept, per set of deps (a planner's; fixed for its index): a word reads the same in every question. Bounded like the analyser's word caches. */
const WORD_CONCEPT_LIMIT = 100_000;
const wordConcepts = new WeakMap<CrossLingualDeps, BoundedMemo<string, Readonly<Concept>>>();

/** The concept of one word of an English question (memoised per word; a fresh concept and term list each time, the terms frozen). */
function wordConcept(token: Token, deps: CrossLingualDeps): Concept {
  let memo = wordConcepts.get(deps);
  if (!memo) wordConcepts.set(deps, (memo = new BoundedMemo(WORD_CONCEPT_LIMIT)));
  const c = memo.get(`${token.surface}\u0000${token.term}`, () => {
    const read = readWordConcept(token, deps);
    return { ...read, terms: read.terms.map((t) => Object.freeze(t)) };
  });
  return { ...c, terms: [...c.terms] };
}

function readWordConcept(token: Token, deps: CrossLingualDeps): Concept {
  const { lexicon, layers, params } = deps;
  // Order of trust: the question's own word and the dictionary; cognates when both are silent; then the prefix fallback.
  const own = ownTerms(token.surface, deps);
  const dictionary = translated(lexicon?.translateAt([token.term], 0, 'enFr', 1, layers)?.terms ?? []);
  let found = merge(own, dictionary);
  if ((!found.length || params.cognatesAlways) && layers.has('cognates') && lexicon) found = merge(found, translated(lexicon.cognates(token.term, 'enFr')));
  const general = !own.length && found.length > 0;
  if (!found.length && token.surface.length >= params.prefixMinLength) {
    const prefix = deps.lexical.longestPrefixTerm(foldAccents(token.surface), params.prefixMinTerm);
    if (prefix && token.surface.length - prefix.length <= params.prefixMaxRest) found = [{ term: prefix, weight: params.ownTermWeight }];
  }
  return { terms: found, source: token.surface, ...(general ? { importance: params.generalConceptImportance } : {}) };
}

/**
 * Concepts of an English question with French (and, for English documents, English) terms.
 * @example
 * englishConcepts('How is money laundering fought?', deps).map((c) => c.source) // ['money laundering', 'fought']
 */
export function englishConcepts(text: string, deps: CrossLingualDeps): Concept[] {
  const tokens = analyze(text, 'en');
  const stems = tokens.map((t) => t.term);
  const out: Concept[] = [];
  const span = (i: number, n: number) =>
    tokens
      .slice(i, i + n)
      .map((t) => t.surface)
      .join(' ');
  for (let i = 0; i < tokens.length; ) {
    const termBase = deps.layers.has('termbase') ? deps.glossary?.matchAt(tokens, i) : undefined;
    const phrase = deps.lexicon?.translateAt(stems, i, 'enFr', 2, deps.layers);
    // A longer dictionary phrase ("investigating judge" → « juge d'instruction ») wins over a term-base entry for its first words.
    const entry = termBase && (!phrase || phrase.length <= termBase.key.length) ? termBase : undefined;
    if (entry) {
      const source = span(i, entry.key.length);
      // English documents: the question's words, and for a one-word source (an acronym) the entry's main English form.
      const english = entry.key.length === 1 ? `${source} ${Glossary.firstVariant(entry.entry[0])}` : source;
      const own = deps.englishDocuments ? [...new Set(terms(english, 'en'))].filter((t) => deps.lexical.has(t)).map((term) => ({ term, weight: deps.params.termBaseWeight })) : [];
      // The dictionary's renderings of the same words too, when it has them: a term-base entry may render a looser concept ("passport" → « documents de voyage »).
      const general = deps.lexicon?.translateAt(stems.slice(i, i + entry.key.length), 0, 'enFr', entry.key.length, deps.layers);
      out.push({ terms: merge(translated(entry.french), translated(general?.terms ?? []), own), source, entry: entry.entry });
      i += entry.key.length;
      continue;
    }
    if (phrase) {
      const source = span(i, phrase.length);
      out.push({ terms: merge(translated(phrase.terms), ownTerms(source, deps)), source });
      i += phrase.length;
      continue;
    }
    out.push(wordConcept(tokens[i], deps));
    i += 1;
  }
  return out;
}

/** For each French concept, the English terms of a multi-word term-base rendering it is part of (« personnes morales » → legal entity). */
function phraseRenderings(stems: readonly string[], glossary: Glossary, weight: number): WeightedTerm[][] {
  const out: WeightedTerm[][] = stems.map(() => []);
  for (let i = 0; i < stems.length; i++) {
    const hit = glossary.englishPhraseAt(stems, i);
    if (!hit) continue;
    for (let j = i; j < i + hit.length; j++) out[j].push(...hit.english.map((term) => ({ term, weight })));
    i += hit.length - 1;
  }
  return out;
}

/**
 * Adds English terms to the concepts of a French question (for English documents): term base in
 * reverse, then the dictionary (phrases over consecutive words, then words), then cognates.
 * @example
 * withEnglishTerms(frenchConcepts, deps) // 'blanchiment' also searches 'launder'
 */
export function withEnglishTerms(concepts: Concept[], deps: CrossLingualDeps): Concept[] {
  const { glossary, lexicon, layers, params, lexical } = deps;
  const stems = concepts.map((c) => c.terms[0]?.term ?? '');
  const phrases = layers.has('termbase') && glossary ? phraseRenderings(stems, glossary, params.termBaseWeight) : [];
  return concepts.map((c, i) => {
    const single = layers.has('termbase') && glossary ? c.terms.flatMap((t) => glossary.englishFor(t.term)).map((term) => ({ term, weight: params.termBaseReverseWeight })) : [];
    const reverse = merge(single, phrases[i] ?? []);
    const dictionary = lexicon?.translateAt(stems, i, 'frEn', 1, layers)?.terms ?? [];
    const cognates = layers.has('cognates') && lexicon ? c.terms.flatMap((t) => lexicon.cognates(t.term, 'frEn')) : [];
    const english = translated(merge(reverse, dictionary, cognates)).filter((t) => lexical.has(t.term) && !c.terms.some((x) => x.term === t.term));
    return english.length ? { ...c, terms: [...c.terms, ...english] } : c;
  });
}
