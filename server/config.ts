/** The one place that reads configuration. Pass it `process.env` (Node) or the Workers `env`. */
import { AppError } from './errors.js';

export type EmbeddingsProvider = 'transformers' | 'openai' | 'none';
export type RetrievalSetting = 'auto' | 'hybrid' | 'lexical' | 'dense';
export type AnswererSetting = 'auto' | 'extractive' | 'llm';

export interface Config {
  port: number;
  host: string;
  indexDir: string;
  corpusDir: string;
  publicUrl?: string;
  allowedOrigins: string[] | '*';
  maxQuestionChars: number;
  answerCacheSize: number;
  retrievalMode: RetrievalSetting;
  glossary: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
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
  };
}

/** Every environment variable the app reads, with its default, for the README and `--help`. */
export const ENV_VARS: ReadonlyArray<{ name: string; default: string; description: string }> = [
  { name: 'PORT', default: '8787', description: 'HTTP port of `npm start`.' },
  { name: 'HOST', default: '127.0.0.1', description: 'Interface to listen on (`0.0.0.0` to expose).' },
  { name: 'INDEX_DIR', default: 'data/index', description: 'Directory of the built index.' },
  { name: 'CORPUS_DIR', default: 'corpus', description: 'Directory of the vendored corpus (`corpus.json` + texts).' },
  { name: 'PUBLIC_URL', default: '(request origin)', description: 'Public base URL used in embed snippets, permalinks and oEmbed.' },
  { name: 'ALLOWED_ORIGINS', default: '*', description: 'Comma-separated origins allowed to call the API and embed the widget (CORS and frame-ancestors); `*` allows all.' },
  { name: 'MAX_QUESTION_CHARS', default: '2000', description: 'Longest accepted question, in characters.' },
  { name: 'ANSWER_CACHE_SIZE', default: '500', description: 'Answers kept in memory for repeated questions (LRU); `0` turns the cache off.' },
  { name: 'RETRIEVAL_MODE', default: 'auto', description: '`auto` (hybrid when vectors exist, else lexical), `hybrid`, `lexical` or `dense`.' },
  { name: 'GLOSSARY', default: 'on', description: 'English→French glossary expansion of English questions (`on`/`off`).' },
  { name: 'LOG_LEVEL', default: 'info', description: '`debug`, `info`, `warn`, `error` or `silent`.' },
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
  { name: 'LLM_TIMEOUT_MS', default: '60000', description: 'Timeout of one LLM request.' },
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

/**
 * Reads and validates the configuration from an environment object.
 * @example
 * const config = loadConfig(process.env);
 * console.log(config.port); // 8787
 */
export function loadConfig(env: Env = {}): Config {
  const origins = str(env, 'ALLOWED_ORIGINS', '*').trim();
  const allowedOrigins: string[] | '*' = origins === '*' ? '*' : origins.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
  if (allowedOrigins !== '*') for (const o of allowedOrigins) if (!/^https?:\/\/[^/]+$/.test(o)) throw new AppError('config_invalid', `ALLOWED_ORIGINS entries must look like https://example.org (got "${o}").`);
  const provider = oneOf<EmbeddingsProvider>(env, 'EMBEDDINGS_PROVIDER', 'transformers', ['transformers', 'openai', 'none']);
  const embeddingsBaseUrl = url(env, 'EMBEDDINGS_BASE_URL');
  if (provider === 'openai' && !embeddingsBaseUrl) throw new AppError('config_invalid', 'EMBEDDINGS_PROVIDER=openai needs EMBEDDINGS_BASE_URL.');
  const llmBaseUrl = url(env, 'LLM_BASE_URL');
  const answerer = oneOf<AnswererSetting>(env, 'ANSWERER', 'auto', ['auto', 'extractive', 'llm']);
  if (answerer === 'llm' && !llmBaseUrl) throw new AppError('config_invalid', 'ANSWERER=llm needs LLM_BASE_URL.');
  return {
    port: int(env, 'PORT', 8787, 0, 65535),
    host: str(env, 'HOST', '127.0.0.1'),
    indexDir: str(env, 'INDEX_DIR', 'data/index'),
    corpusDir: str(env, 'CORPUS_DIR', 'corpus'),
    publicUrl: url(env, 'PUBLIC_URL'),
    allowedOrigins,
    maxQuestionChars: int(env, 'MAX_QUESTION_CHARS', 2000, 10, 100000),
    answerCacheSize: int(env, 'ANSWER_CACHE_SIZE', 500, 0, 1000000),
    retrievalMode: oneOf<RetrievalSetting>(env, 'RETRIEVAL_MODE', 'auto', ['auto', 'hybrid', 'lexical', 'dense']),
    glossary: bool(env, 'GLOSSARY', true),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error', 'silent'] as const),
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
    },
  };
}
