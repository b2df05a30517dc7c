/**
 * The cross-lingual table of an index: reads the vendored dictionary, parallel-text pairs and cognate rules
 * (`data-vendored/lexicon/`) and keeps what the indexed documents can use (server/text/lexicon-table.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FieldTerms } from '../../server/retrieval/bm25-index.js';
import { foldAccents, type AnalyzerLang } from '../../server/text/analyzer.js';
import { buildLexiconTable, parseCognateRules, type IndexedVocabulary, type LexiconTable } from '../../server/text/lexicon-table.js';
import { parseDictionary, type StemPair } from './compile-dictionary.js';

export const LEXICON_DIR = fileURLToPath(new URL('../../data-vendored/lexicon/', import.meta.url));
/** Module-level: esbuild's node20 target rewrites a `\p{…}` literal as `new RegExp(…)`, re-created on every call. */
const LETTER_WORDS = /\p{L}{2,}/gu;
const DICTIONARY_FILE = `${LEXICON_DIR}wiktionary-fr-en.tsv`;
const RULES_FILE = `${LEXICON_DIR}cognate-rules.tsv`;
const PARALLEL_FILE = `${LEXICON_DIR}parallel-ca-statutes.tsv`;

let dictionary: StemPair[] | undefined;
let parallel: StemPair[] | undefined;

/**
 * Reads `parallel-ca-statutes.tsv` (`en stems<TAB>fr stems<TAB>kind<TAB>dice<TAB>count<TAB>sources`, `#` comments);
 * names the file in the error when a line is malformed.
 * @example
 * parseParallelPairs('peac offic\tagent paix\tdefined\t\t3\tA-2 s.2\n', 'p.tsv') // [{ en: 'peac offic', fr: 'agent paix' }]
 */
export function parseParallelPairs(text: string, file: string): StemPair[] {
  const out: StemPair[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line || line.startsWith('#')) return;
    const [en, fr, kind] = line.split('\t');
    if (!en || !fr || (kind !== 'defined' && kind !== 'mined')) throw new Error(`${file}:${i + 1}: expected "en stems<TAB>fr stems<TAB>defined|mined<TAB>…", got ${JSON.stringify(line.slice(0, 80))}`);
    out.push({ fr, en });
  });
  return out;
}

/**
 * The vendored parallel-text pairs (parsed once per process).
 * @example
 * vendoredParallelPairs().some((p) => p.en === 'peac offic') // true
 */
export function vendoredParallelPairs(): StemPair[] {
  return (parallel ??= parseParallelPairs(readFileSync(PARALLEL_FILE, 'utf8'), PARALLEL_FILE));
}

/**
 * The vendored dictionary (parsed once per process).
 * @example
 * vendoredDictionary().length // 71441
 */
export function vendoredDictionary(): StemPair[] {
  return (dictionary ??= parseDictionary(readFileSync(DICTIONARY_FILE, 'utf8'), DICTIONARY_FILE));
}

/**
 * Collects the indexed vocabulary while the lexical index is built: the stems of each language's paragraphs
 * (every field) and their letter words, accent-folded (a raw word is folded once, however often it occurs).
 * @example
 * const vocabulary = new VocabularyCollector();
 * encodeLexicalIndex(documents, paragraphs, (fields, p, doc) => vocabulary.add(doc.language, fields, p.text));
 */
export class VocabularyCollector {
  readonly vocabulary: IndexedVocabulary = { stems: { fr: new Set(), en: new Set() }, words: { fr: new Set(), en: new Set() } };
  private readonly rawSeen = { fr: new Set<string>(), en: new Set<string>() };

  add(language: AnalyzerLang, fields: FieldTerms, text: string): void {
    const stems = this.vocabulary.stems[language];
    for (const f of fields) for (const t of f.terms) stems.add(t);
    const words = this.vocabulary.words[language];
    const seen = this.rawSeen[language];
    for (const w of text.match(LETTER_WORDS) ?? []) {
      if (seen.has(w)) continue;
      seen.add(w);
      words.add(foldAccents(w.toLowerCase()));
    }
  }
}

/**
 * Builds the `lexicon.json` table from the vocabulary of an index.
 * @example
 * const table = buildIndexLexicon(vocabulary.vocabulary);
 */
export function buildIndexLexicon(vocabulary: IndexedVocabulary): LexiconTable {
  return buildLexiconTable(vendoredDictionary(), parseCognateRules(readFileSync(RULES_FILE, 'utf8'), RULES_FILE), vocabulary, vendoredParallelPairs());
}
