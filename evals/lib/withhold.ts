/**
 * The reader's-language version withheld: for texts that exist in two official versions, a run can leave one version
 * out of the corpus so that questions in that language meet only the other version — the case of an English reader
 * over a French-only text, where a translator (e.g. the parallel-text reference) is what can help.
 */
import type { EvalItem } from './suite.js';

/**
 * The suite without the withheld documents: their gold entries (and matching `goldQuotes`) dropped, items that only had
 * gold there dropped too; everything else unchanged.
 * @example
 * withholdDocuments(items, new Set(['ca-secure-air-travel-act'])).length
 */
export function withholdDocuments(items: readonly EvalItem[], withheld: ReadonlySet<string>): EvalItem[] {
  return items.flatMap((item) => {
    if (!item.gold.some((g) => withheld.has(g.documentId))) return [item];
    const keep = item.gold.map((g, i) => [g, i] as const).filter(([g]) => !withheld.has(g.documentId));
    if (!keep.length) return [];
    const { goldQuotes, ...rest } = item;
    return [{ ...rest, gold: keep.map(([g]) => g), ...(goldQuotes ? { goldQuotes: keep.map(([, i]) => goldQuotes[i]) } : {}) }];
  });
}
