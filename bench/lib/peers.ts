/**
 * Peers on the same work: the same paragraphs and questions searched in-process with Orama and MiniSearch
 * (BM25, French analysis where the library offers it) against our retriever. Median query latency and
 * Hit@1/Hit@5 on the gradable questions.
 */
import { create, insertMultiple, search } from '@orama/orama';
import { stemmer as frenchStemmer } from '@orama/stemmers/french';
import { stopwords as frenchStopwords } from '@orama/stopwords/french';
import MiniSearch from 'minisearch';
import type { CorpusData } from '../../server/corpus/corpus-store.js';
import type { HybridRetriever } from '../../server/retrieval/hybrid-retriever.js';
import { buildLexicalIndex } from '../../server/retrieval/lexical-fields.js';
import { Bm25Index } from '../../server/retrieval/bm25-index.js';
import { goldRank, gradable, type BenchQuestion, type GoldRef } from './questions.js';
import { round, summarize } from './stats.js';

export interface PeerEngine {
  name: string;
  config: string;
  buildMs: number;
  /** Top-k paragraphs for a question (with its conversation for the engines that use it). */
  search(q: BenchQuestion, k: number): Promise<GoldRef[]> | GoldRef[];
}

export interface PeerResult {
  config: string;
  build_ms: number;
  p50_ms: number;
  p95_ms: number;
  mad_ms: number;
  hit1: number;
  hit5: number;
  mrr10: number;
  /** Hit@5 by question language. */
  hit5_fr: number;
  hit5_en: number;
  graded: number;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
const FR_STOP = new Set(frenchStopwords.map((w) => fold(w.toLowerCase())));
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]/;

/** The text a peer searches for: the question, preceded by the previous user turn for follow-ups. */
function peerQuery(q: BenchQuestion): string {
  const lastUser = [...(q.history ?? [])].reverse().find((t) => t.role === 'user')?.content;
  return lastUser ? `${lastUser} ${q.question}` : q.question;
}

function rows(corpus: CorpusData) {
  return corpus.paragraphs.map((p, i) => ({ id: String(i), text: p.text, section: p.section?.split(' — ').pop() ?? '' }));
}

const refOf = (corpus: CorpusData, i: number): GoldRef => ({ documentId: corpus.paragraphs[i].documentId, paragraph: corpus.paragraphs[i].label });

/**
 * Orama 3 with its French tokenizer, Snowball stemmer and stop words; BM25 defaults; no typo tolerance;
 * OR semantics (threshold 1, Orama's default); section field boosted like ours (0.3).
 * @example
 * const orama = await oramaEngine(corpus);
 */
export async function oramaEngine(corpus: CorpusData): Promise<PeerEngine> {
  const t = performance.now();
  const db = create({
    schema: { text: 'string', section: 'string' } as const,
    components: { tokenizer: { language: 'french', stemming: true, stemmer: frenchStemmer, stopWords: frenchStopwords } },
  });
  await insertMultiple(db, rows(corpus));
  const buildMs = performance.now() - t;
  return {
    name: 'orama',
    config: 'Orama 3.1, tokenizer language french + @orama/stemmers/french + @orama/stopwords/french, BM25 (k=1.2, b=0.75, d=0.5), tolerance 0, threshold 1 (OR), boost section 0.3',
    buildMs,
    search: async (q, k) => {
      const res = await search(db, { term: peerQuery(q), properties: ['text', 'section'], boost: { section: 0.3 }, limit: k });
      return res.hits.map((h) => refOf(corpus, Number(h.id)));
    },
  };
}

/**
 * MiniSearch 7 (BM25+ defaults, prefix and fuzzy off). `stem: false`: lower-case, folded accents,
 * elisions and French stop words removed; `stem: true` adds the French Snowball stemmer.
 * @example
 * const mini = miniSearchEngine(corpus, { stem: true });
 */
