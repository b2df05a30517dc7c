/**
 * Node adapter: verifies and loads the published index, assembles the app with its dependencies, and swaps
 * in a newly published index without a restart (link watcher or `POST /api/admin/reload`).
 */
import path from 'node:path';
import type { Hono } from 'hono';
import { cleanDocumentLeftovers } from '../ingest/user-documents.js';
import type { Answerer } from '../server/answer/answerer.js';
import { ExtractiveAnswerer } from '../server/answer/extractive-answerer.js';
import { createApp, type AppDeps } from '../server/app.js';
import { assembleChat } from '../server/assemble.js';
import type { RagChatService } from '../server/chat/chat-service.js';
import type { Config } from '../server/config.js';
import type { CorpusStore } from '../server/corpus/corpus-store.js';
import { embeddingModelId, type IdentifiedEmbeddings } from '../server/embeddings/create-embeddings.js';
import { AppError } from '../server/errors.js';
import type { HealthInfo } from '../server/health/health-app.js';
import { checkManifest, INDEX_FILES, type IndexManifest } from '../server/index-format.js';
import { verifyIndex } from '../server/index-verify.js';
import { ReloadableApp, type Generation, type Readiness, type ReloadOutcome } from '../server/reload/reloadable-app.js';
import { Bm25Index } from '../server/retrieval/bm25-index.js';
import type { HybridRetriever } from '../server/retrieval/hybrid-retriever.js';
import type { RetrievalMode } from '../server/types.js';
import { createLogger, type Logger } from '../server/logging/logger.js';
import { nodeClientAddress } from './client-address.js';
import type { HnswVectorStore } from './hnsw-vector-store.js';
import { createServingEmbeddings, type ServingEmbeddings } from './serving-embeddings.js';
import { buildsDirOf, cleanLeftovers, currentBuild, nodeSha256 } from './index-layout.js';
import { watchIndexDir, type IndexWatcher } from './index-watcher.js';
import { describeLoadFailure, indexError, readIfExists } from './index-files.js';
import { createAssetReader } from './static-assets.js';

export { indexReadiness, loadCorpusData, loadLexicalIndex } from './index-files.js';

export interface NodeRuntime {
  /** Serves the current index generation; `/healthz/ready` and `POST /api/admin/reload` included. */
  app: Hono;
  readonly chat: RagChatService;
  readonly retriever: HybridRetriever;
  readonly store: CorpusStore;
  readonly manifest: IndexManifest;
  health: () => HealthInfo;
  /** Index readiness, for `/healthz/ready` (inject it where readiness is reported). */
  readiness: () => Readiness;
  /** Loads the published index again and swaps it in on success. */
  reload: () => Promise<ReloadOutcome>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Build the index when none is published (default true). A corrupt index is never rebuilt silently. */
  buildIfMissing?: boolean;
  /** Start not-ready (503 on every route, `/healthz/ready` says why) instead of throwing when the index fails to load. */
  allowNotReady?: boolean;
  /** Reload when `npm run ingest` publishes a new index (default false; `npm start` passes `INDEX_WATCH`). */
  watch?: boolean;
  log?: (line: string) => void;
  /** Replaces the configured answerer (tests, evals). */
  answerer?: Answerer;
  /** Replaces the configured embeddings (tests, other providers). `null` disables them. */
  embeddings?: IdentifiedEmbeddings | null;
  /** Structured logger of the app (request lines, upstream failures); default: JSON lines at LOG_LEVEL. */
  logger?: Logger;
}

interface NodeGeneration extends Generation {
  chat: RagChatService;
  retriever: HybridRetriever;
  store: CorpusStore;
  manifest: IndexManifest;
  health: () => HealthInfo;
}

/**
 * The runtime's serving embeddings, created on first use and shared by every generation: the configured model
 * does not change on reload, so one worker pool and one query cache serve them all. (Starting a pool per
 * generation and stopping the old one is not an option: onnxruntime-node 1.14 corrupts the heap after a few
 * workers that ran a session have been terminated.)
 */
function sharedServing(config: Config, options: RuntimeOptions): { get: () => Promise<ServingEmbeddings>; close: () => Promise<void> } {
  let serving: Promise<ServingEmbeddings> | null = null;
  return {
    get: () => {
      serving ??= createServingEmbeddings(config.embeddings, options.embeddings).catch((err: unknown) => {
        serving = null;
        throw err;
      });
      return serving;
    },
    close: async () => (await serving?.catch(() => null))?.close(),
  };
}

