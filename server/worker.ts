/**
 * Cloudflare Workers entry: the same Hono app, lexical retrieval (hnswlib is native and cannot run
 * on Workers), the index and web assets served from the ASSETS binding (`npm run build:worker`).
 */
import type { Hono } from 'hono';
import { LlmAnswerer } from './answer/llm-answerer.js';
import { createApp } from './app.js';
import { assembleChat } from './assemble.js';
import { loadConfig } from './config.js';
import type { CorpusData } from './corpus/corpus-store.js';
import { AppError } from './errors.js';
import { createLogger } from './logging/logger.js';
import { checkManifest, INDEX_FILES, type IndexManifest } from './index-format.js';
import { Bm25Index, type Bm25Meta } from './retrieval/bm25-index.js';

export interface WorkerEnv {
  ASSETS: { fetch(input: Request | string): Promise<Response> };
  [name: string]: unknown;
}

/** Where `npm run build:worker` puts the index inside the assets directory. */
export const WORKER_INDEX_PREFIX = '/_index/';

let appPromise: Promise<Hono> | null = null;

async function fetchAsset(env: WorkerEnv, file: string): Promise<Response> {
  const res = await env.ASSETS.fetch(new Request(`https://assets.local${WORKER_INDEX_PREFIX}${file}`));
  if (!res.ok) throw new AppError('index_missing', `The Worker assets have no ${WORKER_INDEX_PREFIX}${file} (HTTP ${res.status}). Run \`npm run build:worker\` before deploying.`);
  return res;
}

async function fetchJson<T>(env: WorkerEnv, file: string): Promise<T> {
  return (await (await fetchAsset(env, file)).json()) as T;
}

async function fetchBytes(env: WorkerEnv, file: string): Promise<ArrayBuffer> {
  return (await fetchAsset(env, file)).arrayBuffer();
}

/**
 * Builds the app for a Workers environment (memoised per isolate).
 * @example
 * const app = await createWorkerApp(env);
 */
export async function createWorkerApp(env: WorkerEnv): Promise<Hono> {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') vars[k] = v;
  const config = loadConfig({ EMBEDDINGS_PROVIDER: 'none', ...vars });
  const manifest = await fetchJson<IndexManifest>(env, INDEX_FILES.manifest);
  checkManifest(manifest, { modelId: null, requireVectors: false });
  const [corpus, lexicalMeta, postings] = await Promise.all([fetchJson<CorpusData>(env, INDEX_FILES.corpus), fetchJson<Bm25Meta>(env, INDEX_FILES.lexical), fetchBytes(env, INDEX_FILES.lexicalPostings)]);
  const lexical = new Bm25Index(lexicalMeta, postings);
  const useLlm = config.llm.answerer === 'llm' || (config.llm.answerer === 'auto' && Boolean(config.llm.baseUrl));
  const secrets = [config.llm.apiKey, config.embeddings.apiKey];
  const logger = createLogger({ level: config.logLevel, secrets });
  const guard = { limits: config.limits, logger, secrets };
  const { store, chat, answerer, guards } = assembleChat({ corpus, lexical, glossary: config.glossary, mode: 'lexical', guard, ...(useLlm ? { answerer: LlmAnswerer.fromConfig(config.llm) } : {}) });
  return createApp({
    config,
    store,
    chat,
    guards,
    logger,
    // Set by Cloudflare for every request (a client cannot override it); the limit is per isolate (in-memory store).
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
    health: () => ({
      status: 'ok',
      retrieval: { mode: 'lexical', note: 'Cloudflare Workers: lexical retrieval (BM25 + glossary).' },
      embedding: { provider: 'none', model: null, dimension: null, status: 'disabled' },
      answerer: answerer.name,
      corpus: { documents: manifest.documents, paragraphs: manifest.paragraphs, corpusHash: manifest.corpusHash, indexedAt: manifest.createdAt },
    }),
    getAsset: async (path) => {
      const res = await env.ASSETS.fetch(new Request(`https://assets.local/${path.replace(/^\/+/, '')}`));
      if (!res.ok) return null;
      return { body: new Uint8Array(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? 'application/octet-stream' };
    },
  });
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: unknown): Promise<Response> {
    appPromise ??= createWorkerApp(env).catch((err) => {
      appPromise = null;
      throw err;
    });
    try {
      const app = await appPromise;
      return app.fetch(request, env, ctx as never);
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('internal', (err as Error).message);
      return Response.json(e.toJSON(), { status: e.status });
    }
  },
};
