/**
 * Irregular verb forms → their infinitive, so that the analyser stems « commis », « commise » and « commettre » alike
 * (Snowball gives `comm`, `commis`, `commettr`) and "held" like "hold". Derived from two conjugation tables:
 * French from the Lefff (npm `french-verbs-lefff`, LGPL-LR), English from `english-verbs-irregular` (CC BY 4.0).
 * A form is kept when its Snowball stem differs from its infinitive's and it is not a word of its own: a French form
 * the Wiktionary lists as a noun (« fait », « prise », « permis », « reçu »), an English one it lists as a noun, verb or
 * adverb ("found", "ground", "left"), or a form two verbs share with different stems. Written to
 * `data-vendored/lexicon/irregular-forms.json` by `npm run build:irregular-forms`.
 */
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { foldAccents } from '../../server/text/fold-accents.js';
import { snowballStem } from './stem-exceptions.js';

/** Lefff moods kept: past participles (K). Adding the finite forms (present, imperfect, future, conditional, subjunctive, imperative, gerund) gained nothing on the training suites and cost documents-6 Hit@1 0.342 → 0.315. */
export const FRENCH_MOODS = ['K'] as const;

/** `french-verbs-lefff`'s table: infinitive → mood → forms (null or "NA" where none). */
export type FrenchConjugations = Record<string, Partial<Record<string, Array<string | null>>>>;
/** `english-verbs-irregular`'s table: infinitive → [[past, participle], …]. */
export type EnglishIrregularVerbs = Record<string, string[][]>;

/** Words of the Wiktionary CSV by part of speech: French headwords, English translations. */
function wiktionaryWords(csv: string): { frenchNouns: Set<string>; frenchVerbs: Set<string>; englishWords: Set<string> } {
  const frenchNouns = new Set<string>();
  const frenchVerbs = new Set<string>();
  const englishWords = new Set<string>();
  for (const line of csv.split(/\r?\n/)) {
    const c = line.split(';');
    if (c.length < 5 || c[2] !== 'TR-FR-EN') continue;
    const fr = c[0].trim().toLowerCase();
    // A noun phrase's head leads it: « produit intérieur brut », « fait divers ».
    if (c[1] === 'S') frenchNouns.add(fr.split(/[\s'-]+/u)[0]);
    if (c[1] === 'V') frenchVerbs.add(fr);
    if (c[4] === 'S' || c[4] === 'V' || c[4] === 'D') englishWords.add(c[3].trim().toLowerCase());
  }
  return { frenchNouns, frenchVerbs, englishWords };
}

/** A noun, or the regular plural of a noun of at least four letters (« faits », « entreprises », « atteintes »). */
function isNoun(form: string, nouns: ReadonlySet<string>): boolean {
  return nouns.has(form) || (/[sx]$/u.test(form) && form.length > 4 && nouns.has(form.slice(0, -1)));
}

/** Adds form → infinitive unless the form already maps to an infinitive of another stem (then it is ambiguous: dropped). */
function collect(out: Map<string, string | null>, form: string, infinitive: string, stem: (w: string) => string): void {
  const known = out.get(form);
  if (known === undefined) out.set(form, infinitive);
  else if (known !== null && stem(known) !== stem(infinitive)) out.set(form, null);
}

function sorted(map: Map<string, string | null>): Record<string, string> {
  return Object.fromEntries([...map].filter((e): e is [string, string] => e[1] !== null).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * French forms → infinitive, for the verbs the Wiktionary lists as verbs.
 * @example
 * deriveFrenchForms({ commettre: { W: ['commettre'], K: ['commis', 'commis', 'commise', 'commises'] } }, 'commettre;V;TR-FR-EN;commit;V;\n')
 * // { commis: 'commettre', commise: 'commettre', commises: 'commettre' }
 */
export function deriveFrenchForms(table: FrenchConjugations, csv: string): Record<string, string> {
  const { frenchNouns, frenchVerbs } = wiktionaryWords(csv);
  const out = new Map<string, string | null>();
  for (const [infinitive, moods] of Object.entries(table)) {
    if (!frenchVerbs.has(infinitive)) continue;
    const stem = snowballStem(infinitive);
    for (const mood of FRENCH_MOODS)
      for (const raw of moods[mood] ?? []) {
        const form = typeof raw === 'string' ? raw.toLowerCase() : '';
        if (!/^\p{L}+$/u.test(form) || form === infinitive || isNoun(form, frenchNouns) || frenchVerbs.has(form)) continue;
        if (snowballStem(form) !== stem) collect(out, form, infinitive, snowballStem);
      }
  }
  return sorted(out);
}

/** The English Snowball stem, accents folded. */
const englishStem = (w: string) => foldAccents(englishStemmer(w));

/**
 * English irregular past forms and participles → infinitive.
 * @example
 * deriveEnglishForms({ hold: [['held', 'held']], find: [['found', 'found']] }, 'fonder;V;TR-FR-EN;found;V;\n') // { held: 'hold' }
 */
export function deriveEnglishForms(table: EnglishIrregularVerbs, csv: string): Record<string, string> {
  const { englishWords } = wiktionaryWords(csv);
  const out = new Map<string, string | null>();
  for (const [infinitive, pairs] of Object.entries(table))
    for (const form of pairs.flat().map((f) => f.toLowerCase())) {
      if (!/^\p{L}+$/u.test(form) || form === infinitive || form in table || englishWords.has(form)) continue;
      if (englishStem(form) !== englishStem(infinitive)) collect(out, form, infinitive, englishStem);
    }
  return sorted(out);
}