/** Resolves the published build, verifies every file against the manifest, then loads and assembles it. */
async function loadGeneration(config: Config, options: RuntimeOptions, log: (l: string) => void, serve: () => Promise<ServingEmbeddings>): Promise<NodeGeneration> {
  const build = await currentBuild(config.indexDir);
  if (!build) throw new AppError('index_missing', `No index in ${config.indexDir}. Run \`npm run ingest\`.`);
  const dir = build === 'legacy' ? path.resolve(config.indexDir) : path.join(buildsDirOf(config.indexDir), build);
  // INDEX_VERIFY=lazy: chunked files (paragraph bodies, postings) are verified chunk by chunk on first read, so starting hashes the small files only.
  const verified = await verifyIndex((name) => readIfExists(path.join(dir, name)), nodeSha256, config.indexVerify === 'lazy' ? { lazy: nodeSha256 } : {});
  if ('problem' in verified && verified.problem.outdated)
    throw new AppError('index_mismatch', `${path.join(config.indexDir, verified.problem.file)}: ${verified.problem.detail}. Re-run \`npm run ingest\`.`);
  if ('problem' in verified) throw indexError(config, verified.problem.file, verified.problem.detail);
  const { manifest, corpus } = verified;
  const configuredModel = options.embeddings === undefined ? embeddingModelId(config.embeddings) : (options.embeddings?.modelId ?? null);
  checkManifest(manifest, { modelId: configuredModel, requireVectors: config.retrievalMode === 'hybrid' || config.retrievalMode === 'dense' });
  let lexical: Bm25Index;
  let translated: Bm25Index | null = null;
  try {
    lexical = new Bm25Index(verified.lexicalMeta, verified.postings, verified.postingsCheck ?? undefined);
  } catch (err) {
    throw indexError(config, INDEX_FILES.lexical, (err as Error).message);
  }
  try {
    if (verified.translated) translated = new Bm25Index(verified.translated.meta, verified.translated.postings, verified.translated.postingsCheck ?? undefined);
  } catch (err) {
    throw indexError(config, INDEX_FILES.translatedLexical, (err as Error).message);
  }
  const { lexicon } = verified;
  if (!lexicon && config.glossary)
    log(`${INDEX_FILES.lexicon} is missing (index built before the cross-lingual dictionary): English questions use the term base only. Re-run \`npm run ingest -- --force\`.`);

  let mode: RetrievalMode = 'lexical';
  let vectorStore: HnswVectorStore | null = null;
  const serving = manifest.embedding && configuredModel && config.retrievalMode !== 'lexical' ? await serve() : null;
  const embeddings = serving?.embeddings ?? null;
  if (embeddings && manifest.embedding) {
    // Imported here: hnswlib and LangChain's vector-store module are slow to load, and a lexical index needs neither.
    const { HnswVectorStore, hnswOptions } = await import('./hnsw-vector-store.js');
    vectorStore = await HnswVectorStore.load(dir, embeddings, { expectedDimension: manifest.embedding.dimension, ...hnswOptions(config) });
    mode = config.retrievalMode === 'dense' ? 'dense' : 'hybrid';
  }
  const embeddingStatus: HealthInfo['embedding'] = manifest.embedding
    ? { provider: manifest.embedding.provider, model: manifest.embedding.modelId, dimension: manifest.embedding.dimension, status: mode === 'lexical' ? 'disabled' : 'ready' }
    : {
        provider: config.embeddings.provider,
        model: configuredModel,
        dimension: null,
        status: config.embeddings.provider === 'none' ? 'disabled' : 'unavailable',
        ...(manifest.embeddingError ? { error: manifest.embeddingError } : {}),
      };
  if (mode === 'lexical') {
    log(
      `LEXICAL MODE: retrieval uses BM25 with French/English analysis${config.glossary ? ' and the EN→FR glossary' : ''} only. ${manifest.embeddingError ?? (config.embeddings.provider === 'none' ? 'Embeddings are disabled (EMBEDDINGS_PROVIDER=none).' : config.retrievalMode === 'lexical' ? 'RETRIEVAL_MODE=lexical.' : 'The index has no vectors; re-run `npm run ingest` with a usable embedding model.')}`,
    );
  }

  const useLlm = config.llm.answerer === 'llm' || (config.llm.answerer === 'auto' && Boolean(config.llm.baseUrl));
  const secrets = [config.llm.apiKey, config.embeddings.apiKey];
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets });
  const { store, retriever, chat, answerer, guards } = assembleChat({
    corpus,
    lexical,
    // An index built with translations before the translated field was stored: assembleChat builds the field from the corpus.
    ...(translated ? { translated } : {}),
    glossary: config.glossary,
    params: config.ranking,
    lexicon,
    lexiconLayers: config.lexiconLayers,
    mode,
    vectorStore,
    embeddings,
    onDenseError: (err) => log(`Query embedding failed, answering this question in lexical mode: ${(err as Error).message}`),
    answerer: options.answerer ?? (useLlm ? await llmAnswerer(config) : new ExtractiveAnswerer(config.ranking)),
    guard: { limits: config.limits, logger, secrets },
  });
  const health = (): HealthInfo => ({
    status: 'ok',
    retrieval: { mode, ...(mode === 'lexical' ? { note: 'Lexical mode: no embedding model in use; answers rely on BM25 + glossary.' } : {}) },
    embedding: embeddingStatus,
    answerer: answerer.name,
    corpus: { documents: manifest.documents, paragraphs: manifest.paragraphs, corpusHash: manifest.corpusHash, indexedAt: manifest.createdAt },
  });
  const deps: AppDeps = { config, store, chat, health, guards, logger, clientAddress: nodeClientAddress(config.limits.trustedProxies), getAsset: createAssetReader(path.resolve('web/public')) };
  return { id: build, app: createApp(deps), documents: manifest.documents, paragraphs: manifest.paragraphs, chat, retriever, store, manifest, health };
}

