/**
 * The cross-lingual table of an index: reads the vendored dictionary and cognate rules
 * (`data-vendored/lexicon/`) and keeps what the indexed documents can use (server/text/lexicon-table.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bm25IndexData } from '../../server/retrieval/bm25-index.js';
import { buildLexiconTable, parseCognateRules, vocabularyFromIndex, type LexiconTable } from '../../server/text/lexicon-table.js';
import type { DocumentMeta, Paragraph } from '../../server/types.js';
import { parseDictionary, type StemPair } from './compile-dictionary.js';

export const LEXICON_DIR = fileURLToPath(new URL('../../data-vendored/lexicon/', import.meta.url));
const DICTIONARY_FILE = `${LEXICON_DIR}wiktionary-fr-en.tsv`;
const RULES_FILE = `${LEXICON_DIR}cognate-rules.tsv`;

let dictionary: StemPair[] | undefined;

/**
 * The vendored dictionary (parsed once per process).
 * @example
 * vendoredDictionary().length // 72999
 */
export function vendoredDictionary(): StemPair[] {
  return (dictionary ??= parseDictionary(readFileSync(DICTIONARY_FILE, 'utf8'), DICTIONARY_FILE));
}

/**
 * Builds the `lexicon.json` table for the documents and paragraphs of an index, from its lexical index.
 * @example
 * const table = buildIndexLexicon(documents, paragraphs, buildLexicalIndex(documents, paragraphs));
 */
export function buildIndexLexicon(documents: DocumentMeta[], paragraphs: Paragraph[], lexical: Bm25IndexData): LexiconTable {
  const language = new Map(documents.map((d) => [d.id, d.language]));
  const vocab = vocabularyFromIndex(lexical.postings, paragraphs.map((p) => language.get(p.documentId) ?? 'fr'), paragraphs.map((p) => p.text));
  return buildLexiconTable(vendoredDictionary(), parseCognateRules(readFileSync(RULES_FILE, 'utf8'), RULES_FILE), vocab);
}
