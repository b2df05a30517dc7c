/**
 * The answering pipeline, composed once: analyse → expand → retrieve → rank → decide → compose → validate.
 * Each stage is a pure function of the previous stages' outputs; this file only sequences them and times them.
 * Built by server/assemble.ts for both the Node server and the Worker. Web-standard.
 */
import type { Answerer, AnswerResult } from '../answer/answerer.js';
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { Bm25Index } from '../retrieval/bm25-index.js';
import type { DocumentCues } from '../retrieval/document-cues.js';
import type { QueryPlanner } from '../retrieval/query-planner.js';
import type { RetrievalMode } from '../types.js';
import { analyse } from './analyse.js';
import { answerInput, compose, refusalResult } from './compose.js';
import { decide } from './decide.js';
import { expand } from './expand.js';
import type { RankingParams } from './params.js';
import { rank } from './rank.js';
import { retrieve, type RetrieveDeps } from './retrieve.js';
import type { AbstentionReason, Decision, PipelineInput, QueryPlan, ScoredPassage } from './types.js';
import { validate } from './validate.js';

export interface PipelineDeps extends RetrieveDeps {
  store: CorpusStore;
  lexical: Bm25Index;
  cues: DocumentCues;
  planner: QueryPlanner;
  params: RankingParams;
}

export interface RetrievalResult {
  plan: QueryPlan;
  mode: RetrievalMode;
  passages: ScoredPassage[];
  /** Every ranked candidate, best first (`passages` is its head): what decide's name-consistent fallback may read further. */
  candidates?: ScoredPassage[];
  /** Stage timings in milliseconds. */
  timings: Record<string, number>;
}

export interface PipelineResult {
  retrieval: RetrievalResult;
  decision: Decision;
  result: AnswerResult;
  /** Set when the pipeline abstained. */
  abstention?: { reason: AbstentionReason };
}

/**
 * Runs the stages in order.
 * @example
 * const pipeline = new AnswerPipeline(deps);
 * const { result, abstention } = await pipeline.run({ question: 'Que dit le paragraphe 5 ?' }, answerer);
 */
export class AnswerPipeline {
  constructor(readonly deps: PipelineDeps) {}

  /** analyse → expand → retrieve → rank: the passages of a question, best first (at most `k`, explicit ones always). */
  async retrieve(input: PipelineInput, k = this.deps.params.passages): Promise<RetrievalResult> {
    const { deps } = this;
    const t0 = performance.now();
    const analysis = analyse(input, deps);
    const expansion = expand(analysis, deps, deps.params);
    const t1 = performance.now();
    const retrieved = await retrieve(expansion, deps, deps.params, analysis.language);
    const t2 = performance.now();
    const ranked = rank(analysis, expansion, retrieved, deps, deps.params);
    const t3 = performance.now();
    return {
      plan: { ...analysis, ...expansion },
      mode: retrieved.mode,
      passages: ranked.slice(0, Math.max(k, analysis.explicit.length)),
      candidates: ranked,
      timings: { plan: t1 - t0, lexical: t2 - t1, dense: 0, fusion: t3 - t2 },
    };
  }

  /** decide on retrieved passages. */
  decide(r: RetrievalResult): Decision {
    return decide(r.plan, r.plan, r.passages, this.deps, this.deps.params, r.candidates);
  }

  /** The answerer's input when the decision is to answer, else null. */
  inputFor(r: RetrievalResult, d: Decision, input: PipelineInput) {
    return d.answer ? answerInput(r.plan, r.plan, d, input.history ?? [], input.question, this.deps.params) : null;
  }

  /** The refusal of an abstention. */
  refusal(r: RetrievalResult, d: Extract<Decision, { answer: false }>): AnswerResult {
    return refusalResult(d, r.plan, this.deps.store);
  }

  /** validate an answer against what was retrieved (every ranked candidate: decide's name fallback may answer from one below the top passages). */
  validate(result: AnswerResult, r: RetrievalResult): AnswerResult {
    return validate(result, r.candidates ?? r.passages, this.deps.store).result;
  }

  /** The whole pipeline. */
  async run(input: PipelineInput, answerer: Answerer, signal?: AbortSignal): Promise<PipelineResult> {
    return this.answer(await this.retrieve(input), input, answerer, signal);
  }

  /** decide → compose → validate, on a retrieval of `retrieve`. */
  async answer(retrieval: RetrievalResult, input: PipelineInput, answerer: Answerer, signal?: AbortSignal): Promise<PipelineResult> {
    const decision = this.decide(retrieval);
    const composed = await compose(decision, this.inputFor(retrieval, decision, input), retrieval.plan, answerer, this.deps.store, signal);
    const result = this.validate(composed, retrieval);
    return { retrieval, decision, result, ...(decision.answer ? {} : { abstention: { reason: decision.reason } }) };
  }
}
