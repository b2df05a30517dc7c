/** The one place that reads configuration. Pass it `process.env` (Node) or the Workers `env`. */
import { bool, type Env, int, list, num, oneOf, opt, str, url } from './config-parse.js';
import { AppError } from './errors.js';
import { rankingParams, type RankingParams } from './pipeline/params.js';
import { ALL_LEXICON_LAYERS, LEXICON_LAYERS, type LexiconLayer } from './text/lexicon-params.js';

export { ENV_VARS } from './config-vars.js';

export type EmbeddingsProvider = 'transformers' | 'openai' | 'none';
export type RetrievalSetting = 'auto' | 'hybrid' | 'lexical' | 'dense';
export type AnswererSetting = 'auto' | 'extractive' | 'llm';
export type TranslatorProvider = 'none' | 'libretranslate' | 'llm' | 'transformers';

export interface Config {
  port: number;
  host: string;
  indexDir: string;
  corpusDir: string;
  publicUrl?: string;
  allowedOrigins: string[] | '*';
  maxQuestionChars: number;
  /** Limits of untrusted input and of the work one client may cause (SECURITY.md). */
  limits: {
    maxBodyBytes: number;
    maxHistoryTurns: number;
    maxHistoryChars: number;
    /** Requests per minute per client on the API and answer routes; 0 = no limit. */
    rateLimitPerMinute: number;
    /** Socket addresses (IP or CIDR) whose X-Forwarded-For is believed. */
    trustedProxies: string[];
    llmConcurrency: number;
    embeddingsConcurrency: number;
  };
  /** `NODE_ENV=production` or `PUBLIC_URL` set: secure defaults are enforced at start. */
  production: boolean;
  answerCacheSize: number;
  retrievalMode: RetrievalSetting;
  glossary: boolean;
  /** Tunables of the answering pipeline (`RANKING_PARAMS`). */
  ranking: RankingParams;
  /** Cross-lingual layers (with `glossary`). */
  lexiconLayers: LexiconLayer[];
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Bearer token of `POST /api/admin/reload`; the route is off when unset. */
  adminToken?: string;
  /** Reload when `npm run ingest` publishes a new index (Node). */
  watchIndex: boolean;
  /** `lazy`: the large index files are verified chunk by chunk on first read; `full`: every byte is verified before serving (Node). */
  indexVerify: 'lazy' | 'full';
  /** Limits each ingested file runs under. */
  ingest: { maxFileBytes: number; maxDepth: number; maxParagraphs: number; timeoutMs: number };
  embeddings: {
    provider: EmbeddingsProvider;
    model: string;
    modelDir?: string;
    cacheDir: string;
    allowRemote: boolean;
    baseUrl?: string;
    apiKey?: string;
    queryPrefix: string;
    passagePrefix: string;
    batchSize: number;
    timeoutMs: number;
    maxRetries: number;
    retryFailedLoad: boolean;
    /** Worker threads running transformers.js inference; 0 runs it on the event loop. */
    workers: number;
    /** onnxruntime intra-op threads per worker; 0 means auto (the cores left after the event loop). */
    threads: number;
    /** Query embeddings kept in memory (LRU); 0 turns the cache off. */
    queryCacheSize: number;
  };
  translator: {
    provider: TranslatorProvider;
    baseUrl?: string;
    apiKey?: string;
    modelFrEn: string;
    modelEnFr: string;
  };
  hnsw: { m: number; efConstruction: number; efSearch: number };
  /** Server processes (`node:cluster`); 1 runs a single process. */
  workers: number;
  llm: {
    answerer: AnswererSetting;
    baseUrl?: string;
    apiKey?: string;
    model: string;
    timeoutMs: number;
    temperature: number;
    maxTokens: number;
  };
}

function layers(env: Env): LexiconLayer[] {
  const raw = opt(env, 'LEXICON_LAYERS');
  if (raw === undefined) return [...LEXICON_LAYERS];
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((l) => !(ALL_LEXICON_LAYERS as readonly string[]).includes(l));
  if (bad.length) throw new AppError('config_invalid', `LEXICON_LAYERS entries must be among ${ALL_LEXICON_LAYERS.join(', ')} (got "${bad.join(', ')}").`);
  return list as LexiconLayer[];
}
function rankingFrom(env: Env): RankingParams {
  const raw = env.RANKING_PARAMS?.trim();
  if (!raw) return rankingParams();
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected a JSON object');
    return rankingParams(parsed as Record<string, unknown>);
  } catch (e) {
    throw new AppError('config_invalid', `RANKING_PARAMS: ${(e as Error).message}`);
  }
}

