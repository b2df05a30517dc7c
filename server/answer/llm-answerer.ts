/** Optional answerer that asks any OpenAI-compatible chat completions endpoint, then validates its citations. Web-standard. */
import { getLines, getMessages, type EventSourceMessage } from '@langchain/core/utils/event_source_parse';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { AnswerInput, AnswerResult, Answerer } from './answerer.js';
import { leadingHead, renderTags, safeCut, validateLlmAnswer } from './llm-citations.js';
import { ERROR_SNIPPET_CHARS, parseDelta, readCapped, readOrAbort } from './llm-http.js';
import { ABSTENTION, abstention, buildMessages, type ChatMessage, NO_ANSWER } from './llm-prompt.js';

export { validateLlmAnswer } from './llm-citations.js';

export interface LlmAnswererOptions {
  /** Base URL of the endpoint, e.g. `http://localhost:11434/v1`; `/chat/completions` is appended. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` when set. */
  apiKey?: string;
  model: string;
  /** Total time of one request, streamed body included. */
  timeoutMs: number;
  temperature: number;
  /** `max_tokens` of the completion (unset: the endpoint's default). */
  maxTokens?: number;
  /** Fetch implementation (tests, Workers service bindings). Defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/** A stream longer than max_tokens × this many bytes is cut off: the endpoint is not honouring max_tokens. */
const CHARS_PER_TOKEN_CAP = 32;
const DEFAULT_TOKEN_CAP = 4096;

/**
 * Answerer backed by an OpenAI-compatible `POST {baseUrl}/chat/completions` endpoint (OpenAI, Ollama, vLLM, llama.cpp…).
 * The model cites numbered sources as `[S1]`; tags are checked against the retrieved passages and turned into
 * `[<short title>, §<label>]` markers. Unknown tags are dropped; an answer left without a valid citation, or `NO_ANSWER`,
 * becomes an abstention. Caller aborts propagate as is; HTTP errors and timeouts throw `AppError('llm_failed')`.
 * @example
 * const answerer = new LlmAnswerer({ baseUrl: 'http://localhost:11434/v1', model: 'qwen2.5:7b', timeoutMs: 60000, temperature: 0 });
 * const result = await answerer.answer({ question, language: 'fr', history: [], passages, queryTerms: [] });
 * for await (const chunk of answerer.stream(input)) process.stdout.write(chunk); // returns the validated AnswerResult
 */
export class LlmAnswerer implements Answerer {
  readonly name = 'llm';
  readonly #endpoint: string;
  readonly #options: LlmAnswererOptions;
  readonly #fetch: typeof fetch;

  constructor(options: LlmAnswererOptions) {
    if (!options.baseUrl) throw new AppError('config_invalid', 'LlmAnswerer needs a baseUrl.');
    this.#options = options;
    this.#endpoint = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /**
   * Builds the answerer from `config.llm`.
   * @example
   * const answerer = LlmAnswerer.fromConfig(loadConfig(env).llm);
   */
  static fromConfig(llm: Config['llm'], fetchImpl?: typeof fetch): LlmAnswerer {
    if (!llm.baseUrl) throw new AppError('config_invalid', 'The LLM answerer needs LLM_BASE_URL.');
    return new LlmAnswerer({ baseUrl: llm.baseUrl, apiKey: llm.apiKey, model: llm.model, timeoutMs: llm.timeoutMs, temperature: llm.temperature, maxTokens: llm.maxTokens, fetch: fetchImpl });
  }

  async answer(input: AnswerInput, signal?: AbortSignal): Promise<AnswerResult> {
    if (input.passages.length === 0) return abstention(input.language);
    const { response, timeout } = await this.#post(await buildMessages(input), false, signal);
    const content = await this.#readCompletion(response, timeout, signal);
    return validateLlmAnswer(content, input);
  }

  async *stream(input: AnswerInput, signal?: AbortSignal): AsyncGenerator<string, AnswerResult, void> {
    if (input.passages.length === 0) {
      yield ABSTENTION[input.language];
      return abstention(input.language);
    }
    const { response, timeout } = await this.#post(await buildMessages(input), true, signal);
    let raw = '';
    let pending = '';
    let started = false;
    let emitted = false;
    const emit = (text: string): string => {
      const out = emitted ? text : text.trimStart();
      if (out) emitted = true;
      return out;
    };
    for await (const delta of this.#deltas(response, timeout, signal)) {
      raw += delta;
      pending += delta;
      if (!started) {
        const head = leadingHead(raw);
        if (head.startsWith(NO_ANSWER)) break;
        if (NO_ANSWER.startsWith(head)) continue;
        started = true;
      }
      const cut = safeCut(pending);
      if (cut === 0) continue;
      const out = emit(renderTags(pending.slice(0, cut), input));
      pending = pending.slice(cut);
      if (out) yield out;
    }
    const result = validateLlmAnswer(raw, input);
    if (!leadingHead(raw).startsWith(NO_ANSWER)) {
      const out = emit(renderTags(pending, input).trimEnd());
      if (out) yield out;
    }
    if (result.abstained && !emitted) yield result.answer;
    return result;
  }

  async #post(messages: ChatMessage[], stream: boolean, signal?: AbortSignal): Promise<{ response: Response; timeout: AbortSignal }> {
    const { model, temperature, apiKey, timeoutMs, maxTokens } = this.#options;
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    let response: Response;
    try {
      response = await this.#fetch(this.#endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model, temperature, messages, stream, ...(maxTokens ? { max_tokens: maxTokens } : {}) }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      throw this.#failure(err, timeout, signal);
    }
    if (!response.ok) {
      const body = (await readCapped(response, 64 * 1024, signal ? AbortSignal.any([signal, timeout]) : timeout).catch(() => ({ text: '' }))).text;
      const snippet = body.replace(/\s+/g, ' ').trim().slice(0, ERROR_SNIPPET_CHARS);
      throw new AppError('llm_failed', `LLM endpoint returned HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${snippet ? `: ${snippet}` : ''}`);
    }
    return { response, timeout };
  }

