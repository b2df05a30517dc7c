/**
 * The per-index cross-lingual table (`lexicon.json` in the index directory), built at ingest from the
 * general dictionary and the cognate rules, kept small by the indexed vocabulary: a pair is kept only when
 * its target side occurs in the indexed documents of the target language. Web-standard.
 */
import { foldAccents, terms, type AnalyzerLang } from './analyzer.js';

/** Source stems (space-separated phrase) → [target phrases kept, number of senses of the source in the whole dictionary]. */
export type DictionaryDirection = Record<string, [targets: string[], senses: number]>;
/** Source stem → target stems that are cognates by a suffix rule and occur in the index. */
export type CognateDirection = Record<string, string[]>;

export interface LexiconTable {
  version: 1;
  dictionary: { enFr: DictionaryDirection; frEn: DictionaryDirection };
  cognates: { enFr: CognateDirection; frEn: CognateDirection };
  /** Pairs from parallel official texts (data-vendored/lexicon/parallel-ca-statutes.tsv), filtered like the dictionary; absent in older indexes. */
  parallel?: { enFr: DictionaryDirection; frEn: DictionaryDirection };
}

/** A suffix correspondence on lower-cased, accent-folded words. */
export interface CognateRule {
  en: string;
  fr: string;
}

/** Stems of the indexed documents, per language, and their surface words (for cognates). */
export interface IndexedVocabulary {
  stems: Record<AnalyzerLang, Set<string>>;
  words: Record<AnalyzerLang, Set<string>>;
}

/** A suffix rule needs a word stem of at least this many letters before the suffix ("ic" must not rewrite "tic"). */
const MIN_COGNATE_BASE = 3;

/**
 * Reads `cognate-rules.tsv` (`en suffix<TAB>fr suffix<TAB>example`, `#` comments).
 * @example
 * parseCognateRules('ity\tite\tsecurity/securite\n', 'rules.tsv') // [{ en: 'ity', fr: 'ite' }]
 */
export function parseCognateRules(text: string, file: string): CognateRule[] {
  const out: CognateRule[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const [en, fr] = line.split('\t');
    if (!en || !fr || !/^[a-z]+$/.test(en) || !/^[a-z]+$/.test(fr)) throw new Error(`${file}:${i + 1}: expected "english suffix<TAB>french suffix", got ${JSON.stringify(line.slice(0, 80))}`);
    out.push({ en, fr });
  });
  return out.sort((a, b) => b.en.length + b.fr.length - (a.en.length + a.fr.length));
}

/**
 * Collects the stems and words of indexed texts by language.
 * @example
 * vocabularyOf([{ language: 'fr', texts: ['La sécurité'] }]).stems.fr // Set { 'secur', … }
 */
export function vocabularyOf(documents: Array<{ language: AnalyzerLang; texts: string[] }>): IndexedVocabulary {
  const vocab: IndexedVocabulary = { stems: { fr: new Set(), en: new Set() }, words: { fr: new Set(), en: new Set() } };
  for (const d of documents) for (const text of d.texts) for (const t of terms(text, d.language, { accentVariants: true })) vocab.stems[d.language].add(t);
  for (const d of documents) wordsOf(d.texts, vocab.words[d.language]);
  return vocab;
}

/** Module-level (like every regular expression with `\p{…}` here): esbuild's node20 target rewrites such a literal as `new RegExp(…)`, re-created on every call. */
const LETTER_WORDS = /\p{L}{2,}/gu;

/** Lower-cased, accent-folded words (letters only) of texts, into `out`. */
export function wordsOf(texts: string[], out: Set<string>): Set<string> {
  for (const text of texts) for (const w of text.match(LETTER_WORDS) ?? []) out.add(foldAccents(w.toLowerCase()));
  return out;
}

/**
 * Derivational affixes, on stems, that Snowball leaves in place: a target stem also renders the indexed stems of its
 * derivation family ("prison" → imprison, « prison » → emprison; "forfeitur" → forfeit). Language-level rules.
 */
