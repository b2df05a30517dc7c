/**
 * Retrieval and citation quality split by the languages involved: the question's language against the languages of
 * its gold documents. Issue targets are stated this way ("same language" vs "across languages"), and a suite over
 * parallel texts (a statute published in English and French) has items whose gold is in both.
 */
import { bootstrapCI, meanOf, refKey } from './metrics.js';

/** How the question's language relates to its gold documents' languages. */
export type LanguageRelation = 'same' | 'cross' | 'both';

/** What the split needs from one item of a report. */
export interface PairItem {
  language: string;
  gold: ReadonlyArray<{ documentId: string; paragraph: string }>;
  mustAbstain: boolean;
  citations: ReadonlyArray<{ documentId: string; paragraph: string }>;
  score: { hit1: number | null; abstained: boolean | null };
}

export interface PairMetric {
  value: number | null;
  n: number;
  ci: { low: number; high: number } | null;
}

/** One row: items of one question language and one relation. */
export interface PairRow {
  questionLanguage: string;
  relation: LanguageRelation;
  /** Top retrieved passage is gold. */
  hit1: PairMetric;
  /** The first citation of the answer is gold (0 when the assistant abstained or cited nothing). */
  firstCitation: PairMetric;
}

/**
 * Classifies an item: `same` when every gold document is in the question's language, `cross` when none is,
 * `both` when the gold spans both (parallel versions). Null when the item has no gold or a gold document's
 * language is unknown.
 * @example
 * relationOf('en', ['fr'])       // 'cross'
 * relationOf('en', ['en', 'fr']) // 'both'
 */
export function relationOf(questionLanguage: string, goldLanguages: readonly (string | undefined)[]): LanguageRelation | null {
  if (goldLanguages.length === 0 || goldLanguages.some((l) => l === undefined)) return null;
  const same = goldLanguages.filter((l) => l === questionLanguage).length;
  if (same === goldLanguages.length) return 'same';
  return same === 0 ? 'cross' : 'both';
}

function firstCitationCorrect(item: PairItem): number {
  const first = item.citations[0];
  if (!first || item.score.abstained) return 0;
  return item.gold.some((g) => refKey(g) === refKey(first)) ? 1 : 0;
}

function metric(values: readonly number[], samples: number, seed: number): PairMetric {
  const value = meanOf(values);
  const ci = value === null || samples <= 0 ? null : bootstrapCI(values, (xs) => meanOf(xs), { samples, seed });
  return { value, n: values.length, ci };
}

/**
 * Splits the answerable items by question language × relation and computes Hit@1 and first-citation correctness
 * with seeded percentile-bootstrap 95% CIs.
 * @example
 * const rows = languagePairs(report.items, new Map([['cc-en', 'en'], ['cc-fr', 'fr']]), { samples: 1000, seed: 1 });
 * rows.find((r) => r.questionLanguage === 'en' && r.relation === 'cross')?.firstCitation.value;
 */
export function languagePairs(items: readonly PairItem[], documentLanguage: ReadonlyMap<string, string>, opts: { samples: number; seed: number }): PairRow[] {
  const groups = new Map<string, PairItem[]>();
  for (const item of items) {
    if (item.mustAbstain || item.gold.length === 0) continue;
    const relation = relationOf(
      item.language,
      item.gold.map((g) => documentLanguage.get(g.documentId)),
    );
    if (!relation) continue;
    const key = `${item.language}|${relation}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const order: LanguageRelation[] = ['same', 'cross', 'both'];
  return [...groups.entries()]
    .map(([key, group]) => {
      const [questionLanguage, relation] = key.split('|') as [string, LanguageRelation];
      return {
        questionLanguage,
        relation,
        hit1: metric(
          group.map((i) => i.score.hit1 ?? 0),
          opts.samples,
          opts.seed,
        ),
        firstCitation: metric(group.map(firstCitationCorrect), opts.samples, opts.seed + 1),
      };
    })
    .sort((a, b) => a.questionLanguage.localeCompare(b.questionLanguage) || order.indexOf(a.relation) - order.indexOf(b.relation));
}