/** `ALLOWED_ORIGINS`: required in production; `*` or a list of bare origins. */
function originsFrom(env: Env, production: boolean): string[] | '*' {
  if (production && opt(env, 'ALLOWED_ORIGINS') === undefined) {
    throw new AppError(
      'config_invalid',
      'ALLOWED_ORIGINS must be set in production (NODE_ENV=production or PUBLIC_URL set): list the sites that may call the API and embed the widget, e.g. ALLOWED_ORIGINS=https://example.org, or ALLOWED_ORIGINS=* to allow every site.',
    );
  }
  const origins = str(env, 'ALLOWED_ORIGINS', '*').trim();
  const allowedOrigins: string[] | '*' =
    origins === '*'
      ? '*'
      : origins
          .split(',')
          .map((o) => o.trim().replace(/\/+$/, ''))
          .filter(Boolean);
  if (allowedOrigins !== '*')
    for (const o of allowedOrigins) if (!/^https?:\/\/[^/]+$/.test(o)) throw new AppError('config_invalid', `ALLOWED_ORIGINS entries must look like https://example.org (got "${o}").`);
  return allowedOrigins;
}

/** The providers and endpoints that depend on each other, checked together before the rest is read. */
function providersFrom(env: Env) {
  const provider = oneOf<EmbeddingsProvider>(env, 'EMBEDDINGS_PROVIDER', 'transformers', ['transformers', 'openai', 'none']);
  const embeddingsBaseUrl = url(env, 'EMBEDDINGS_BASE_URL');
  if (provider === 'openai' && !embeddingsBaseUrl) throw new AppError('config_invalid', 'EMBEDDINGS_PROVIDER=openai needs EMBEDDINGS_BASE_URL.');
  const llmBaseUrl = url(env, 'LLM_BASE_URL');
  const answerer = oneOf<AnswererSetting>(env, 'ANSWERER', 'auto', ['auto', 'extractive', 'llm']);
  if (answerer === 'llm' && !llmBaseUrl) throw new AppError('config_invalid', 'ANSWERER=llm needs LLM_BASE_URL.');
  const translator = oneOf<TranslatorProvider>(env, 'TRANSLATOR', 'none', ['none', 'libretranslate', 'llm', 'transformers']);
  const translatorUrl = url(env, 'TRANSLATOR_URL');
  if (translator === 'libretranslate' && !translatorUrl) throw new AppError('config_invalid', 'TRANSLATOR=libretranslate needs TRANSLATOR_URL.');
  if (translator === 'llm' && !llmBaseUrl) throw new AppError('config_invalid', 'TRANSLATOR=llm needs LLM_BASE_URL.');
  return { provider, embeddingsBaseUrl, llmBaseUrl, answerer, translator, translatorUrl };
}

function limitsFrom(env: Env): Config['limits'] {
  return {
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 65536, 1024, 64 * 1024 * 1024),
    maxHistoryTurns: int(env, 'MAX_HISTORY_TURNS', 12, 0, 1000),
    maxHistoryChars: int(env, 'MAX_HISTORY_CHARS', 16000, 0, 10000000),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 120, 0, 1000000),
    trustedProxies: list(env, 'TRUSTED_PROXIES'),
    llmConcurrency: int(env, 'LLM_MAX_CONCURRENCY', 4, 1, 10000),
    embeddingsConcurrency: int(env, 'EMBEDDINGS_MAX_CONCURRENCY', 8, 1, 10000),
  };
}

function ingestFrom(env: Env): Config['ingest'] {
  return {
    maxFileBytes: int(env, 'INGEST_MAX_FILE_MB', 20, 1, 4096) * 1024 * 1024,
    maxDepth: int(env, 'INGEST_MAX_DEPTH', 256, 8, 100000),
    maxParagraphs: int(env, 'INGEST_MAX_PARAGRAPHS', 20000, 1, 10000000),
    timeoutMs: int(env, 'INGEST_TIMEOUT_MS', 60000, 100, 3600000),
  };
}

