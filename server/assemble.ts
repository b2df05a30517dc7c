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
import { documentsUsing } from './retrieval/documents-using.js';
import { HybridRetriever } from './retrieval/hybrid-retriever.js';
import { QueryPlanner } from './retrieval/query-planner.js';
import { buildTranslatedIndex } from './retrieval/translated-field.js';
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
  /** The lexical field of the translated text (`lexical-translated.json`); built from the corpus when not given, null when there are no translations. */
  translated?: Bm25IndexData | Bm25Index | null;
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
 * Wires the retrieval and answering pipeline.
 * @example
 * const { chat } = assembleChat({ corpus, lexical, glossary: true });
 * await chat.ask({ question: 'Que dit le paragraphe 5 ?' });
 */
export function assembleChat(input: AssembleInput): Assembled {
  const store = new CorpusStore(input.corpus);
  const index = (data: Bm25IndexData | Bm25Index) => (data instanceof Bm25Index ? data : Bm25Index.fromData(data));
  const lexical = index(input.lexical);
  const translatedData = input.translated === undefined ? buildTranslatedIndex(input.corpus.paragraphs) : input.translated;
  const translated = translatedData ? index(translatedData) : null;
  const params: RankingParams = { ...(input.params ?? DEFAULT_RANKING_PARAMS), ...input.lexiconParams };
  const lexicon = input.glossary && input.lexicon ? new Lexicon(input.lexicon, lexical, params) : null;
  const cues = new DocumentCues(
    store.documents(),
    (t) => lexical.df(t) > Math.max(3, lexical.size * 0.08),
    documentsUsing(lexical, (position) => store.at(position).documentId),
  );
  const planner = new QueryPlanner({
    store,
    lexical,
    cues,
    glossary: input.glossary ? new Glossary(undefined, params) : null,
    lexicon,
    layers: new Set(input.lexiconLayers ?? LEXICON_LAYERS),
    params,
  });
  const mode = input.mode ?? (input.vectorStore && input.embeddings ? 'hybrid' : 'lexical');
  const { answerer, embeddings, guards } = guarded(input, params);
  const pipeline = new AnswerPipeline({
    store,
    lexical,
    translated,
    cues,
    planner,
    params,
    mode,
    vectorStore: input.vectorStore ?? null,
    embeddings: embeddings ?? null,
    ...(input.onDenseError ? { onDenseError: input.onDenseError } : {}),
  });
  const retriever = new HybridRetriever(pipeline);
  return { store, lexical, retriever, answerer, guards, chat: new RagChatService({ retriever, answerer }) };
}
