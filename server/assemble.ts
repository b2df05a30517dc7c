/** Assembles store, retriever and chat service from loaded index data. Web-standard (used by Node and Workers). */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { VectorStoreInterface } from '@langchain/core/vectorstores';
import type { Answerer } from './answer/answerer.js';
import { ExtractiveAnswerer } from './answer/extractive-answerer.js';
import { RagChatService } from './chat/chat-service.js';
import { CorpusStore, type CorpusData } from './corpus/corpus-store.js';
import { Bm25Index, type Bm25IndexData } from './retrieval/bm25-index.js';
import { DocumentCues } from './retrieval/document-cues.js';
import { HybridRetriever } from './retrieval/hybrid-retriever.js';
import { QueryPlanner } from './retrieval/query-planner.js';
import { AnswerPipeline } from './pipeline/pipeline.js';
import { DEFAULT_RANKING_PARAMS, type RankingParams } from './pipeline/params.js';
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
}

export interface Assembled {
  store: CorpusStore;
  lexical: Bm25Index;
  retriever: HybridRetriever;
  chat: RagChatService;
  answerer: Answerer;
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
  const cues = new DocumentCues(store.documents(), (t) => lexical.df(t) > Math.max(3, lexical.size * 0.08));
  const planner = new QueryPlanner({ store, lexical, cues, glossary: input.glossary ? new Glossary(undefined, params) : null, lexicon, layers: new Set(input.lexiconLayers ?? LEXICON_LAYERS), params });
  const mode = input.mode ?? (input.vectorStore && input.embeddings ? 'hybrid' : 'lexical');
  const pipeline = new AnswerPipeline({ store, lexical, cues, planner, params, mode, vectorStore: input.vectorStore ?? null, embeddings: input.embeddings ?? null, ...(input.onDenseError ? { onDenseError: input.onDenseError } : {}) });
  const retriever = new HybridRetriever(pipeline);
  const answerer = input.answerer ?? new ExtractiveAnswerer(params);
  return { store, lexical, retriever, answerer, chat: new RagChatService({ retriever, answerer }) };
}
