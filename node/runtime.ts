/** Node adapter: loads the index from disk and assembles the app with its dependencies. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { buildIndex } from '../ingest/build-index.js';
import type { Answerer } from '../server/answer/answerer.js';
import { ExtractiveAnswerer } from '../server/answer/extractive-answerer.js';
import { LlmAnswerer } from '../server/answer/llm-answerer.js';
import { createApp, type AppDeps } from '../server/app.js';
import { assembleChat } from '../server/assemble.js';
import type { RagChatService } from '../server/chat/chat-service.js';
import type { Config } from '../server/config.js';
import type { CorpusData, CorpusStore } from '../server/corpus/corpus-store.js';
import { embeddingModelId, type IdentifiedEmbeddings } from '../server/embeddings/create-embeddings.js';
import { AppError } from '../server/errors.js';
import type { HealthInfo } from '../server/health/health-app.js';
import { checkManifest, INDEX_FILES, type IndexManifest } from '../server/index-format.js';
import { Bm25Index, type Bm25Meta } from '../server/retrieval/bm25-index.js';
import type { HybridRetriever } from '../server/retrieval/hybrid-retriever.js';
import type { RetrievalMode } from '../server/types.js';
import { HnswVectorStore, hnswOptions } from './hnsw-vector-store.js';
import { createServingEmbeddings } from './serving-embeddings.js';
import { createAssetReader } from './static-assets.js';

export interface NodeRuntime {
  app: Hono;
  chat: RagChatService;
  retriever: HybridRetriever;
  store: CorpusStore;
  manifest: IndexManifest;
  health: () => HealthInfo;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Build the index when it is missing (default true). */
  buildIfMissing?: boolean;
  log?: (line: string) => void;
  /** Replaces the configured answerer (tests, evals). */
  answerer?: Answerer;
  /** Replaces the configured embeddings (tests, other providers). `null` disables them. */
  embeddings?: IdentifiedEmbeddings | null;
}

async function readJson<T>(file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    throw new AppError('index_mismatch', `${file}: cannot be read (${(err as Error).message}). Re-run \`npm run ingest\`.`);
  }
}

/**
 * Loads the stored lexical index of an index directory.
 * @example
 * const lexical = await loadLexicalIndex('data/index');
 */
export async function loadLexicalIndex(indexDir: string): Promise<Bm25Index> {
  const meta = await readJson<Bm25Meta>(path.join(indexDir, INDEX_FILES.lexical));
  let postings: Uint8Array;
  try {
    postings = await readFile(path.join(indexDir, INDEX_FILES.lexicalPostings));
  } catch (err) {
    throw new AppError('index_mismatch', `${path.join(indexDir, INDEX_FILES.lexicalPostings)}: cannot be read (${(err as Error).message}). Re-run \`npm run ingest\`.`);
  }
  try {
    return new Bm25Index(meta, postings);
  } catch (err) {
    throw new AppError('index_mismatch', `${path.join(indexDir, INDEX_FILES.lexical)}: ${(err as Error).message} Re-run \`npm run ingest\`.`);
  }
}

/**
 * Loads the index (building it first if missing) and returns the ready app and its parts.
 * @example
 * const runtime = await createNodeRuntime(loadConfig(process.env));
 * const res = await runtime.app.request('/healthz');
 */
export async function createNodeRuntime(config: Config, options: RuntimeOptions = {}): Promise<NodeRuntime> {
  const log = options.log ?? (() => {});
  const indexDir = path.resolve(config.indexDir);
  if (!existsSync(path.join(indexDir, INDEX_FILES.manifest))) {
    if (options.buildIfMissing === false) throw new AppError('index_missing', `No index in ${indexDir}. Run \`npm run ingest\`.`);
    log(`No index in ${indexDir}: building it now.`);
    await buildIndex({ config, log, ...(options.embeddings !== undefined ? { embeddings: options.embeddings } : {}) });
  }
  const manifest = await readJson<IndexManifest>(path.join(indexDir, INDEX_FILES.manifest));
  const configuredModel = options.embeddings === undefined ? embeddingModelId(config.embeddings) : (options.embeddings?.modelId ?? null);
  checkManifest(manifest, { modelId: configuredModel, requireVectors: config.retrievalMode === 'hybrid' || config.retrievalMode === 'dense' });

  const corpus = await readJson<CorpusData>(path.join(indexDir, INDEX_FILES.corpus));
  const lexical = await loadLexicalIndex(indexDir);

  let mode: RetrievalMode = 'lexical';
  let vectorStore: HnswVectorStore | null = null;
  const serving = manifest.embedding && configuredModel && config.retrievalMode !== 'lexical' ? await createServingEmbeddings(config.embeddings, options.embeddings) : null;
  const embeddings = serving?.embeddings ?? null;
  if (embeddings && manifest.embedding) {
    vectorStore = await HnswVectorStore.load(indexDir, embeddings, { expectedDimension: manifest.embedding.dimension, ...hnswOptions(config) });
    mode = config.retrievalMode === 'dense' ? 'dense' : 'hybrid';
  }
  const embeddingStatus: HealthInfo['embedding'] = manifest.embedding
    ? { provider: manifest.embedding.provider, model: manifest.embedding.modelId, dimension: manifest.embedding.dimension, status: mode === 'lexical' ? 'disabled' : 'ready' }
    : { provider: config.embeddings.provider, model: configuredModel, dimension: null, status: config.embeddings.provider === 'none' ? 'disabled' : 'unavailable', ...(manifest.embeddingError ? { error: manifest.embeddingError } : {}) };
  if (mode === 'lexical') {
    log(`LEXICAL MODE: retrieval uses BM25 with French/English analysis${config.glossary ? ' and the EN→FR glossary' : ''} only. ${manifest.embeddingError ?? (config.embeddings.provider === 'none' ? 'Embeddings are disabled (EMBEDDINGS_PROVIDER=none).' : config.retrievalMode === 'lexical' ? 'RETRIEVAL_MODE=lexical.' : 'The index has no vectors; re-run `npm run ingest` with a usable embedding model.')}`);
  }

  const useLlm = config.llm.answerer === 'llm' || (config.llm.answerer === 'auto' && Boolean(config.llm.baseUrl));
  const { store, retriever, chat, answerer } = assembleChat({
    corpus,
    lexical,
    glossary: config.glossary,
    mode,
    vectorStore,
    embeddings,
    onDenseError: (err) => log(`Query embedding failed, answering this question in lexical mode: ${(err as Error).message}`),
    answerer: options.answerer ?? (useLlm ? LlmAnswerer.fromConfig(config.llm) : new ExtractiveAnswerer()),
  });

  const health = (): HealthInfo => ({
    status: 'ok',
    retrieval: { mode, ...(mode === 'lexical' ? { note: 'Lexical mode: no embedding model in use; answers rely on BM25 + glossary.' } : {}) },
    embedding: embeddingStatus,
    answerer: answerer.name,
    corpus: { documents: manifest.documents, paragraphs: manifest.paragraphs, corpusHash: manifest.corpusHash, indexedAt: manifest.createdAt },
  });
  const deps: AppDeps = { config, store, chat, health, getAsset: createAssetReader(path.resolve('web/public')) };
  const app = createApp(deps);
  return { app, chat, retriever, store, manifest, health, close: async () => serving?.close() };
}