/** The LLM answerer, imported only when configured: LangChain's prompt and message modules are slow to load. */
async function llmAnswerer(config: Config): Promise<Answerer> {
  const { LlmAnswerer } = await import('../server/answer/llm-answerer.js');
  return LlmAnswerer.fromConfig(config.llm);
}

/** Builds the index; ingest (its loaders and parsers) is imported only then, so that serving a built index does not load it. */
async function rebuild(config: Config, options: RuntimeOptions, log: (l: string) => void): Promise<void> {
  const { buildIndex } = await import('../ingest/build-index.js');
  await buildIndex({ config, log, ...(options.embeddings !== undefined ? { embeddings: options.embeddings } : {}) });
}

/**
 * Cleans what an interrupted ingest left, builds the index if none is published, then verifies and serves it.
 * @example
 * const runtime = await createNodeRuntime(loadConfig(process.env));
 * const res = await runtime.app.request('/healthz');
 */
export async function createNodeRuntime(config: Config, options: RuntimeOptions = {}): Promise<NodeRuntime> {
  const log = options.log ?? (() => {});
  const removed = await cleanLeftovers(config.indexDir);
  await cleanDocumentLeftovers(config);
  if (removed.length) log(`Removed ${removed.length} leftover(s) of interrupted ingests: ${removed.join(', ')}.`);
  const published = await currentBuild(config.indexDir);
  if (!published || (published === 'legacy' && !(await readIfExists(path.join(config.indexDir, INDEX_FILES.manifest))))) {
    if (options.buildIfMissing === false) throw new AppError('index_missing', `No index in ${config.indexDir}. Run \`npm run ingest\`.`);
    log(`No index in ${config.indexDir}: building it now.`);
    await rebuild(config, options, log);
  }
  let lastError: unknown;
  const serving = sharedServing(config, options);
  const reloadable = new ReloadableApp<NodeGeneration>({
    load: () => loadGeneration(config, options, log, serving.get).catch((err) => Promise.reject((lastError = err))),
    describe: describeLoadFailure,
    ...(config.adminToken ? { adminToken: config.adminToken } : {}),
    log,
  });
  let first = await reloadable.reload();
  if (first.error && lastError instanceof AppError && lastError.code === 'index_mismatch' && options.buildIfMissing !== false) {
    log(`${lastError.message.replace(/ Re-run `npm run ingest`\.$/, '')}: the index was built by another version; rebuilding it now.`);
    await rebuild(config, options, log);
    first = await reloadable.reload();
  }
  if (first.error && !options.allowNotReady) throw lastError;
  let watcher: IndexWatcher | undefined;
  if (options.watch) watcher = watchIndexDir(config.indexDir, reloadable.current()?.id ?? null, () => void reloadable.reload());
  const current = (): NodeGeneration => {
    const g = reloadable.current();
    if (!g) throw new AppError('index_not_ready');
    return g;
  };
  return {
    app: reloadable.app,
    get chat() {
      return current().chat;
    },
    get retriever() {
      return current().retriever;
    },
    get store() {
      return current().store;
    },
    get manifest() {
      return current().manifest;
    },
    health: () => current().health(),
    readiness: () => reloadable.readiness(),
    reload: () => reloadable.reload(),
    close: async () => {
      watcher?.close();
      await reloadable.close();
      await serving.close();
    },
  };
}
