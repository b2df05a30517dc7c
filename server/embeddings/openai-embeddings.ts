/** Embeddings from any OpenAI-compatible `POST {baseUrl}/embeddings` server (OpenAI, Ollama `/v1`, TEI, vLLM). Web-standard: only `fetch`. */
import { Embeddings } from '@langchain/core/embeddings';
import { AppError } from '../errors.js';

/** Options of {@link OpenAICompatibleEmbeddings}. */
export interface OpenAICompatibleEmbeddingsOptions {
  /** Base URL up to the version, e.g. `http://localhost:11434/v1`; `/embeddings` is appended. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` when set. */
  apiKey?: string;
  /** Model name sent in the body. */
  model: string;
  queryPrefix: string;
  passagePrefix: string;
  /** Texts per request. */
  batchSize: number;
  /** Timeout of one HTTP request (each retry gets a fresh one). */
  timeoutMs: number;
  /** Retries after a network error, a timeout, a 429 or a 5xx. */
  maxRetries: number;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** First backoff delay in ms, doubled on each retry (default 250). */
  retryBaseDelayMs?: number;
}

interface EmbeddingsResponse {
  data?: Array<{ embedding?: unknown; index?: unknown }>;
}

class RetryableError extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function snippet(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * LangChain `Embeddings` backed by an OpenAI-compatible embeddings endpoint.
 * Requests `{ model, input: string[] }` in batches, reads `data[].embedding` ordered by `index`,
 * retries network errors, timeouts, 429 and 5xx with exponential backoff, and never retries other 4xx.
 * Failures reject with `AppError('embeddings_unavailable')` naming the URL, status and a body snippet.
 * @example
 * const embeddings = new OpenAICompatibleEmbeddings({
 *   baseUrl: 'http://localhost:11434/v1', model: 'nomic-embed-text',
 *   queryPrefix: 'query: ', passagePrefix: 'passage: ', batchSize: 16, timeoutMs: 30000, maxRetries: 2,
 * });
 * const q = await embeddings.embedQuery('Qu’est-ce que l’apologie du terrorisme ?');
 */
export class OpenAICompatibleEmbeddings extends Embeddings {
  /** Stable id of the vectors this produces, e.g. `openai:nomic-embed-text@http://localhost:11434/v1`. */
  readonly modelId: string;
  private readonly options: OpenAICompatibleEmbeddingsOptions;
  private readonly url: string;

  constructor(options: OpenAICompatibleEmbeddingsOptions) {
    super({});
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new RangeError('batchSize must be a positive integer.');
    this.options = { ...options };
    const base = options.baseUrl.replace(/\/+$/, '');
    this.url = `${base}/embeddings`;
    this.modelId = openaiModelId(options.model, base);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return this.embed(documents.map((d) => this.options.passagePrefix + d));
  }

  async embedQuery(document: string): Promise<number[]> {
    const [v] = await this.embed([this.options.queryPrefix + document]);
    return v;
  }

  private async embed(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.options.batchSize) {
      out.push(...(await this.withRetries(texts.slice(i, i + this.options.batchSize))));
    }
    return out;
  }

  private async withRetries(input: string[]): Promise<number[][]> {
    const base = this.options.retryBaseDelayMs ?? 250;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request(input);
      } catch (err) {
        if (!(err instanceof RetryableError) || attempt >= this.options.maxRetries) {
          if (err instanceof RetryableError) {
            throw new AppError('embeddings_unavailable', `${err.message} (after ${attempt + 1} attempts)`, { cause: err.cause ?? err });
          }
          throw err;
        }
        await sleep(base * 2 ** attempt);
      }
    }
  }

  private async request(input: string[]): Promise<number[][]> {
    const doFetch = this.options.fetch ?? fetch;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: this.options.model, input }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const reason = timedOut ? `timed out after ${this.options.timeoutMs} ms` : `failed: ${err instanceof Error ? err.message : String(err)}`;
      throw new RetryableError(`Embeddings request to ${this.url} ${reason}`, { cause: err });
    }
    if (!res.ok) {
      const message = `Embeddings request to ${this.url} failed with HTTP ${res.status}: ${snippet(text) || '(empty body)'}`;
      if (res.status === 429 || res.status >= 500) throw new RetryableError(message);
      throw new AppError('embeddings_unavailable', message);
    }
    return this.parse(text, input.length);
  }

  private parse(text: string, expected: number): number[][] {
    let body: EmbeddingsResponse;
    try {
      body = JSON.parse(text) as EmbeddingsResponse;
    } catch {
      throw new AppError('embeddings_unavailable', `Embeddings response from ${this.url} is not JSON: ${snippet(text)}`);
    }
    const data = Array.isArray(body?.data) ? body.data : undefined;
    if (!data || data.length !== expected) {
      throw new AppError('embeddings_unavailable', `Embeddings response from ${this.url} has ${data?.length ?? 'no'} items in "data" for ${expected} inputs: ${snippet(text)}`);
    }
    const rows = data.map((item, position) => ({ index: typeof item.index === 'number' ? item.index : position, embedding: item.embedding }));
    rows.sort((a, b) => a.index - b.index);
    return rows.map(({ index, embedding }, position) => {
      if (index !== position) throw new AppError('embeddings_unavailable', `Embeddings response from ${this.url} has indexes that are not 0..${expected - 1}.`);
      if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((x) => typeof x === 'number')) {
        throw new AppError('embeddings_unavailable', `Embeddings response from ${this.url} item ${index} has no numeric "embedding" (base64 encoding is not supported).`);
      }
      return embedding as number[];
    });
  }
}

/**
 * Stable id of an OpenAI-compatible embedding model.
 * @example
 * openaiModelId('nomic-embed-text', 'http://localhost:11434/v1/'); // 'openai:nomic-embed-text@http://localhost:11434/v1'
 */
export function openaiModelId(model: string, baseUrl: string): string {
  return `openai:${model}@${baseUrl.replace(/\/+$/, '')}`;
}
