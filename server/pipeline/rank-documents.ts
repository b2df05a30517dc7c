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
/** Per store: term → the titles (by position, ascending) holding it, so a question visits only the titles it can match. */
const titlesByTerm = new WeakMap<CorpusStore, Map<string, number[]>>();
/** Per store and IDF source: each title's summed term IDF (the denominator of its share). */
const titleWeights = new WeakMap<CorpusStore, WeakMap<object, Float64Array>>();

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

/** Per document, its title best held by the question: the IDF-weighted share of that title (0–1) and the IDF mass the question holds of it. */
export interface TitleEvidence {
  share: number;
  found: number;
  /** The question's terms that are words of that title. */
  terms: ReadonlySet<string>;
}

/**
 * Per document, the title of which the question's own terms and renderings hold the largest IDF-weighted share.
 * @example
 * titleEvidence(expansion, store, lexical).get('coe-suppression-terrorism-convention-1977') // { share: 1, found: 21.3, terms: Set {…} }
 */
export function titleEvidence(e: Expansion, store: CorpusStore, lexical: Pick<Bm25Index, 'idf'>): Map<string, TitleEvidence> {
  const asked = new Set(e.concepts.filter((c) => !c.fromHistory).flatMap((c) => c.terms.map((t) => t.term)));
  const titles = titlesOf(store);
  const weights = weightsOf(store, titles, lexical);
  const out = new Map<string, TitleEvidence>();
  // Only titles holding an asked term can have a share above 0; visited in title order, as a full scan would.
  for (const i of candidateTitles(store, titles, asked)) {
    const title = titles[i];
    let found = 0;
    const held = new Set<string>();
    for (const t of title.terms) {
      if (!asked.has(t)) continue;
      found += lexical.idf(t);
      held.add(t);
    }
    const all = weights[i];
    const share = all > 0 ? found / all : 0;
    if (share > (out.get(title.documentId)?.share ?? 0)) out.set(title.documentId, { share, found, terms: held });
  }
  return out;
}

/**
 * Per document, the largest IDF-weighted share of one of its titles found among the question's own terms and
 * renderings (0–1).
 * @example
 * titleShares(expansion, store, lexical).get('coe-suppression-terrorism-convention-1977') // 1
 */
export function titleShares(e: Expansion, store: CorpusStore, lexical: Pick<Bm25Index, 'idf'>): Map<string, number> {
  return new Map([...titleEvidence(e, store, lexical)].map(([id, t]) => [id, t.share]));
}

function candidateTitles(store: CorpusStore, titles: Titles, asked: ReadonlySet<string>): number[] {
  let byTerm = titlesByTerm.get(store);
  if (!byTerm) {
    byTerm = new Map();
    titles.forEach((title, i) => {
      for (const t of title.terms) {
        const list = byTerm!.get(t) ?? byTerm!.set(t, []).get(t)!;
        if (list[list.length - 1] !== i) list.push(i);
      }
    });
    titlesByTerm.set(store, byTerm);
  }
  const hit = new Set<number>();
  for (const t of asked) for (const i of byTerm.get(t) ?? []) hit.add(i);
  return [...hit].sort((a, b) => a - b);
}

function weightsOf(store: CorpusStore, titles: Titles, lexical: Pick<Bm25Index, 'idf'>): Float64Array {
  let perSource = titleWeights.get(store);
  if (!perSource) titleWeights.set(store, (perSource = new WeakMap()));
  let weights = perSource.get(lexical);
  if (!weights) {
    weights = Float64Array.from(titles, (title) => {
      let all = 0;
      for (const t of title.terms) all += lexical.idf(t);
      return all;
    });
    perSource.set(lexical, weights);
  }
  return weights;
}

/** Multiplier of a document's units for its title share, when the question names no document: 1 below `titleMatchFloor`, up to 1 + `titleMatchBoost` for a whole title. */
export function titleFactor(share: number, params: RankingParams): number {
  if (share < params.titleMatchFloor) return 1;
  return 1 + params.titleMatchBoost * ((share - params.titleMatchFloor) / (1 - params.titleMatchFloor || 1));
}

/**
 * The document a question names by its whole title when a cue named another one: a title word written as a name
 * ("the International Convention for the Suppression of the Financing of Terrorism": « Suppression » is a cue of the
 * European Convention on the Suppression of Terrorism) must not outweigh every word of the other document's title.
 * The document whose title share reaches `titleNamesShare` and whose held title weighs more (IDF) than every named
 * document's (a generic title such as "Countering terrorism" names nothing); else undefined.
 * @example
 * titledInstead(['coe-1977'], new Map([['un-1999', { share: 1, found: 30 }], ['coe-1977', { share: 0.65, found: 20 }]]), params) // 'un-1999'
 */
export function titledInstead(named: readonly string[], titles: ReadonlyMap<string, TitleEvidence>, params: RankingParams): string | undefined {
  if (!named.length) return undefined;
  const held = (id: string) => titles.get(id) ?? { share: 0, found: 0, terms: new Set<string>() };
  let found = Math.max(...named.map((d) => held(d).found));
  let best: string | undefined;
  for (const [id, t] of titles)
    if (t.share >= params.titleNamesShare - 1e-9 && t.found > found && !named.includes(id)) {
      best = id;
      found = t.found;
    }
  return best;
}

/**
 * Explicit references resolved in several documents, none of them named: those of the documents whose title the
 * question holds best are kept explicit (when that share reaches `titleMatchFloor`); the others become ordinary passages.
 * Without such evidence, references resolved in `ambiguousReferenceDocuments` documents or more all become ordinary
 * passages: those the question's other words retrieved compete with the rest.
 */
export function narrowExplicit(a: Analysis, explicit: ScoredPassage[], shares: ReadonlyMap<string, number>, params: RankingParams): Set<ScoredPassage> {
  const documents = new Set(explicit.map((p) => p.document.id));
  if (documents.size < 2 || a.namedDocuments.some((d) => documents.has(d))) return new Set(explicit);
  const best = Math.max(...[...documents].map((d) => shares.get(d) ?? 0));
  if (best >= params.titleMatchFloor) return new Set(explicit.filter((p) => (shares.get(p.document.id) ?? 0) === best));
  // Nothing says which document's "article 1" is meant: those units compete as ordinary passages (the ones the question's words retrieved).
  if (documents.size >= params.ambiguousReferenceDocuments) return new Set();
  return new Set(explicit);
}
