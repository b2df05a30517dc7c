/**
 * Document-level evidence for `rank`: how much of each document's title (in either language, any of its titles,
 * short titles and aliases) the question's words and their renderings hold. A question names a document in its own
 * words ("la convention européenne pour la répression du terrorisme" for the European Convention on the Suppression
 * of Terrorism) without writing any of them as a name; the share picks that document, and picks among the
 * documents an ambiguous explicit reference ("paragraphe 10(3) de la loi canadienne sur la communication
 * d'information…") could point to. Web-standard, pure (title terms cached per store).
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { Bm25Index } from '../retrieval/bm25-index.js';
import { terms } from '../text/analyzer.js';
import type { RankingParams } from './params.js';
import type { Analysis, Expansion, ScoredPassage } from './types.js';

type Titles = Array<{ documentId: string; terms: string[] }>;

const titlesCache = new WeakMap<CorpusStore, Titles>();

/** Each document's titles as term lists, per analyser (parenthesised parts and short numbers left out; at least two terms). */
function titlesOf(store: CorpusStore): Titles {
  let titles = titlesCache.get(store);
  if (!titles) {
    titles = [];
    for (const d of store.documents()) {
      const texts = [d.title, d.shortTitle, d.titleEn, d.shortTitleEn, ...(d.aliases ?? '').split(';')].filter((t): t is string => !!t?.trim());
      for (const text of texts)
        for (const lang of ['fr', 'en'] as const) {
          const ts = [...new Set(terms(text.replace(/\([^)]*\)/g, ' '), lang))].filter((t) => !/^\d{1,3}$/.test(t));
          if (ts.length >= 2) titles.push({ documentId: d.id, terms: ts });
        }
    }
    titlesCache.set(store, titles);
  }
  return titles;
}

/**
 * Per document, the largest IDF-weighted share of one of its titles found among the question's own terms and
 * renderings (0–1).
 * @example
 * titleShares(expansion, store, lexical).get('coe-suppression-terrorism-convention-1977') // 1
 */
export function titleShares(e: Expansion, store: CorpusStore, lexical: Pick<Bm25Index, 'idf'>): Map<string, number> {
  const asked = new Set(e.concepts.filter((c) => !c.fromHistory).flatMap((c) => c.terms.map((t) => t.term)));
  const shares = new Map<string, number>();
  for (const title of titlesOf(store)) {
    let found = 0;
    let all = 0;
    for (const t of title.terms) {
      const w = lexical.idf(t);
      all += w;
      if (asked.has(t)) found += w;
    }
    const share = all > 0 ? found / all : 0;
    if (share > (shares.get(title.documentId) ?? 0)) shares.set(title.documentId, share);
  }
  return shares;
}

/** Multiplier of a document's units for its title share, when the question names no document: 1 below `titleMatchFloor`, up to 1 + `titleMatchBoost` for a whole title. */
export function titleFactor(share: number, params: RankingParams): number {
  if (share < params.titleMatchFloor) return 1;
  return 1 + params.titleMatchBoost * ((share - params.titleMatchFloor) / (1 - params.titleMatchFloor || 1));
}

/**
 * Explicit references resolved in several documents, none of them named: those of the documents whose title the
 * question holds best are kept explicit (when that share reaches `titleMatchFloor`); the others become ordinary passages.
 */
export function narrowExplicit(a: Analysis, explicit: ScoredPassage[], shares: ReadonlyMap<string, number>, params: RankingParams): Set<ScoredPassage> {
  const documents = new Set(explicit.map((p) => p.document.id));
  if (documents.size < 2 || a.namedDocuments.some((d) => documents.has(d))) return new Set(explicit);
  const best = Math.max(...[...documents].map((d) => shares.get(d) ?? 0));
  if (best < params.titleMatchFloor) return new Set(explicit);
  return new Set(explicit.filter((p) => (shares.get(p.document.id) ?? 0) === best));
}
