/** Which documents use a term, read from the lexical index's postings. Web-standard. */
import type { Bm25Index } from './bm25-index.js';

/** The documents whose units use a term. */
export type DocumentsUsing = (term: string) => ReadonlySet<string>;

/** No document. */
export const NONE: ReadonlySet<string> = new Set();

/**
 * The documents whose units use a term, read from the lexical index's postings (memoised per indexed term, so the
 * memo is bounded by the index's vocabulary, whatever words users send).
 * @example
 * const usedBy = documentsUsing(lexical, (position) => store.at(position).documentId);
 * usedBy('osce') // Set { 'osce-counter-terrorism', 'osce-bucharest-plan-2001' }
 */
export function documentsUsing(lexical: Pick<Bm25Index, 'size' | 'has' | 'search'>, documentAt: (position: number) => string): DocumentsUsing {
  const memo = new Map<string, ReadonlySet<string>>();
  return (term) => {
    if (!lexical.has(term)) return NONE;
    let ids = memo.get(term);
    if (!ids) {
      ids = new Set(lexical.search([{ term, weight: 1 }], lexical.size).map((h) => documentAt(h.doc)));
      memo.set(term, ids);
    }
    return ids;
  };
}
