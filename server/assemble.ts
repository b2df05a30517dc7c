/** Assembles store, retriever and chat service from loaded index data. Web-standard (used by Node and Workers). */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { VectorStoreInterface } from '@langchain/core/vectorstores';
import type { Answerer } from './answer/answerer.js';
import { ExtractiveAnswerer } from './answer/extractive-answerer.js';
import { FallbackAnswerer } from './answer/fallback-answerer.js';
import { UpstreamStatus } from './answer/upstream-status.js';
import { RagChatService } from './chat/chat-service.js';
import type { Config } from './config.js';
import { CorpusStore, type CorpusData } from './corpus/corpus-store.js';
import { LimitedEmbeddings } from './embeddings/limited-embeddings.js';
import type { Logger } from './logging/logger.js';
import { Bm25Index, type Bm25IndexData } from './retrieval/bm25-index.js';
import { DocumentCues } from './retrieval/document-cues.js';
import { HybridRetriever } from './retrieval/hybrid-retriever.js';
import { QueryPlanner } from './retrieval/query-planner.js';
import { AnswerPipeline } from './pipeline/pipeline.js';
import { DEFAULT_RANKING_PARAMS, type RankingParams } from './pipeline/params.js';
import { ConcurrencyLimiter } from './security/concurrency.js';
import { Glossary } from './text/glossary.js';
import { Lexicon } from './text/lexicon.js';
import { LEXICON_LAYERS, type LexiconLayer, type LexiconParams } from './text/lexicon-params.js';
import type { LexiconTable } from './text/lexicon-table.js';
import type { RetrievalMode } from './types.js';

export interface AssembleInput {
  corpus: CorpusData;
  lexical: Bm25IndexData | Bm25Index;
  glossary: boolean;
  /** The index's cross-lingual table (`lexicon.json`), if it has one; used with `glossary`. */
  lexicon?: LexiconTable | null;
  /** Cross-lingual layers (default: all). */
  lexiconLayers?: readonly LexiconLayer[];
  lexiconParams?: LexiconParams;
  mode?: RetrievalMode;
  vectorStore?: VectorStoreInterface | null;
  embeddings?: EmbeddingsInterface | null;
  answerer?: Answerer;
  /** Told when a query cannot be embedded (that query falls back to lexical retrieval). */
  onDenseError?: (err: unknown) => void;
  /** Tunables of every stage (default: `DEFAULT_RANKING_PARAMS`). */
  params?: RankingParams;
  /**
   * Safe failure and bounded concurrency: a non-extractive answerer falls back to the extractive one (flagged
   * `degraded`), and LLM and query-embedding calls are limited to `limits.llmConcurrency` / `embeddingsConcurrency`.
   */
  guard?: { limits: Pick<Config['limits'], 'llmConcurrency' | 'embeddingsConcurrency'>; logger: Logger; secrets?: ReadonlyArray<string | undefined> };
}

/** The limiters and upstream records shared by the pipeline, the routes (fast 503) and `/healthz/ready`. */
export interface Guards {
  llm?: { limiter: ConcurrencyLimiter; status: UpstreamStatus };
  embeddings?: { limiter: ConcurrencyLimiter; status: UpstreamStatus };
}

export interface Assembled {
  store: CorpusStore;
  lexical: Bm25Index;
  retriever: HybridRetriever;
  chat: RagChatService;
  answerer: Answerer;
  guards: Guards;
}

function guarded(input: AssembleInput, params: RankingParams): { answerer: Answerer; embeddings: AssembleInput['embeddings']; guards: Guards } {
  const extractive = new ExtractiveAnswerer(params);
  const configured = input.answerer ?? extractive;
  const guard = input.guard;
  if (!guard) return { answerer: configured, embeddings: input.embeddings, guards: {} };
  const guards: Guards = {};
  let answerer = configured;
  if (configured.name !== extractive.name) {
    guards.llm = { limiter: new ConcurrencyLimiter(guard.limits.llmConcurrency), status: new UpstreamStatus() };
    answerer = new FallbackAnswerer({ primary: configured, fallback: extractive, ...guards.llm, logger: guard.logger, ...(guard.secrets ? { secrets: guard.secrets } : {}) });
  }
  let embeddings = input.embeddings;
  if (embeddings) {
    guards.embeddings = { limiter: new ConcurrencyLimiter(guard.limits.embeddingsConcurrency), status: new UpstreamStatus() };
    embeddings = new LimitedEmbeddings(embeddings, guards.embeddings.limiter, guards.embeddings.status);
  }
  return { answerer, embeddings, guards };
}

/**
 * A title word does not name a document when the texts use it widely: in many paragraphs, or in the paragraphs of
 * more than a quarter of the documents ("resolution", "convention", "terrorism" once users add their texts).
 */
function commonInTexts(lexical: Bm25Index, store: CorpusStore): (term: string) => boolean {
  const maxDocuments = Math.max(3, Math.ceil(store.documents().length / 4));
  return (term) => {
    const df = lexical.df(term);
    if (df > Math.max(3, lexical.size * 0.08)) return true;
    if (df <= maxDocuments) return false;
    const hits = lexical.search([{ term, weight: 1 }], df);
    return new Set(hits.map((h) => store.at(h.doc).documentId)).size > maxDocuments;
  };
}

/**
 * Wires the retrieval and answering pipeline.
 * @example
 * const { chat } = assembleChat({ corpus, lexical, glossary: true });
 * await chat.ask({ question: 'Que dit le paragraphe 5 ?' });
 */
export function assembleChat(input: AssembleInput): Assembled {
  const store = new CorpusStore(input.corpus);
  const lexical = input.lexical instanceof Bm25Index ? input.lexical : Bm25Index.fromData(input.lexical);
  const params: RankingParams = { ...(input.params ?? DEFAULT_RANKING_PARAMS), ...input.lexiconParams };
  const lexicon = input.glossary && input.lexicon ? new Lexicon(input.lexicon, lexical, params) : null;
  const cues = new DocumentCues(store.documents(), commonInTexts(lexical, store));
  const planner = new QueryPlanner({ store, lexical, cues, glossary: input.glossary ? new Glossary(undefined, params) : null, lexicon, layers: new Set(input.lexiconLayers ?? LEXICON_LAYERS), params });
  const mode = input.mode ?? (input.vectorStore && input.embeddings ? 'hybrid' : 'lexical');
  const { answerer, embeddings, guards } = guarded(input, params);
  const pipeline = new AnswerPipeline({ store, lexical, cues, planner, params, mode, vectorStore: input.vectorStore ?? null, embeddings: embeddings ?? null, ...(input.onDenseError ? { onDenseError: input.onDenseError } : {}) });
  const retriever = new HybridRetriever(pipeline);
  return { store, lexical, retriever, answerer, guards, chat: new RagChatService({ retriever, answerer }) };
}
