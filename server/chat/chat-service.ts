/** The chat pipeline: retrieve → answer → cite. Web-standard. */
import { unitOf } from '../corpus/units.js';
import type { Answerer, AnswerInput, AnswerResult } from '../answer/answerer.js';
import type { HybridRetriever, RetrievalResult } from '../retrieval/hybrid-retriever.js';
import type { CorpusStore } from '../corpus/corpus-store.js';
import { publicError } from '../errors.js';
import type { ChatRequest, ChatResponse } from '../types.js';
import type { ChatService, ChatStreamEvent } from './chat-service-types.js';

export interface ChatServiceDeps {
  retriever: HybridRetriever;
  answerer: Answerer;
  /** Passages reported in `retrieval.passages`. */
  reportPassages?: number;
}

function toInput(request: ChatRequest, r: RetrievalResult, store: CorpusStore): AnswerInput {
  const missingReferences = r.plan.missingReferences.map((m) => {
    const document = m.documentId ? store.document(m.documentId) : undefined;
    const unit = m.unit ?? document?.unit ?? 'paragraph';
    const numbers = document ? store.paragraphs(document.id).filter((p) => p.kind === 'numbered' && unitOf(p) === unit).map((p) => p.label) : [];
    return { label: m.label, unit, ...(document ? { document } : {}), ...(numbers.length ? { range: [numbers[0], numbers[numbers.length - 1]] as [string, string] } : {}) };
  });
  const queryTerms = [...new Set(r.plan.concepts.filter((c) => !c.fromHistory && (c.importance ?? 1) > 0.25).flatMap((c) => c.terms.map((t) => t.term)))];
  return { question: r.plan.cleanQuestion || request.question, language: r.plan.language, history: request.history ?? [], passages: r.passages, queryTerms, unknownEntities: r.plan.unknownEntities, missingReferences, asksPresent: r.plan.asksPresent, ...(r.plan.expects ? { expects: r.plan.expects } : {}) };
}

/**
 * Retrieval-augmented chat over the corpus.
 * @example
 * const chat = new RagChatService({ retriever, answerer: new ExtractiveAnswerer() });
 * const res = await chat.ask({ question: 'Que dit le paragraphe 5 ?' });
 */
export class RagChatService implements ChatService {
  constructor(private readonly deps: ChatServiceDeps) {}

  private response(r: RetrievalResult, a: AnswerResult): ChatResponse {
    return {
      answer: a.answer,
      language: r.plan.language,
      abstained: a.abstained,
      citations: a.citations,
      retrieval: {
        mode: r.mode,
        passages: r.passages.slice(0, this.deps.reportPassages ?? 8).map((p) => ({ documentId: p.document.id, paragraph: p.paragraph.label, score: Math.round(p.score * 10000) / 10000 })),
      },
      ...(a.degraded ? { degraded: a.degraded } : {}),
    };
  }

  /** Retrieval only, for evaluation and benchmarks. */
  retrieve(request: ChatRequest): Promise<RetrievalResult> {
    return this.deps.retriever.retrieve(request);
  }

  async ask(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const r = await this.deps.retriever.retrieve(request);
    const a = await this.deps.answerer.answer(toInput(request, r, this.deps.retriever.store), signal);
    return this.response(r, a);
  }

  async *askStream(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent, void, void> {
    try {
      const r = await this.deps.retriever.retrieve(request);
      const base = this.response(r, { answer: '', abstained: false, citations: [] });
      yield { type: 'meta', language: base.language, retrieval: base.retrieval };
      const gen = this.deps.answerer.stream(toInput(request, r, this.deps.retriever.store), signal);
      let step = await gen.next();
      while (!step.done) {
        yield { type: 'delta', text: step.value };
        step = await gen.next();
      }
      const final = this.response(r, step.value);
      yield { type: 'citations', citations: final.citations, abstained: final.abstained, ...(final.degraded ? { degraded: final.degraded } : {}) };
      yield { type: 'done', response: final };
    } catch (err) {
      yield { type: 'error', ...publicError(err) };
    }
  }
}
