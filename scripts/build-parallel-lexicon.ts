/**
 * `npm run build:parallel-lexicon -- <laws-lois-xml checkout> [commit]`: mines English↔French term pairs from the
 * consolidated federal Acts of Canada (github.com/justicecanada/laws-lois-xml: `eng/acts/*.xml`, `fra/lois/*.xml`,
 * same numbering in both languages) and writes `data-vendored/lexicon/parallel-ca-statutes.tsv` with its provenance
 * (`parallel-ca-statutes.json`). Two kinds of pair: `defined`, the defined terms each Act gives in both languages
 * (`<DefinedTermEn>` / `<DefinedTermFr>` of one definition), and `mined`, pairs found by Dice co-occurrence over the
 * units aligned by section number (ingest/lexicon/mine-parallel.ts). The Acts vendored in evals/documents are left out,
 * so no evaluation suite's own text feeds the table.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../ingest/lexicon/compile-dictionary.js';
import { DEFAULT_MINING, minePairs, type AlignedUnit } from '../ingest/lexicon/mine-parallel.js';
import { readStatute } from '../ingest/lexicon/statute-xml.js';
import { terms } from '../server/text/analyzer.js';

/** Acts whose text (in either language) is in evals/documents: Criminal Code, Charities Registration (Security Information) Act, Secure Air Travel Act, Security of Canada Information Disclosure Act. */
const EXCLUDED = ['C-46', 'C-27.55', 'S-6.7', 'S-6.9'];
/** Longest defined term kept, in stems (either side): longer ones are descriptions, not terms. */
const MAX_DEFINED_STEMS = 4;
/** A defined pair of one word on each side is kept when this many Acts define it so. */
const MIN_WORD_DEFINED_ACTS = 2;
const OUT = path.resolve('data-vendored/lexicon/parallel-ca-statutes.tsv');

const root = process.argv[2];
/** `MINING='{"minDice":0.4}'` overrides thresholds of DEFAULT_MINING, to compare settings (the JSON file records those used). */
const MINING = { ...DEFAULT_MINING, ...(process.env.MINING ? (JSON.parse(process.env.MINING) as Partial<typeof DEFAULT_MINING>) : {}) };
if (!root) {
  console.error('Usage: npm run build:parallel-lexicon -- <path to a checkout of github.com/justicecanada/laws-lois-xml> [commit]');
  process.exit(2);
}
let files: string[];
try {
  files = (await readdir(path.join(root, 'eng/acts'))).filter((f) => f.endsWith('.xml')).sort();
} catch (err) {
  console.error(`${path.join(root, 'eng/acts')}: cannot read the English Acts (${(err as Error).message}).`);
  process.exit(2);
}

const units: AlignedUnit[] = [];
const defined = new Map<string, { en: string; fr: string; sources: string[] }>();
let acts = 0;
for (const file of files) {
  const act = file.replace(/\.xml$/, '');
  if (EXCLUDED.includes(act)) continue;
  const fr = await readFile(path.join(root, 'fra/lois', file), 'utf8').catch(() => undefined);
  if (!fr) continue;
  acts++;
  const en = readStatute(await readFile(path.join(root, 'eng/acts', file), 'utf8'), 'en');
  const frVersion = readStatute(fr, 'fr');
  for (const [key, text] of en.units) {
    const other = frVersion.units.get(key);
    if (other) units.push({ group: act, source: `${act} s.${key.split('/')[0].replace(/#note$/, '')}`, en: text, fr: other });
  }
  for (const d of en.definitions) {
    const e = terms(d.en, 'en').join(' ');
    const f = terms(d.fr, 'fr').join(' ');
    if (!e || !f || e === f || e.split(' ').length > MAX_DEFINED_STEMS || f.split(' ').length > MAX_DEFINED_STEMS) continue;
    const entry = defined.get(`${e}\t${f}`) ?? defined.set(`${e}\t${f}`, { en: e, fr: f, sources: [] }).get(`${e}\t${f}`)!;
    if (entry.sources.length < 3 && !entry.sources.some((x) => x.startsWith(`${act} `))) entry.sources.push(`${act} s.${d.section}`);
  }
}
console.log(`${acts} Acts in both languages, ${units.length} aligned units, ${defined.size} defined pairs.`);

/**
 * Mined pairs are kept one word a side. Phrase pairs (two stems a side, also requiring 10 units and every word rendered
 * by a word of the other side) were measured on the training suites: no gain beside the one-word pairs and the defined
 * phrases, and more must-abstain questions answered (documents-3 abstention recall 0.842 without them, 0.789 with), a
 * domain's phrase displacing the general reading ("general meeting" for « assemblée générale »).
 */
const mined = minePairs(units, MINING).filter((p) => !p.en.includes(' ') && !p.fr.includes(' '));
const lines = new Map<string, string>();
// A one-word defined term given by a single Act is that Act's sense ("deposit" → « rejet », of waste): kept from two Acts on.
for (const d of defined.values())
  if (d.en.includes(' ') || d.fr.includes(' ') || d.sources.length >= MIN_WORD_DEFINED_ACTS) lines.set(`${d.en}\t${d.fr}`, `${d.en}\t${d.fr}\tdefined\t\t${d.sources.length}\t${d.sources.join('; ')}`);
for (const m of mined) if (!lines.has(`${m.en}\t${m.fr}`)) lines.set(`${m.en}\t${m.fr}`, `${m.en}\t${m.fr}\tmined\t${m.dice}\t${m.count}\t${m.sources.join('; ')}`);
const header =
  '# en-stems\tfr-stems\tkind\tdice\tcount (aligned units; Acts for defined pairs)\tsources — mined by `npm run build:parallel-lexicon` from the consolidated federal Acts of Canada (Justice Laws XML; see NOTICE.md)';
const text = `${header}\n${[...lines.keys()]
  .sort()
  .map((k) => lines.get(k))
  .join('\n')}\n`;
await writeFile(OUT, text);
const info = {
  source: 'https://github.com/justicecanada/laws-lois-xml (eng/acts, fra/lois)',
  commit: process.argv[3] ?? 'unknown',
  licence: 'Reproduction of Federal Law Order (SI/97-5); repository under the Open Government Licence – Canada',
  excludedActs: EXCLUDED,
  acts,
  alignedUnits: units.length,
  mining: MINING,
  maxDefinedStems: MAX_DEFINED_STEMS,
  minedPhrases: false,
  minWordDefinedActs: MIN_WORD_DEFINED_ACTS,
  definedPairs: [...lines.values()].filter((l) => l.includes('\tdefined\t')).length,
  minedPairs: [...lines.values()].filter((l) => l.includes('\tmined\t')).length,
  sha256: sha256(text),
};
await writeFile(OUT.replace(/\.tsv$/, '.json'), `${JSON.stringify(info, null, 2)}\n`);
console.log(`${OUT}: ${info.definedPairs} defined + ${info.minedPairs} mined pairs (${(text.length / 1024).toFixed(0)} KiB).`);
