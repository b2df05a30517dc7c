/**
 * `npm run build:stem-exceptions [-- path/to/frwiktionary-fr-en.csv]`: derives the French stem exceptions
 * (ingest/lexicon/stem-exceptions.ts) from the Wiktionary lemmas and writes
 * `data-vendored/lexicon/french-stem-exceptions.json`. Rebuild the dictionary (`npm run build:lexicon`) after it:
 * its French stems come from the analyser.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../ingest/lexicon/compile-dictionary.js';
import { deriveStemExceptions, MAX_STEM_LETTERS, RELATED_PREFIX } from '../ingest/lexicon/stem-exceptions.js';

const source = path.resolve(process.argv[2] ?? '../shared/data/frwiktionary-fr-en.csv');
const csv = await readFile(source, 'utf8').catch((err: Error) => {
  console.error(`${source}: cannot read the Wiktionary CSV (${err.message}).`);
  process.exit(2);
});
const stems = deriveStemExceptions(csv);
const out = path.resolve('data-vendored/lexicon/french-stem-exceptions.json');
const info = {
  source: path.basename(source),
  sourceSha256: sha256(csv),
  licence: 'CC BY-SA 3.0 (Wiktionary; see NOTICE.md)',
  maxStemLetters: MAX_STEM_LETTERS,
  relatedPrefix: RELATED_PREFIX,
  words: Object.keys(stems).length,
  stems,
};
await writeFile(out, `${JSON.stringify(info, null, 1)}\n`);
console.log(`${out}: ${info.words} French words keep their own stem.`);
