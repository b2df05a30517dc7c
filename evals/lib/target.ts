/** What the runner talks to: the app in-process (`app.request`) or a running server over HTTP. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { buildIndex } from '../../ingest/build-index.js';
import { createNodeRuntime } from '../../node/runtime.js';
import type { Config } from '../../server/config.js';
import { AppError } from '../../server/errors.js';
import { createLogger } from '../../server/logging/logger.js';
import { ANALYZER_ID, INDEX_FILES, INDEX_SCHEMA_VERSION, type IndexManifest } from '../../server/index-format.js';
import type { Translator } from '../../server/translate/translator.js';
import type { ChatRequest, ChatResponse, Paragraph } from '../../server/types.js';

export interface AskResult {
  response: ChatResponse | null;
  error?: string;
  latencyMs: number;
}

export interface DocumentParagraphs {
  documentId: string;
  paragraphs: Array<Pick<Paragraph, 'label' | 'text'>>;
}

export interface ChatTarget {
  readonly description: string;
  ask(request: ChatRequest): Promise<AskResult>;
  getDocument(id: string): Promise<DocumentParagraphs>;
  close(): Promise<void>;
}

type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

async function askVia(fetcher: Fetcher, request: ChatRequest, timeoutMs: number): Promise<AskResult> {
  const started = performance.now();
  try {
    const res = await fetcher('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const latencyMs = performance.now() - started;
    if (!res.ok) {
      let detail = text.slice(0, 300);
      try {
        const j = JSON.parse(text) as { error?: { code?: string; message?: string } };
        if (j.error) detail = `${j.error.code}: ${j.error.message}`;
      } catch {
        /* keep the raw text */
      }
      return { response: null, error: `HTTP ${res.status} ${detail}`, latencyMs };
    }
    return { response: JSON.parse(text) as ChatResponse, latencyMs };
  } catch (e) {
    return { response: null, error: (e as Error).message, latencyMs: performance.now() - started };
  }
}

async function documentVia(fetcher: Fetcher, id: string): Promise<DocumentParagraphs> {
  const res = await fetcher(`/api/documents/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET /api/documents/${id} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  const body = (await res.json()) as { paragraphs?: Paragraph[]; document?: { paragraphs?: Paragraph[] } };
  const paragraphs = body.paragraphs ?? body.document?.paragraphs;
  if (!Array.isArray(paragraphs)) throw new Error(`GET /api/documents/${id} returned no "paragraphs" array.`);
  return { documentId: id, paragraphs: paragraphs.map((p) => ({ label: String(p.label), text: String(p.text) })) };
}

/**
 * Target for a running server, e.g. `npm start` on port 8787.
 * @example
 * const target = httpTarget('http://127.0.0.1:8787');
 * const { response } = await target.ask({ question: 'Que dit le paragraphe 5 ?' });
 */
export function httpTarget(baseUrl: string, timeoutMs = 120_000): ChatTarget {
  const base = baseUrl.replace(/\/+$/, '');
  const fetcher: Fetcher = (p, init) => fetch(`${base}${p}`, init);
  return {
    description: `HTTP ${base}`,
    ask: (r) => askVia(fetcher, r, timeoutMs),
    getDocument: (id) => documentVia(fetcher, id),
    close: async () => {},
  };
}

/**
 * Target for an app in this process, driven through `app.request()`.
 * @example
 * const target = appTarget(app, 'lexical', () => runtime.close());
 */
export function appTarget(app: Pick<Hono, 'request'>, description: string, close: () => Promise<void> = async () => {}, timeoutMs = 120_000): ChatTarget {
  const fetcher: Fetcher = async (p, init) => app.request(p, init);
  return { description, ask: (r) => askVia(fetcher, r, timeoutMs), getDocument: (id) => documentVia(fetcher, id), close };
}

/** The slice of `node/runtime.ts` the runner uses. */
export interface NodeRuntime {
  app: Pick<Hono, 'request'>;
  close(): Promise<void>;
}

/**
 * True when the index directory holds a manifest (what `npm run ingest` writes last).
 * @example
 * indexExists(loadConfig(process.env)) // false before the first `npm run ingest`
 */
export function indexExists(config: Config): boolean {
  return existsSync(path.join(config.indexDir, INDEX_FILES.manifest));
}

/**
 * Builds the index with the ingest module (`buildIndex` of ingest/build-index.ts) when it is missing,
 * or always with `force`. Never skips silently: throws when the build fails or leaves no manifest.
 * @example
 * await ensureIndex(config, (line) => console.error(line));
 */
export async function ensureIndex(config: Config, log: (line: string) => void = () => {}, force = false, translator?: Translator): Promise<boolean> {
  if (!force && indexExists(config)) return false;
  log(force ? `Rebuilding the index in ${config.indexDir} with ingest/build-index.ts…` : `Index missing in ${config.indexDir}: building it with ingest/build-index.ts…`);
  await buildIndex({ config, log, force, ...(translator ? { translator } : {}) });
  if (!indexExists(config)) throw new Error(`buildIndex() finished but ${path.join(config.indexDir, INDEX_FILES.manifest)} is still missing.`);
  return true;
}

function builtWithOtherCode(config: Config): boolean {
  try {
    const m = JSON.parse(readFileSync(path.join(config.indexDir, INDEX_FILES.manifest), 'utf8')) as Partial<IndexManifest>;
    return m.schemaVersion !== INDEX_SCHEMA_VERSION || m.analyzer !== ANALYZER_ID;
  } catch {
    return true;
  }
}

/**
 * Starts the app in-process with `createNodeRuntime(config)`, building the index first when it is missing
 * and rebuilding it once when it was built by other code (schema or analyser version: `index_mismatch`).
 * Other mismatches (e.g. dense retrieval on an index without vectors) are thrown as they are.
 * @example
 * const runtime = await startRuntime(loadConfig({ ...process.env, RETRIEVAL_MODE: 'lexical' }));
 */
export async function startRuntime(config: Config, log: (line: string) => void = () => {}, translator?: Translator): Promise<NodeRuntime> {
  await ensureIndex(config, log, false, translator);
  try {
    return await createNodeRuntime(config, { buildIfMissing: false, logger: evalLogger(config) });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'index_mismatch' || !builtWithOtherCode(config)) throw e;
    log(`${e.message}`);
    await ensureIndex(config, log, true, translator);
    return createNodeRuntime(config, { buildIfMissing: false, logger: evalLogger(config) });
  }
}

/** Request lines would drown the runner's output: warnings and errors only, unless LOG_LEVEL=debug. */
function evalLogger(config: Config) {
  return createLogger({ level: config.logLevel === 'debug' ? 'debug' : config.logLevel === 'silent' ? 'silent' : 'warn', secrets: [config.llm.apiKey, config.embeddings.apiKey] });
}