export function miniSearchEngine(corpus: CorpusData, options: { stem: boolean }): PeerEngine {
  const processTerm = (term: string): string | null => {
    const lower = term.toLowerCase().replace(ELISION, '');
    const folded = fold(lower);
    if (folded.length < 2 || FR_STOP.has(folded)) return null;
    return options.stem ? fold(frenchStemmer(lower)) : folded;
  };
  const t = performance.now();
  const ms = new MiniSearch<{ id: string; text: string; section: string }>({
    fields: ['text', 'section'],
    processTerm,
    searchOptions: { boost: { section: 0.3 }, prefix: false, fuzzy: false, combineWith: 'OR' },
  });
  ms.addAll(rows(corpus));
  const buildMs = performance.now() - t;
  return {
    name: options.stem ? 'minisearch_stemmed' : 'minisearch',
    config: `MiniSearch 7.2, BM25+ defaults (k=1.2, b=0.7, d=0.5), OR, prefix/fuzzy off, processTerm: lower-case, elisions, French stop words, accents folded${options.stem ? ', French Snowball stem (@orama/stemmers)' : ''}; boost section 0.3`,
    buildMs,
    search: (q, k) =>
      ms
        .search(peerQuery(q))
        .slice(0, k)
        .map((h) => refOf(corpus, Number(h.id))),
  };
}

/**
 * Our retriever as a peer (planner, glossary, BM25, fusion); build time is the lexical index build alone.
 * @example
 * const ours = oursEngine(corpus, runtime.retriever);
 */
export function oursEngine(corpus: CorpusData, retriever: HybridRetriever): PeerEngine {
  const t = performance.now();
  Bm25Index.fromData(buildLexicalIndex(corpus.documents, corpus.paragraphs));
  const buildMs = performance.now() - t;
  return {
    name: 'ours',
    config: 'HybridRetriever in lexical mode: query planning (FR/EN analysis, EN→FR glossary, document cues, explicit references), BM25 (k1=1.2, b=0.5), coverage-weighted fusion',
    buildMs,
    search: async (q, k) => {
      const r = await retriever.retrieve({ question: q.question, history: q.history ?? [] }, k);
      return r.passages.slice(0, k).map((p) => ({ documentId: p.document.id, paragraph: p.paragraph.label }));
    },
  };
}

/**
 * Runs every engine over every question: `warmup` untimed passes, then `reps` timed ones, all
 * engines interleaved per pass so drift hits them alike.
 * @example
 * const results = await comparePeers([ours, orama], questions, { reps: 10, warmup: 2 });
 */
export async function comparePeers(engines: PeerEngine[], questions: BenchQuestion[], options: { reps: number; warmup: number }): Promise<Record<string, PeerResult>> {
  const times = new Map(engines.map((e) => [e.name, [] as number[]]));
  for (let pass = 0; pass < options.warmup + options.reps; pass++) {
    for (const e of engines) {
      for (const q of questions) {
        const t = performance.now();
        await e.search(q, 10);
        if (pass >= options.warmup) times.get(e.name)!.push(performance.now() - t);
      }
    }
  }
  const graded = gradable(questions);
  const out: Record<string, PeerResult> = {};
  for (const e of engines) {
    let h1 = 0;
    let h5 = 0;
    let rr = 0;
    const byLang = { fr: [0, 0], en: [0, 0] } as Record<'fr' | 'en', [number, number]>;
    for (const q of graded) {
      const rank = goldRank(await e.search(q, 10), q.gold);
      if (rank === 1) h1++;
      if (rank !== null && rank <= 5) h5++;
      if (rank !== null) rr += 1 / rank;
      byLang[q.language][1]++;
      if (rank !== null && rank <= 5) byLang[q.language][0]++;
    }
    const s = summarize(times.get(e.name)!, 4);
    const rate = (a: number, b: number) => (b ? round(a / b, 3) : Number.NaN);
    out[e.name] = {
      config: e.config,
      build_ms: round(e.buildMs, 1),
      p50_ms: s.p50,
      p95_ms: s.p95,
      mad_ms: s.mad,
      hit1: rate(h1, graded.length),
      hit5: rate(h5, graded.length),
      mrr10: rate(rr, graded.length),
      hit5_fr: rate(...byLang.fr),
      hit5_en: rate(...byLang.en),
      graded: graded.length,
    };
  }
  return out;
}
