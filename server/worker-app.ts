/**
 * The app of the Cloudflare Workers entry (`server/worker.ts`). Kept apart from the entry module because workerd
 * treats every named export of the entry as an entrypoint. hnswlib is native and cannot run on Workers, so:
 * - without bindings: lexical retrieval (BM25 + glossary), index and web UI from the ASSETS binding (`npm run build:worker`);
 * - with `AI` + `VECTORIZE` and an index built with a Workers AI model: hybrid retrieval, query vectors from Workers AI;
 * - with `INDEX_BUCKET` (R2): the index version named by the object `current` is read from R2 instead of the assets.
 * Any missing piece degrades to lexical mode, and `/healthz` says which one.
 */
import type { Hono } from 'hono';
import { LlmAnswerer } from './answer/llm-answerer.js';
import { createApp } from './app.js';
import { assembleChat } from './assemble.js';
import { createLogger, errorFields } from './logging/logger.js';
import { loadConfig, type Config } from './config.js';
import { decodeCorpus, type CorpusMeta } from './corpus/corpus-files.js';
import { AppError } from './errors.js';
import type { HealthInfo } from './health/health-app.js';
import { checkManifest, INDEX_FILES, type IndexManifest } from './index-format.js';
import type { LexiconTable } from './text/lexicon-table.js';
import { Bm25Index, type Bm25Meta } from './retrieval/bm25-index.js';
import type { RetrievalMode } from './types.js';
import { vectorizeStore, WorkersAiEmbeddings, workersAiModelOf, type AiBinding, type R2BucketBinding, type VectorizeBinding } from './worker-bindings.js';

export interface WorkerEnv {
  ASSETS: { fetch(input: Request | string): Promise<Response> };
  AI?: AiBinding;
  VECTORIZE?: VectorizeBinding;
  INDEX_BUCKET?: R2BucketBinding;
  [name: string]: unknown;
}

/** Where `npm run build:worker` puts the index inside the assets directory. */
export const WORKER_INDEX_PREFIX = '/_index/';

/** The R2 object whose text names the index version (a key prefix, e.g. the corpus hash) to serve. */
export const R2_CURRENT_KEY = 'current';

type ReadIndexFile = (file: string) => Promise<Response>;

const fromAssets =
  (env: WorkerEnv): ReadIndexFile =>
  async (file) => {
    const res = await env.ASSETS.fetch(new Request(`https://assets.local${WORKER_INDEX_PREFIX}${file}`));
    if (!res.ok) throw new AppError('index_missing', `The Worker assets have no ${WORKER_INDEX_PREFIX}${file} (HTTP ${res.status}). Run \`npm run build:worker\` before deploying.`);
    return res;
  };

async function fromBucket(bucket: R2BucketBinding): Promise<ReadIndexFile> {
  const version = (await (await bucket.get(R2_CURRENT_KEY))?.text())?.trim();
  if (!version) throw new AppError('index_missing', `The INDEX_BUCKET binding has no "${R2_CURRENT_KEY}" object naming the index version to serve (see docs/scaling.md).`);
  return async (file) => {
    const object = await bucket.get(`${version}/${file}`);
    if (!object) throw new AppError('index_missing', `INDEX_BUCKET has no ${version}/${file}: upload the whole index version before pointing "${R2_CURRENT_KEY}" at it.`);
    return new Response(await object.arrayBuffer());
  };
}

interface DenseSetup {
  mode: RetrievalMode;
  embeddings: WorkersAiEmbeddings | null;
  embedding: HealthInfo['embedding'];
  note?: string;
}

