/**
 * `npm run build:lexicon [-- path/to/frwiktionary-fr-en.csv]`: compiles the Wiktionary FR→EN pairs
 * (default `../shared/data/frwiktionary-fr-en.csv`) into `data-vendored/lexicon/wiktionary-fr-en.tsv`
 * and records the checksums in `data-vendored/lexicon/wiktionary-fr-en.json`. The compiled file is
 * committed, so a clone without `../shared` still builds indexes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compileDictionary, formatDictionary, sha256 } from '../ingest/lexicon/compile-dictionary.js';

const source = path.resolve(process.argv[2] ?? '../shared/data/frwiktionary-fr-en.csv');
let csv: string;
try {
  csv = await readFile(source, 'utf8');
} catch (err) {
  console.error(`${source}: cannot read the Wiktionary CSV (${(err as Error).message}). Pass its path: npm run build:lexicon -- <file>`);
  process.exit(2);
}
const pairs = compileDictionary(csv);
const text = formatDictionary(pairs);
const out = path.resolve('data-vendored/lexicon/wiktionary-fr-en.tsv');
await writeFile(out, text);
const info = { source: path.basename(source), sourceSha256: sha256(csv), sourceLines: csv.split('\n').filter(Boolean).length, pairs: pairs.length, sha256: sha256(text) };
await writeFile(out.replace(/\.tsv$/, '.json'), `${JSON.stringify(info, null, 2)}\n`);
console.log(`${out}: ${pairs.length} stem pairs from ${info.sourceLines} lines (${(text.length / 1024).toFixed(0)} KiB).`);