function embeddingsFrom(env: Env, provider: EmbeddingsProvider, baseUrl: string | undefined): Config['embeddings'] {
  return {
    provider,
    model: str(env, 'EMBEDDINGS_MODEL', 'Xenova/multilingual-e5-small'),
    modelDir: opt(env, 'EMBEDDINGS_MODEL_DIR'),
    cacheDir: str(env, 'EMBEDDINGS_CACHE_DIR', '.cache/transformers'),
    allowRemote: bool(env, 'EMBEDDINGS_ALLOW_REMOTE', true),
    baseUrl,
    apiKey: opt(env, 'EMBEDDINGS_API_KEY'),
    queryPrefix: env.EMBEDDINGS_QUERY_PREFIX ?? 'query: ',
    passagePrefix: env.EMBEDDINGS_PASSAGE_PREFIX ?? 'passage: ',
    batchSize: int(env, 'EMBEDDINGS_BATCH_SIZE', 16, 1, 2048),
    timeoutMs: int(env, 'EMBEDDINGS_TIMEOUT_MS', 30000, 100, 600000),
    maxRetries: int(env, 'EMBEDDINGS_MAX_RETRIES', 2, 0, 10),
    retryFailedLoad: bool(env, 'EMBEDDINGS_RETRY_LOAD', false),
    workers: int(env, 'EMBEDDINGS_WORKERS', 1, 0, 64),
    threads: opt(env, 'EMBEDDINGS_THREADS')?.toLowerCase() === 'auto' ? 0 : int(env, 'EMBEDDINGS_THREADS', 0, 1, 256),
    queryCacheSize: int(env, 'EMBEDDINGS_QUERY_CACHE_SIZE', 1000, 0, 1000000),
  };
}

function translatorFrom(env: Env, provider: TranslatorProvider, baseUrl: string | undefined): Config['translator'] {
  return {
    provider,
    baseUrl,
    apiKey: opt(env, 'TRANSLATOR_API_KEY'),
    modelFrEn: str(env, 'TRANSLATOR_MODEL_FR_EN', 'Xenova/opus-mt-fr-en'),
    modelEnFr: str(env, 'TRANSLATOR_MODEL_EN_FR', 'Xenova/opus-mt-en-fr'),
  };
}

function hnswFrom(env: Env): Config['hnsw'] {
  return {
    m: int(env, 'HNSW_M', 16, 2, 256),
    efConstruction: int(env, 'HNSW_EF_CONSTRUCTION', 100, 8, 4096),
    efSearch: int(env, 'HNSW_EF_SEARCH', 64, 1, 4096),
  };
}

function llmFrom(env: Env, answerer: AnswererSetting, baseUrl: string | undefined): Config['llm'] {
  return {
    answerer,
    baseUrl,
    apiKey: opt(env, 'LLM_API_KEY'),
    model: str(env, 'LLM_MODEL', 'gpt-4o-mini'),
    timeoutMs: int(env, 'LLM_TIMEOUT_MS', 60000, 100, 600000),
    temperature: num(env, 'LLM_TEMPERATURE', 0),
    maxTokens: int(env, 'LLM_MAX_TOKENS', 800, 1, 1000000),
  };
}

/**
 * Reads and validates the configuration from an environment object.
 * @example
 * const config = loadConfig(process.env);
 * console.log(config.port); // 8787
 */
export function loadConfig(env: Env = {}): Config {
  const production = opt(env, 'NODE_ENV') === 'production' || opt(env, 'PUBLIC_URL') !== undefined;
  const allowedOrigins = originsFrom(env, production);
  const p = providersFrom(env);
  return {
    port: int(env, 'PORT', 8787, 0, 65535),
    host: str(env, 'HOST', '127.0.0.1'),
    indexDir: str(env, 'INDEX_DIR', 'data/index'),
    corpusDir: str(env, 'CORPUS_DIR', 'corpus'),
    publicUrl: url(env, 'PUBLIC_URL'),
    allowedOrigins,
    maxQuestionChars: int(env, 'MAX_QUESTION_CHARS', 2000, 10, 100000),
    limits: limitsFrom(env),
    production,
    answerCacheSize: int(env, 'ANSWER_CACHE_SIZE', 500, 0, 1000000),
    retrievalMode: oneOf<RetrievalSetting>(env, 'RETRIEVAL_MODE', 'auto', ['auto', 'hybrid', 'lexical', 'dense']),
    glossary: bool(env, 'GLOSSARY', true),
    ranking: rankingFrom(env),
    lexiconLayers: layers(env),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error', 'silent'] as const),
    adminToken: opt(env, 'ADMIN_TOKEN'),
    watchIndex: bool(env, 'INDEX_WATCH', true),
    indexVerify: oneOf(env, 'INDEX_VERIFY', 'lazy', ['lazy', 'full'] as const),
    ingest: ingestFrom(env),
    embeddings: embeddingsFrom(env, p.provider, p.embeddingsBaseUrl),
    translator: translatorFrom(env, p.translator, p.translatorUrl),
    hnsw: hnswFrom(env),
    workers: opt(env, 'WORKERS')?.toLowerCase() === 'auto' ? 0 : int(env, 'WORKERS', 1, 1, 256),
    llm: llmFrom(env, p.answerer, p.llmBaseUrl),
  };
}
