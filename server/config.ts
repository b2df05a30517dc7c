/** The one place that reads configuration. Pass it `process.env` (Node) or the Workers `env`. */
import { AppError } from './errors.js';
import { rankingParams, type RankingParams } from './pipeline/params.js';
import { ALL_LEXICON_LAYERS, LEXICON_LAYERS, type LexiconLayer } from './text/lexicon-params.js';

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

/** Every environment variable the app reads, with its default, for the README and `--help`. */
export const ENV_VARS: ReadonlyArray<{ name: string; default: string; description: string }> = [
  { name: 'PORT', default: '8787', description: 'HTTP port of `npm start`.' },
  { name: 'HOST', default: '127.0.0.1', description: 'Interface to listen on (`0.0.0.0` to expose).' },
  { name: 'INDEX_DIR', default: 'data/index', description: 'Where the published index is (a link to its current build; see Architecture).' },
  { name: 'CORPUS_DIR', default: 'corpus', description: 'Directory of the vendored corpus (`corpus.json` + texts).' },
  { name: 'PUBLIC_URL', default: '(request origin)', description: 'Public base URL used in embed snippets, permalinks and oEmbed.' },
  { name: 'NODE_ENV', default: '(unset)', description: '`production` enforces the secure defaults: `ALLOWED_ORIGINS` must then be set explicitly (so must it whenever `PUBLIC_URL` is set).' },
  {
    name: 'ALLOWED_ORIGINS',
    default: '`*` (development only)',
    description: 'Comma-separated origins allowed to call the API and embed the widget and answer cards (CORS and frame-ancestors); `*` allows all. Required in production.',
  },
  { name: 'MAX_QUESTION_CHARS', default: '2000', description: 'Longest accepted question, in characters.' },
  { name: 'MAX_BODY_BYTES', default: '65536', description: 'Largest accepted request body (bytes), enforced while the body streams in; larger → 413.' },
  {
    name: 'MAX_HISTORY_TURNS',
    default: '12',
    description: 'Conversation turns (user + assistant messages) kept from `history`; older ones are dropped. `/a` permalinks accept at most half as many `h=` questions.',
  },
  { name: 'MAX_HISTORY_CHARS', default: '16000', description: 'Total characters of the history kept (newest turns first); `/a` permalinks whose `h=` questions exceed it are refused.' },
  { name: 'RATE_LIMIT_PER_MINUTE', default: '120', description: 'Requests per minute per client address on `/api/*`, `/v1/*`, `/a`, `/a/card`, `/oembed` (429 beyond); `0` turns the limit off.' },
  {
    name: 'TRUSTED_PROXIES',
    default: '(unset)',
    description: 'Comma-separated proxy addresses or CIDR ranges (e.g. `127.0.0.1,10.0.0.0/8`) whose `X-Forwarded-For` is believed for the client address.',
  },
  { name: 'LLM_MAX_CONCURRENCY', default: '4', description: 'LLM requests in flight at once; beyond it, 503 with `Retry-After`.' },
  { name: 'EMBEDDINGS_MAX_CONCURRENCY', default: '8', description: 'Query embeddings in flight at once; beyond it, 503 with `Retry-After`.' },
  { name: 'ANSWER_CACHE_SIZE', default: '500', description: 'Answers kept in memory for repeated questions (LRU); `0` turns the cache off.' },
  { name: 'RETRIEVAL_MODE', default: 'auto', description: '`auto` (hybrid when vectors exist, else lexical), `hybrid`, `lexical` or `dense`.' },
  { name: 'GLOSSARY', default: 'on', description: 'English→French glossary expansion of English questions (`on`/`off`).' },
  {
    name: 'RANKING_PARAMS',
    default: '(defaults)',
    description: 'JSON object overriding tunables of the answering pipeline, e.g. `{"minCoverage":0.3}` (names and defaults in server/pipeline/params.ts; `npm run tune` searches them).',
  },
  {
    name: 'LEXICON_LAYERS',
    default: 'termbase,dictionary,cognates',
    description:
      'Cross-lingual layers used with `GLOSSARY=on`, comma-separated: domain term base, Wiktionary dictionary, suffix cognates, and the opt-in `parallel` (term pairs from the parallel Canadian statutes, docs/term-base.md) (for ablations).',
  },
  { name: 'LOG_LEVEL', default: 'info', description: '`debug`, `info`, `warn`, `error` or `silent`.' },
  { name: 'ADMIN_TOKEN', default: '(unset)', description: 'Bearer token of `POST /api/admin/reload` (reloads the published index); the route answers 404 when unset.' },
  { name: 'INDEX_WATCH', default: 'on', description: 'Serve a newly published index without a restart: watch `INDEX_DIR` and swap when `npm run ingest` publishes (`on`/`off`).' },
  {
    name: 'INDEX_VERIFY',
    default: 'lazy',
    description:
      'How the server checks the index against its manifest: `lazy` hashes the small files at start and the paragraph bodies and postings 1 MiB chunk by chunk when first read (a corrupt chunk fails the request that reads it with 503 `index_corrupt`); `full` hashes every file before serving (slower start).',
  },
  { name: 'INGEST_MAX_FILE_MB', default: '20', description: 'Largest file `npm run ingest` accepts, in MB.' },
  { name: 'INGEST_MAX_DEPTH', default: '256', description: 'Deepest HTML element nesting (and Markdown quote/list nesting) ingest accepts.' },
  { name: 'INGEST_MAX_PARAGRAPHS', default: '20000', description: 'Most paragraphs one ingested document may yield.' },
  { name: 'INGEST_TIMEOUT_MS', default: '60000', description: 'Time allowed to convert one ingested file.' },
  { name: 'EMBEDDINGS_PROVIDER', default: 'transformers', description: '`transformers` (local transformers.js), `openai` (any OpenAI-compatible /v1/embeddings) or `none`.' },
  { name: 'EMBEDDINGS_MODEL', default: 'Xenova/multilingual-e5-small', description: 'Model id (transformers.js) or model name (OpenAI-compatible).' },
  { name: 'EMBEDDINGS_MODEL_DIR', default: '(unset)', description: 'Local directory holding transformers.js models (`<dir>/<model id>/…`); set it to run fully offline.' },
  { name: 'EMBEDDINGS_CACHE_DIR', default: '.cache/transformers', description: 'Where transformers.js caches downloaded models.' },
  { name: 'EMBEDDINGS_ALLOW_REMOTE', default: 'true', description: 'Allow transformers.js to download the model from the Hugging Face hub.' },
  { name: 'EMBEDDINGS_BASE_URL', default: '(unset)', description: 'Base URL of the OpenAI-compatible embeddings server, e.g. `http://localhost:11434/v1`.' },
  { name: 'EMBEDDINGS_API_KEY', default: '(unset)', description: 'Bearer token for the embeddings server.' },
  { name: 'EMBEDDINGS_QUERY_PREFIX', default: '`query: `', description: 'Prefix added to questions before embedding (e5 convention).' },
  { name: 'EMBEDDINGS_PASSAGE_PREFIX', default: '`passage: `', description: 'Prefix added to paragraphs before embedding.' },
  { name: 'EMBEDDINGS_BATCH_SIZE', default: '16', description: 'Texts per embedding batch; also the most concurrent questions embedded together in one inference call (micro-batching).' },
  { name: 'EMBEDDINGS_TIMEOUT_MS', default: '30000', description: 'Timeout of one embeddings HTTP request.' },
  { name: 'EMBEDDINGS_MAX_RETRIES', default: '2', description: 'Retries of a failed embeddings HTTP request.' },
  { name: 'EMBEDDINGS_RETRY_LOAD', default: 'false', description: 'Try again to load a model that failed before (otherwise ingest remembers the failure and stays lexical).' },
  {
    name: 'TRANSLATOR',
    default: 'none',
    description:
      'Machine translation of the texts at ingest, shown beside quotes in the other language: `none`, `libretranslate` (any LibreTranslate-compatible API at TRANSLATOR_URL), `llm` (the LLM_* endpoint) or `transformers` (local opus-mt models).',
  },
  { name: 'TRANSLATOR_URL', default: '(unset)', description: 'Base URL of the LibreTranslate-compatible API, e.g. `http://localhost:5000`.' },
  { name: 'TRANSLATOR_API_KEY', default: '(unset)', description: 'API key sent to the translation API.' },
  { name: 'TRANSLATOR_MODEL_FR_EN', default: 'Xenova/opus-mt-fr-en', description: 'transformers.js French→English model (read from EMBEDDINGS_MODEL_DIR / EMBEDDINGS_CACHE_DIR like the embedder).' },
  { name: 'TRANSLATOR_MODEL_EN_FR', default: 'Xenova/opus-mt-en-fr', description: 'transformers.js English→French model.' },
  { name: 'EMBEDDINGS_WORKERS', default: '1', description: 'Worker threads running transformers.js query embedding off the event loop; `0` runs it on the event loop.' },
  { name: 'EMBEDDINGS_THREADS', default: 'auto', description: 'onnxruntime threads per embedding worker; `auto` gives the workers the cores left after one for the event loop (at least 1).' },
  { name: 'EMBEDDINGS_QUERY_CACHE_SIZE', default: '1000', description: 'Query embeddings kept in memory (LRU keyed by model and normalised question); `0` turns the cache off.' },
  { name: 'HNSW_M', default: '16', description: 'hnswlib graph degree `M` of a newly built vector index (more: better recall, more memory).' },
  { name: 'HNSW_EF_CONSTRUCTION', default: '100', description: 'hnswlib `efConstruction` of a newly built vector index (more: better graph, slower ingest).' },
  { name: 'HNSW_EF_SEARCH', default: '64', description: 'hnswlib `ef` at query time (more: better recall, slower search; at least the number of candidates).' },
  { name: 'WORKERS', default: '1', description: 'Server processes sharing the port (`node:cluster`, Node only); each loads the index. `auto` = one per core.' },
  { name: 'ANSWERER', default: 'auto', description: '`extractive` (offline, no LLM), `llm`, or `auto` (llm when LLM_BASE_URL is set).' },
  { name: 'LLM_BASE_URL', default: '(unset)', description: 'Base URL of an OpenAI-compatible chat completions endpoint, e.g. `http://localhost:11434/v1`.' },
  { name: 'LLM_API_KEY', default: '(unset)', description: 'Bearer token for the LLM endpoint.' },
  { name: 'LLM_MODEL', default: 'gpt-4o-mini', description: 'Model name sent to the LLM endpoint.' },
  { name: 'LLM_TIMEOUT_MS', default: '60000', description: 'Total time allowed to one LLM request, streamed body included; past it the extractive answer is given, flagged `degraded`.' },
  { name: 'LLM_MAX_TOKENS', default: '800', description: '`max_tokens` sent to the LLM.' },
  { name: 'LLM_TEMPERATURE', default: '0', description: 'Sampling temperature of the LLM.' },
];

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? fallback : v;
}
function opt(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}
function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = opt(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new AppError('config_invalid', `${name} must be an integer between ${min} and ${max} (got "${raw}").`);
  return n;
}
function num(env: Env, name: string, fallback: number): number {
  const raw = opt(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new AppError('config_invalid', `${name} must be a number (got "${raw}").`);
  return n;
}
function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = opt(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new AppError('config_invalid', `${name} must be true/false or on/off (got "${raw}").`);
}
function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = opt(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new AppError('config_invalid', `${name} must be one of ${allowed.join(', ')} (got "${raw}").`);
  return raw as T;
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
/** Comma-separated IP addresses or CIDR ranges. */
function list(env: Env, name: string): string[] {
  const items = (opt(env, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items)
    if (!/^(?:[0-9A-Fa-f:.]+(?:\/\d{1,3})?|loopback|linklocal|uniquelocal)$/.test(item))
      throw new AppError('config_invalid', `${name} entries must be IP addresses or CIDR ranges such as 10.0.0.0/8 (got "${item}").`);
  return items;
}
function url(env: Env, name: string): string | undefined {
  const raw = opt(env, name);
  if (raw === undefined) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new AppError('config_invalid', `${name} must be an http(s) URL (got "${raw}").`);
  }
  return raw.replace(/\/+$/, '');
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

/**
 * Reads and validates the configuration from an environment object.
 * @example
 * const config = loadConfig(process.env);
 * console.log(config.port); // 8787
 */
export function loadConfig(env: Env = {}): Config {
  const production = opt(env, 'NODE_ENV') === 'production' || opt(env, 'PUBLIC_URL') !== undefined;
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
  return {
    port: int(env, 'PORT', 8787, 0, 65535),
    host: str(env, 'HOST', '127.0.0.1'),
    indexDir: str(env, 'INDEX_DIR', 'data/index'),
    corpusDir: str(env, 'CORPUS_DIR', 'corpus'),
    publicUrl: url(env, 'PUBLIC_URL'),
    allowedOrigins,
    maxQuestionChars: int(env, 'MAX_QUESTION_CHARS', 2000, 10, 100000),
    limits: {
      maxBodyBytes: int(env, 'MAX_BODY_BYTES', 65536, 1024, 64 * 1024 * 1024),
      maxHistoryTurns: int(env, 'MAX_HISTORY_TURNS', 12, 0, 1000),
      maxHistoryChars: int(env, 'MAX_HISTORY_CHARS', 16000, 0, 10000000),
      rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 120, 0, 1000000),
      trustedProxies: list(env, 'TRUSTED_PROXIES'),
      llmConcurrency: int(env, 'LLM_MAX_CONCURRENCY', 4, 1, 10000),
      embeddingsConcurrency: int(env, 'EMBEDDINGS_MAX_CONCURRENCY', 8, 1, 10000),
    },
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
    ingest: {
      maxFileBytes: int(env, 'INGEST_MAX_FILE_MB', 20, 1, 4096) * 1024 * 1024,
      maxDepth: int(env, 'INGEST_MAX_DEPTH', 256, 8, 100000),
      maxParagraphs: int(env, 'INGEST_MAX_PARAGRAPHS', 20000, 1, 10000000),
      timeoutMs: int(env, 'INGEST_TIMEOUT_MS', 60000, 100, 3600000),
    },
    embeddings: {
      provider,
      model: str(env, 'EMBEDDINGS_MODEL', 'Xenova/multilingual-e5-small'),
      modelDir: opt(env, 'EMBEDDINGS_MODEL_DIR'),
      cacheDir: str(env, 'EMBEDDINGS_CACHE_DIR', '.cache/transformers'),
      allowRemote: bool(env, 'EMBEDDINGS_ALLOW_REMOTE', true),
      baseUrl: embeddingsBaseUrl,
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
    },
    translator: {
      provider: translator,
      baseUrl: translatorUrl,
      apiKey: opt(env, 'TRANSLATOR_API_KEY'),
      modelFrEn: str(env, 'TRANSLATOR_MODEL_FR_EN', 'Xenova/opus-mt-fr-en'),
      modelEnFr: str(env, 'TRANSLATOR_MODEL_EN_FR', 'Xenova/opus-mt-en-fr'),
    },
    hnsw: {
      m: int(env, 'HNSW_M', 16, 2, 256),
      efConstruction: int(env, 'HNSW_EF_CONSTRUCTION', 100, 8, 4096),
      efSearch: int(env, 'HNSW_EF_SEARCH', 64, 1, 4096),
    },
    workers: opt(env, 'WORKERS')?.toLowerCase() === 'auto' ? 0 : int(env, 'WORKERS', 1, 1, 256),
    llm: {
      answerer,
      baseUrl: llmBaseUrl,
      apiKey: opt(env, 'LLM_API_KEY'),
      model: str(env, 'LLM_MODEL', 'gpt-4o-mini'),
      timeoutMs: int(env, 'LLM_TIMEOUT_MS', 60000, 100, 600000),
      temperature: num(env, 'LLM_TEMPERATURE', 0),
      maxTokens: int(env, 'LLM_MAX_TOKENS', 800, 1, 1000000),
    },
  };
}
