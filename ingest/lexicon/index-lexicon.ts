/**
 * The cross-lingual table of an index: reads the vendored dictionary and cognate rules
 * (`data-vendored/lexicon/`) and keeps what the indexed documents can use (server/text/lexicon-table.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FieldTerms } from '../../server/retrieval/bm25-index.js';
import { foldAccents, type AnalyzerLang } from '../../server/text/analyzer.js';
import { buildLexiconTable, parseCognateRules, type IndexedVocabulary, type LexiconTable } from '../../server/text/lexicon-table.js';
import { parseDictionary, type StemPair } from './compile-dictionary.js';

export const LEXICON_DIR = fileURLToPath(new URL('../../data-vendored/lexicon/', import.meta.url));
const DICTIONARY_FILE = `${LEXICON_DIR}wiktionary-fr-en.tsv`;
const RULES_FILE = `${LEXICON_DIR}cognate-rules.tsv`;

let dictionary: StemPair[] | undefined;

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
    for (const w of text.match(/\p{L}{2,}/gu) ?? []) {
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
  return buildLexiconTable(vendoredDictionary(), parseCognateRules(readFileSync(RULES_FILE, 'utf8'), RULES_FILE), vocabulary);
}