/** Hybrid retrieval when the bindings and the index allow it; otherwise lexical, with the reason. */
function denseSetup(env: WorkerEnv, config: Config, manifest: IndexManifest): DenseSetup {
  const lexical = (note: string): DenseSetup => ({
    mode: 'lexical',
    embeddings: null,
    embedding: { provider: 'none', model: null, dimension: null, status: 'disabled' },
    note: `Cloudflare Workers: lexical retrieval (BM25 + glossary). ${note}`,
  });
  if (config.retrievalMode === 'lexical') return lexical('RETRIEVAL_MODE=lexical.');
  if (!env.AI || !env.VECTORIZE) return lexical('Dense retrieval needs the AI and VECTORIZE bindings (docs/scaling.md).');
  const model = manifest.embedding ? workersAiModelOf(manifest.embedding.modelId) : null;
  if (!manifest.embedding || !model)
    return lexical(`Dense retrieval needs an index built with a Workers AI model (@cf/…); this one has ${manifest.embedding ? manifest.embedding.modelId : 'no vectors'}.`);
  const embeddings = new WorkersAiEmbeddings(env.AI, model, config.embeddings.queryPrefix);
  return { mode: config.retrievalMode === 'dense' ? 'dense' : 'hybrid', embeddings, embedding: { provider: 'workers-ai', model, dimension: manifest.embedding.dimension, status: 'ready' } };
}

/**
 * Builds the app for a Workers environment (memoised per isolate by the entry).
 * @example
 * const app = await createWorkerApp(env);
 */
export async function createWorkerApp(env: WorkerEnv): Promise<Hono> {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') vars[k] = v;
  const config = loadConfig({ ...vars, EMBEDDINGS_PROVIDER: 'none' });
  const read = env.INDEX_BUCKET ? await fromBucket(env.INDEX_BUCKET) : fromAssets(env);
  const manifest = (await (await read(INDEX_FILES.manifest)).json()) as IndexManifest;
  checkManifest(manifest, { modelId: null, requireVectors: false });
  const [corpusMeta, bodies, lexicalMeta, postings] = await Promise.all([
    read(INDEX_FILES.corpus).then((r) => r.json() as Promise<CorpusMeta>),
    read(INDEX_FILES.corpusBodies).then((r) => r.arrayBuffer()),
    read(INDEX_FILES.lexical).then((r) => r.json() as Promise<Bm25Meta>),
    read(INDEX_FILES.lexicalPostings).then((r) => r.arrayBuffer()),
  ]);
  const lexicon = config.glossary && manifest.files?.[INDEX_FILES.lexicon] ? await read(INDEX_FILES.lexicon).then((r) => r.json() as Promise<LexiconTable>) : null;
  const dense = denseSetup(env, config, manifest);
  const useLlm = config.llm.answerer === 'llm' || (config.llm.answerer === 'auto' && Boolean(config.llm.baseUrl));
  const secrets = [config.llm.apiKey, config.embeddings.apiKey];
  const logger = createLogger({ level: config.logLevel, secrets });
  const { store, chat, answerer, guards } = assembleChat({
    corpus: decodeCorpus(corpusMeta, new Uint8Array(bodies)),
    lexical: new Bm25Index(lexicalMeta, postings),
    glossary: config.glossary,
    params: config.ranking,
    lexicon,
    lexiconLayers: config.lexiconLayers,
    mode: dense.mode,
    vectorStore: dense.embeddings && env.VECTORIZE ? vectorizeStore(env.VECTORIZE, manifest.corpusHash) : null,
    embeddings: dense.embeddings,
    onDenseError: (err) => logger.warn('Query embedding or Vectorize failed, answering this question in lexical mode', errorFields(err)),
    guard: { limits: config.limits, logger, secrets },
    ...(useLlm ? { answerer: LlmAnswerer.fromConfig(config.llm) } : {}),
  });
  const health = (): HealthInfo => ({
    status: 'ok',
    retrieval: { mode: dense.mode, ...(dense.note ? { note: dense.note } : {}) },
    embedding: dense.embedding,
    answerer: answerer.name,
    corpus: { documents: manifest.documents, paragraphs: manifest.paragraphs, corpusHash: manifest.corpusHash, indexedAt: manifest.createdAt },
  });
  return createApp({
    config,
    store,
    chat,
    health,
    guards,
    logger,
    // Set by Cloudflare on every request (a client cannot override it); the limit is per isolate (in-memory store).
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
    getAsset: async (path) => {
      const res = await env.ASSETS.fetch(new Request(`https://assets.local/${path.replace(/^\/+/, '')}`));
      if (!res.ok) return null;
      return { body: new Uint8Array(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? 'application/octet-stream' };
    },
  });
}