  async #readCompletion(response: Response, timeout: AbortSignal, signal?: AbortSignal): Promise<string> {
    let json: unknown;
    try {
      const cap = (this.#options.maxTokens ?? DEFAULT_TOKEN_CAP) * CHARS_PER_TOKEN_CAP + 64 * 1024;
      const body = await readCapped(response, cap, signal ? AbortSignal.any([signal, timeout]) : timeout);
      if (body.truncated) throw new AppError('llm_failed', `LLM completion exceeded ${cap} bytes (max_tokens not honoured).`);
      json = JSON.parse(body.text);
    } catch (err) {
      throw this.#failure(err, timeout, signal, 'LLM endpoint returned invalid JSON');
    }
    const content = (json as { choices?: Array<{ message?: { content?: unknown } }> }).choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new AppError('llm_failed', `LLM endpoint returned no message content: ${JSON.stringify(json).slice(0, ERROR_SNIPPET_CHARS)}`);
    return content;
  }

  async *#deltas(response: Response, timeout: AbortSignal, signal?: AbortSignal): AsyncGenerator<string, void, void> {
    if (/application\/json/i.test(response.headers.get('content-type') ?? '')) {
      yield await this.#readCompletion(response, timeout, signal);
      return;
    }
    if (!response.body) throw new AppError('llm_failed', 'LLM endpoint returned an empty stream.');
    const events: EventSourceMessage[] = [];
    const feed = getLines(getMessages((message) => events.push(message)));
    const reader = response.body.getReader();
    const stop = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const cap = (this.#options.maxTokens ?? DEFAULT_TOKEN_CAP) * CHARS_PER_TOKEN_CAP;
    let received = 0;
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await readOrAbort(reader, stop);
        } catch (err) {
          throw this.#failure(err, timeout, signal);
        }
        received += chunk.value?.length ?? 0;
        if (received > cap) throw new AppError('llm_failed', `LLM stream exceeded ${cap} bytes (max_tokens not honoured).`);
        if (chunk.done) feed(new Uint8Array(), true);
        else feed(chunk.value);
        for (const event of events.splice(0)) {
          const data = event.data.trim();
          if (!data) continue;
          if (data === '[DONE]') return;
          const delta = parseDelta(data);
          if (delta) yield delta;
        }
        if (chunk.done) return;
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }

  #failure(err: unknown, timeout: AbortSignal, signal: AbortSignal | undefined, what = 'LLM request failed'): unknown {
    if (err instanceof AppError) return err;
    if (signal?.aborted) return signal.reason ?? err;
    if (timeout.aborted) return new AppError('llm_failed', `LLM request timed out after ${this.#options.timeoutMs} ms.`, { cause: err });
    return new AppError('llm_failed', `${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
