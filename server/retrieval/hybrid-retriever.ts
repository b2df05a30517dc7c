/** LangChain retriever over the pipeline's retrieval stages (analyse → expand → retrieve → rank). Web-standard. */
import { BaseRetriever } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { AnswerPipeline, RetrievalResult } from '../pipeline/pipeline.js';
import type { PipelineInput } from '../pipeline/types.js';
import type { RetrievalMode } from '../types.js';

export type { RetrievalResult } from '../pipeline/pipeline.js';
export type { ScoredPassage } from '../pipeline/types.js';
export type RetrieveInput = PipelineInput;

/**
 * Retrieves paragraphs for a question. Use `retrieve()` for the full result (plan, coverage, scores),
 * or the LangChain `invoke()` for `Document`s.
 * @example
 * const retriever = new HybridRetriever(pipeline);
 * const { passages } = await retriever.retrieve({ question: 'Que dit le paragraphe 5 ?' });
 */
export class HybridRetriever extends BaseRetriever {
  lc_namespace = ['ct_assistant', 'retrievers'];
  static lc_name() {
    return 'HybridRetriever';
  }
  readonly pipeline: AnswerPipeline;

  constructor(pipeline: AnswerPipeline) {
    super();
    this.pipeline = pipeline;
  }

  get mode(): RetrievalMode {
    return this.pipeline.deps.mode;
  }

  get store(): CorpusStore {
    return this.pipeline.deps.store;
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

  /** Full retrieval for a question and its conversation. */
  retrieve(input: RetrieveInput, k?: number): Promise<RetrievalResult> {
    return this.pipeline.retrieve(input, k);
  }
}
