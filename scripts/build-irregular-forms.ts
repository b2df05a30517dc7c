/**
 * `npm run build:irregular-forms [-- path/to/frwiktionary-fr-en.csv]`: derives the irregular verb forms the analyser
 * maps to their infinitive (ingest/lexicon/irregular-forms.ts) from the Lefff conjugations (devDependency
 * `french-verbs-lefff`) and `english-verbs-irregular`, filtered by the Wiktionary CSV, and writes
 * `data-vendored/lexicon/irregular-forms.json`. Rebuild the dictionary (`npm run build:lexicon`) after it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sha256 } from '../ingest/lexicon/compile-dictionary.js';
import { deriveEnglishForms, deriveFrenchForms, FRENCH_MOODS } from '../ingest/lexicon/irregular-forms.js';

const require = createRequire(import.meta.url);
const source = path.resolve(process.argv[2] ?? '../shared/data/frwiktionary-fr-en.csv');
const csv = await readFile(source, 'utf8').catch((err: Error) => {
  console.error(`${source}: cannot read the Wiktionary CSV (${err.message}).`);
  process.exit(2);
});
const read = async (pkg: string, file: string) => {
  const version = JSON.parse(await readFile(require.resolve(`${pkg}/package.json`), 'utf8')).version as string;
  const text = await readFile(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file), 'utf8');
  return { version, text };
};
const lefff = await read('french-verbs-lefff', 'dist/conjugations.json');
const english = await read('english-verbs-irregular', 'dist/verbs.json');
const fr = deriveFrenchForms(JSON.parse(lefff.text), csv);
const en = deriveEnglishForms(JSON.parse(english.text), csv);
const info = {
  sources: {
    fr: `npm french-verbs-lefff@${lefff.version} (Lefff, LGPL-LR; moods ${FRENCH_MOODS.join('')}), sha256 ${sha256(lefff.text)}`,
    en: `npm english-verbs-irregular@${english.version} (CC BY 4.0), sha256 ${sha256(english.text)}`,
    filter: `${path.basename(source)} (Wiktionary, CC BY-SA 3.0), sha256 ${sha256(csv)}`,
  },
  licence: 'French forms: LGPL-LR (Lefff); English forms: CC BY 4.0; see NOTICE.md',
  counts: { fr: Object.keys(fr).length, en: Object.keys(en).length },
  fr,
  en,
};
const out = path.resolve('data-vendored/lexicon/irregular-forms.json');
await writeFile(out, `${JSON.stringify(info)}\n`);
console.log(`${out}: ${info.counts.fr} French and ${info.counts.en} English forms map to their infinitive.`);
