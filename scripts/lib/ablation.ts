/**
 * Ablation of the cross-lingual layers (`npm run tune -- --ablation`): the same suite with every layer, each layer
 * off, and the glossary off, on the English questions only, with the first citation split by the gold document's
 * language (English questions over English texts, over French texts). Aggregates only: no question is printed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ItemResult } from '../../evals/lib/evaluate.js';

/** The layer settings compared: name → eval configuration and LEXICON_LAYERS. */
export const ABLATIONS: ReadonlyArray<[string, string, Record<string, string>]> = [
  ['all layers (default)', 'lexical+glossary', {}],
  ['no term base', 'lexical+glossary', { LEXICON_LAYERS: 'dictionary,parallel,cognates' }],
  ['no dictionary', 'lexical+glossary', { LEXICON_LAYERS: 'termbase,parallel,cognates' }],
  ['no parallel pairs', 'lexical+glossary', { LEXICON_LAYERS: 'termbase,dictionary,cognates' }],
  ['no cognates', 'lexical+glossary', { LEXICON_LAYERS: 'termbase,dictionary,parallel' }],
  ['term base only', 'lexical+glossary', { LEXICON_LAYERS: 'termbase' }],
  ['none (lexical-no-glossary)', 'lexical-no-glossary', {}],
];

/** Language of every document of the vendored corpus and of evals/documents/, by id. */
export async function documentLanguages(root: string): Promise<Map<string, string>> {
  const vendored = JSON.parse(await readFile(path.join(root, 'corpus', 'corpus.json'), 'utf8')) as { documents: Array<{ id: string; language?: string }> };
  const real = JSON.parse(await readFile(path.join(root, 'evals', 'documents', 'documents.json'), 'utf8')) as Array<{ id: string; language: string }>;
  return new Map([...vendored.documents.map((d) => [d.id, d.language ?? 'fr'] as const), ...real.map((d) => [d.id, d.language] as const)]);
}

/** Share of answerable items whose first citation is a gold unit, per "question language>gold document language". */
export function firstCitationByPair(items: readonly ItemResult[], languages: ReadonlyMap<string, string>): Record<string, { rate: number; n: number }> {
  const groups = new Map<string, boolean[]>();
  for (const i of items) {
    if (!i.gold.length) continue;
    const pair = `${i.language}>${languages.get(i.gold[0].documentId) ?? '?'}`;
    const first = i.citations[0];
    const ok = !!first && i.gold.some((g) => g.documentId === first.documentId && g.paragraph === first.paragraph);
    (groups.get(pair) ?? groups.set(pair, []).get(pair)!).push(ok);
  }
  return Object.fromEntries([...groups].sort().map(([k, v]) => [k, { rate: v.filter(Boolean).length / v.length, n: v.length }]));
}

/** One Markdown row: the questions of one language, their pass rate, Hit@1 and first citation in the same language and across. */
export function ablationRow(suite: string, name: string, items: readonly ItemResult[], languages: ReadonlyMap<string, string>, lang: 'en' | 'fr' = 'en'): string {
  const own = items.filter((i) => i.language === lang);
  const gold = own.filter((i) => i.gold.length);
  const pairs = firstCitationByPair(own, languages);
  const other = lang === 'en' ? 'fr' : 'en';
  const f = (x: { rate: number; n: number } | undefined) => (x ? `${x.rate.toFixed(2)} (${x.n})` : '—');
  return `| ${suite} | ${name} | ${lang} ${own.length} | ${(own.filter((i) => i.pass).length / Math.max(1, own.length)).toFixed(3)} | ${(gold.filter((i) => i.score.hit1 === 1).length / Math.max(1, gold.length)).toFixed(3)} | ${f(pairs[`${lang}>${lang}`])} | ${f(pairs[`${lang}>${other}`])} |`;
}

export const ABLATION_HEADER = '| suite | layers | questions | pass | Hit@1 | first citation, same language | first citation, across languages |\n|---|---|---|---|---|---|---|';
