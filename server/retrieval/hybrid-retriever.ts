/** Hybrid retrieval: BM25 (French/English analysis + glossary) fused with dense vectors by reciprocal rank. Web-standard. */
import { BaseRetriever } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { VectorStoreInterface } from '@langchain/core/vectorstores';
import type { RankedParagraph } from '../answer/answerer.js';
import type { CorpusStore } from '../corpus/corpus-store.js';
import { foldAccents, terms, words } from '../text/analyzer.js';
import type { ChatTurn, Lang, Paragraph, RetrievalMode } from '../types.js';
import type { Bm25Index, WeightedTerm } from './bm25-index.js';
import { DATE_PATTERN, type QueryPlan, type QueryPlanner } from './query-planner.js';

export interface RetrieverDeps {
  store: CorpusStore;
  lexical: Bm25Index;
  planner: QueryPlanner;
  mode: RetrievalMode;
  vectorStore?: VectorStoreInterface | null;
  embeddings?: EmbeddingsInterface | null;
  /** Called when the query cannot be embedded; the query then falls back to lexical retrieval. */
  onDenseError?: (err: unknown) => void;
}

export interface ScoredPassage extends RankedParagraph {
  /** Share of the question's concepts (IDF-weighted) found in the paragraph, 0–1. */
  coverage: number;
  lexicalScore: number;
  denseScore?: number;
}

export interface RetrievalResult {
  plan: QueryPlan;
  mode: RetrievalMode;
  passages: ScoredPassage[];
  /** Stage timings in milliseconds. */
  timings: Record<string, number>;
}

export interface RetrieveInput {
  question: string;
  history?: ChatTurn[];
  lang?: Lang;
}

const RRF_K = 60;
const PROXIMITY_CANDIDATES = 12;
const PROXIMITY_BONUS = 0.15;
const CANDIDATES = 30;

/**
 * Retrieves paragraphs for a question. Use `retrieve()` for the full result (plan, coverage, scores),
 * or the LangChain `invoke()` for `Document`s.
 * @example
 * const retriever = new HybridRetriever({ store, lexical, planner, mode: 'lexical' });
 * const { passages } = await retriever.retrieve({ question: 'Que dit le paragraphe 5 ?' });
 */
export class HybridRetriever extends BaseRetriever {
  lc_namespace = ['ct_assistant', 'retrievers'];
  static lc_name() {
    return 'HybridRetriever';
  }
  private readonly deps: RetrieverDeps;
  k: number;

  constructor(deps: RetrieverDeps, k = 8) {
    super();
    this.deps = deps;
    this.k = k;
  }

  get mode(): RetrievalMode {
    return this.deps.mode;
  }

  get store(): CorpusStore {
    return this.deps.store;
  }

  async _getRelevantDocuments(query: string): Promise<Document[]> {
    const { passages } = await this.retrieve({ question: query });
    return passages.map(
      (p) =>
        new Document({
          pageContent: p.paragraph.text,
          metadata: { documentId: p.document.id, documentTitle: p.document.title, paragraph: p.paragraph.label, score: p.score, coverage: p.coverage },
        }),
    );
  }

  private readonly termPositions = new WeakMap<Paragraph, Map<string, number[]>>();
  private readonly dates = new WeakMap<Paragraph, boolean>();
  private readonly folded = new WeakMap<object, string[]>();

  private hasDate(p: Paragraph): boolean {
    let has = this.dates.get(p);
    if (has === undefined) {
      has = DATE_PATTERN.test(p.text);
      this.dates.set(p, has);
    }
    return has;
  }

  /** Accent-folded words of a text, cached per paragraph or document. */
  private foldedWords(key: object, text: string): string[] {
    let ws = this.folded.get(key);
    if (!ws) {
      ws = words(foldAccents(text));
      this.folded.set(key, ws);
    }
    return ws;
  }

  private positions(p: Paragraph, lang: Lang): Map<string, number[]> {
    let map = this.termPositions.get(p);
    if (!map) {
      map = new Map();
      terms(p.text, lang).forEach((t, i) => {
        const list = map!.get(t);
        if (list) list.push(i);
        else map!.set(t, [i]);
      });
      this.termPositions.set(p, map);
    }
    return map;
  }

