/** The chat service: runs the answering pipeline (server/pipeline/pipeline.ts) and shapes its responses. Web-standard. */
import type { Answerer, AnswerResult } from '../answer/answerer.js';
import type { AnswerPipeline, RetrievalResult } from '../pipeline/pipeline.js';
import type { AbstentionReason } from '../pipeline/types.js';
import type { HybridRetriever } from '../retrieval/hybrid-retriever.js';
import { publicError } from '../errors.js';
import type { ChatRequest, ChatResponse } from '../types.js';
import type { ChatService, ChatStreamEvent } from './chat-service-types.js';

export interface ChatServiceDeps {
  retriever: HybridRetriever;
  answerer: Answerer;
  /** Passages reported in `retrieval.passages`. */
  reportPassages?: number;
}

/** The passages a response reports: the first `n` retrieved, then any cited candidate ranked below them (decide's name fallback may answer from one). */
function reported(r: RetrievalResult, a: AnswerResult, n: number) {
  const head = r.passages.slice(0, n);
  const cited = new Set(a.citations.map((c) => `${c.documentId}#${c.paragraph}`));
  const key = (p: (typeof head)[number]) => `${p.document.id}#${p.paragraph.label}`;
  const shown = new Set(head.map(key));
  return [...head, ...(r.candidates ?? []).filter((p) => cited.has(key(p)) && !shown.has(key(p)))];
}

/**
 * Retrieval-augmented chat over the corpus.
 * @example
 * const chat = new RagChatService({ retriever, answerer: new ExtractiveAnswerer() });
 * const res = await chat.ask({ question: 'Que dit le paragraphe 5 ?' });
 */
export class RagChatService implements ChatService {
  private readonly pipeline: AnswerPipeline;

  constructor(private readonly deps: ChatServiceDeps) {
    this.pipeline = deps.retriever.pipeline;
  }

  private response(r: RetrievalResult, a: AnswerResult, reason?: AbstentionReason): ChatResponse {
    return {
      answer: a.answer,
      language: r.plan.language,
      abstained: a.abstained,
      citations: a.citations,
      retrieval: {
        mode: r.mode,
        passages: reported(r, a, this.deps.reportPassages ?? 8).map((p) => ({ documentId: p.document.id, paragraph: p.paragraph.label, score: Math.round(p.score * 10000) / 10000 })),
      },
      ...(reason ? { abstention: { reason } } : {}),
      ...(a.degraded ? { degraded: a.degraded } : {}),
    };
  }

  /** Retrieval only, for evaluation and benchmarks. */
  retrieve(request: ChatRequest): Promise<RetrievalResult> {
    return this.deps.retriever.retrieve(request);
  }

  async ask(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const { retrieval, result, abstention } = await this.pipeline.answer(await this.deps.retriever.retrieve(request), request, this.deps.answerer, signal);
    return this.response(retrieval, result, abstention?.reason);
  }

  async *askStream(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent, void, void> {
    try {
      const r = await this.deps.retriever.retrieve(request);
      const base = this.response(r, { answer: '', abstained: false, citations: [] });
      yield { type: 'meta', language: base.language, retrieval: base.retrieval };
      const decision = this.pipeline.decide(r);
      const input = this.pipeline.inputFor(r, decision, request);
      let result: AnswerResult;
      if (!decision.answer || !input) {
        result = this.pipeline.refusal(r, decision as Extract<typeof decision, { answer: false }>);
        yield { type: 'delta', text: result.answer };
      } else {
        const gen = this.deps.answerer.stream(input, signal);
        let step = await gen.next();
        while (!step.done) {
          yield { type: 'delta', text: step.value };
          step = await gen.next();
        }
        result = this.pipeline.validate(step.value, r);
      }
      const final = this.response(r, result, decision.answer ? undefined : decision.reason);
      yield { type: 'citations', citations: final.citations, abstained: final.abstained, ...(final.degraded ? { degraded: final.degraded } : {}) };
      yield { type: 'done', response: final };
    } catch (err) {
      yield { type: 'error', ...publicError(err) };
    }
  }
}