const DERIVATION: Record<AnalyzerLang, { prefixes: string[]; suffixes: string[] }> = {
  en: { prefixes: ['im', 'in', 'em', 'en'], suffixes: ['ur', 'ment'] },
  fr: { prefixes: ['em', 'en'], suffixes: [] },
};
/** A stem needs this many letters for its derivations to be looked up ("in" + "form" must not make "inform"). */
const MIN_DERIVATION_BASE = 5;

/** Indexed stems of the target's derivation family, besides the target itself. */
function derivations(target: string, lang: AnalyzerLang, stems: Set<string>): string[] {
  const { prefixes, suffixes } = DERIVATION[lang];
  const out = new Set<string>();
  const bases = [target, ...suffixes.filter((x) => target.endsWith(x)).map((x) => target.slice(0, -x.length))].filter((b) => b.length >= MIN_DERIVATION_BASE);
  for (const base of bases) for (const c of [base, ...prefixes.map((p) => p + base), ...suffixes.map((x) => base + x)]) if (c !== target && stems.has(c)) out.add(c);
  return [...out];
}

function filterDirection(pairs: ReadonlyArray<{ fr: string; en: string }>, from: AnalyzerLang, targetStems: Set<string>): DictionaryDirection {
  const to: AnalyzerLang = from === 'fr' ? 'en' : 'fr';
  // Pairs are distinct (compile-dictionary dedupes them), so a source's senses are its number of pairs.
  const senses = new Map<string, number>();
  const kept = new Map<string, string[]>();
  for (const p of pairs) {
    const source = p[from];
    const target = p[to];
    senses.set(source, (senses.get(source) ?? 0) + 1);
    if (targetStems.has(target) || (target.includes(' ') && target.split(' ').every((x) => targetStems.has(x)))) (kept.get(source) ?? kept.set(source, []).get(source)!).push(target);
    if (!target.includes(' ')) for (const d of derivations(target, to, targetStems)) (kept.get(source) ?? kept.set(source, []).get(source)!).push(d);
  }
  const out: DictionaryDirection = {};
  for (const [source, targets] of kept) out[source] = [[...new Set(targets)].sort(), senses.get(source)!];
  return out;
}

function cognateDirection(words: Set<string>, rules: CognateRule[], from: AnalyzerLang): CognateDirection {
  const to: AnalyzerLang = from === 'fr' ? 'en' : 'fr';
  const out: Record<string, Set<string>> = {};
  for (const word of words) {
    const rule = rules.find((r) => word.endsWith(r[from]) && word.length - r[from].length >= MIN_COGNATE_BASE);
    if (!rule) continue;
    const other = word.slice(0, word.length - rule[from].length) + rule[to];
    const [source] = terms(other, to);
    const [target] = terms(word, from);
    // A word spelled alike in both languages whose stems differ ("resolution": resolut in English, resolu in French) is left out
    // only for English questions, which stem their own words both ways; a French question needs the pair to reach the English word.
    if (!source || !target || target === source || (to === 'en' && terms(other, from)[0] === target)) continue;
    (out[source] ??= new Set()).add(target);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v].sort()]));
}

/**
 * Builds the table an index ships: dictionary pairs and parallel-text pairs whose target occurs in the indexed
 * vocabulary (both directions) and cognates of the indexed words. Cognate pairs that the analyser already joins (same stem
 * on both sides) are left out, and so are English→French pairs spelled alike: an English question's own stems find them.
 * @example
 * const table = buildLexiconTable([{ fr: 'blanch argent', en: 'monei launder' }], [{ en: 'ity', fr: 'ite' }], vocabularyOf(docs));
 */
export function buildLexiconTable(
  pairs: ReadonlyArray<{ fr: string; en: string }>,
  rules: CognateRule[],
  vocab: IndexedVocabulary,
  parallel: ReadonlyArray<{ fr: string; en: string }> = [],
): LexiconTable {
  return {
    version: 1,
    dictionary: {
      enFr: filterDirection(pairs, 'en', vocab.stems.fr),
      frEn: filterDirection(pairs, 'fr', vocab.stems.en),
    },
    cognates: { enFr: cognateDirection(vocab.words.fr, rules, 'fr'), frEn: cognateDirection(vocab.words.en, rules, 'en') },
    parallel: { enFr: filterDirection(parallel, 'en', vocab.stems.fr), frEn: filterDirection(parallel, 'fr', vocab.stems.en) },
  };
}