  /** Boosts paragraphs where consecutive concepts of the question stand next to each other ("financement du terrorisme"). */
  private rerankByProximity(plan: QueryPlan, candidates: ScoredPassage[]): void {
    const asked = plan.concepts.filter((c) => !c.fromHistory && (c.importance ?? 1) >= 0.5 && c.terms.length);
    if (asked.length < 2) return;
    const pairs = asked.slice(1).map((c, i) => [new Set(asked[i].terms.map((t) => t.term)), new Set(c.terms.map((t) => t.term))] as const);
    for (const p of candidates) {
      const pos = this.positions(p.paragraph, p.document.language);
      let hits = 0;
      for (const [a, b] of pairs) {
        const pa = [...a].flatMap((t) => pos.get(t) ?? []);
        if (!pa.length) continue;
        const pb = [...b].flatMap((t) => pos.get(t) ?? []);
        if (pa.some((i) => pb.some((j) => Math.abs(i - j) <= 2 && i !== j))) hits++;
      }
      p.score *= 1 + PROXIMITY_BONUS * Math.min(hits, 3);
    }
  }

  /** Full retrieval for a question and its conversation. */
  async retrieve(input: RetrieveInput, k = this.k): Promise<RetrievalResult> {
    const { store, lexical, planner } = this.deps;
    const t0 = performance.now();
    const plan = planner.plan(input.question, input.history ?? [], input.lang);
    const t1 = performance.now();

    const idf = new Map<string, number>();
    const weights = new Map<string, number>();
    for (const c of plan.concepts)
      for (const t of c.terms) {
        weights.set(t.term, Math.max(weights.get(t.term) ?? 0, t.weight));
        if (!idf.has(t.term)) idf.set(t.term, lexical.has(t.term) ? lexical.idf(t.term) : 0);
      }
    const query: WeightedTerm[] = [...weights]
      .filter(([, weight]) => weight > 0)
      .map(([term, weight]) => ({ term, weight }))
      .sort((a, b) => b.weight * idf.get(b.term)! - a.weight * idf.get(a.term)!)
      .slice(0, 32);
    const maxIdf = Math.log(1 + (lexical.size + 0.5) / 0.5);
    /** Per concept: its weight in coverage, and the share of it each of its indexed terms earns when matched. */
    const conceptShares = plan.concepts.map((c) => {
      const known = c.terms.filter((t) => idf.get(t.term)! > 0);
      const best = known.length ? Math.max(...known.map((t) => idf.get(t.term)!)) : 0;
      return { weight: (c.importance ?? 1) * (known.length ? best : maxIdf * 0.5), terms: known.map((t) => [t.term, idf.get(t.term)! / best] as const) };
    });
    const totalIdf = conceptShares.reduce((sum, c) => sum + c.weight, 0) || 1;

    const byIndex = new Map<number, { lexicalScore: number; lexRank?: number; denseScore?: number; denseRank?: number; matched: Set<string> }>();
    const addLexical = () =>
      lexical.search(query, CANDIDATES).forEach((h, rank) => byIndex.set(h.doc, { lexicalScore: h.score, lexRank: rank, matched: new Set(h.matched.map((qi) => query[qi].term)) }));
    // The query is embedded while BM25 runs (an embedding worker pool computes it off the event loop).
    const queryVector = this.deps.mode !== 'lexical' && this.deps.vectorStore && this.deps.embeddings ? this.deps.embeddings.embedQuery(plan.searchText) : null;
    queryVector?.catch(() => {});
    if (this.deps.mode !== 'dense') addLexical();
    const t2 = performance.now();

    let t3 = t2;
    let mode: RetrievalMode = this.deps.mode;
    let dense: Awaited<ReturnType<VectorStoreInterface['similaritySearchVectorWithScore']>> = [];
    if (queryVector && this.deps.vectorStore) {
      try {
        const vector = await queryVector;
        dense = await this.deps.vectorStore.similaritySearchVectorWithScore(vector, CANDIDATES);
      } catch (err) {
        this.deps.onDenseError?.(err);
        if (mode === 'dense') addLexical();
        mode = 'lexical';
      }
    }
    if (dense.length) {
      dense.forEach(([doc, score], rank) => {
        const p = store.paragraph(String(doc.metadata.documentId), String(doc.metadata.label ?? doc.metadata.paragraph));
        if (!p) return;
        const idx = store.positionOf(p);
        const cur = byIndex.get(idx) ?? { lexicalScore: 0, matched: new Set<string>() };
        cur.denseScore = score;
        cur.denseRank = rank;
        byIndex.set(idx, cur);
      });
      t3 = performance.now();
    }

    const passages: ScoredPassage[] = [];
    for (const [idx, s] of byIndex) {
      const paragraph = store.at(idx);
      const document = store.document(paragraph.documentId)!;
      let coverageSum = 0;
      for (const c of conceptShares) {
        let share = 0;
        for (const [term, part] of c.terms) if (part > share && s.matched.has(term)) share = part;
        coverageSum += c.weight * share;
      }
      const inContext = plan.followUpRefs.some((r) => r.documentId === document.id && r.label === paragraph.label);
      const coverage = plan.followUp && inContext ? Math.max(0.5, coverageSum / totalIdf) : coverageSum / totalIdf;
      const boost =
        ((plan.documentBoost.get(document.id) ?? 1) + (inContext ? (plan.followUp ? 1 : 0.3) : 0)) *
        (plan.expects === 'date' && this.hasDate(paragraph) ? 1.3 : 1);
      let score: number;
      if (mode === 'lexical') score = s.lexicalScore * boost * (0.25 + coverage);
      else if (mode === 'dense') score = (s.denseScore ?? 0) * boost;
      else score = ((s.lexRank !== undefined ? 1 / (RRF_K + s.lexRank) : 0) + (s.denseRank !== undefined ? 1 / (RRF_K + s.denseRank) : 0)) * boost;
      passages.push({ paragraph, document, score, coverage, lexicalScore: s.lexicalScore, ...(s.denseScore !== undefined ? { denseScore: s.denseScore } : {}), matchedTerms: [...s.matched] });
    }
    passages.sort((a, b) => b.score - a.score || a.paragraph.index - b.paragraph.index);
    this.rerankByProximity(plan, passages.slice(0, PROXIMITY_CANDIDATES));
    passages.sort((a, b) => b.score - a.score || a.paragraph.index - b.paragraph.index);

    if (plan.explicit.length) {
      const top = passages[0]?.score ?? 1;
      const explicit: ScoredPassage[] = plan.explicit.map((ref, i) => {
        const paragraph = store.paragraph(ref.documentId, ref.label)!;
        const found = passages.find((p) => p.paragraph === paragraph);
        return { ...(found ?? { paragraph, document: store.document(ref.documentId)!, coverage: 1, lexicalScore: 0, matchedTerms: [] }), score: top + plan.explicit.length - i, explicit: true, coverage: 1 };
      });
      const rest = passages.filter((p) => !explicit.some((e) => e.paragraph === p.paragraph));
      passages.splice(0, passages.length, ...explicit, ...rest);
    }
    if (plan.namePhrases.length && !plan.explicit.length) {
      const tokenised = [
        ...passages.slice(0, k).map((p) => this.foldedWords(p.paragraph, p.paragraph.text)),
        ...store.documents().map((d) => this.foldedWords(d, [d.title, d.titleEn, d.shortTitle, d.shortTitleEn, d.aliases].join(' | '))),
      ];
      for (const phrase of plan.namePhrases) {
        const names = words(foldAccents(phrase)).filter((w, i, all) => /^\p{Lu}/u.test(phrase.split(/[\s']+/).find((x) => foldAccents(x).toLowerCase() === w) ?? '') && all.indexOf(w) === i);
        if (names.length < 2) continue;
        const window = names.length + 4;
        const found = tokenised.some((ws) => ws.some((w, i) => w === names[0] && names.every((n) => ws.slice(Math.max(0, i - window), i + window).includes(n))));
        if (!found) plan.unknownEntities.push(phrase);
      }
    }
    const t4 = performance.now();
    return {
      plan,
      mode,
      passages: passages.slice(0, Math.max(k, plan.explicit.length)),
      timings: { plan: t1 - t0, lexical: t2 - t1, dense: t3 - t2, fusion: t4 - t3 },
    };
  }
}
