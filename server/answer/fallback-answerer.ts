/**
 * Safe failure for the LLM answerer: bounded concurrency, failures logged (redacted) and answered by the
 * extractive answerer, flagged `degraded: "llm_unavailable"`. Web-standard.
 */
import { AppError } from '../errors.js';
import { errorFields, maskSecrets, type Logger } from '../logging/logger.js';
import type { ConcurrencyLimiter } from '../security/concurrency.js';
import type { AnswerInput, AnswerResult, Answerer } from './answerer.js';
import type { UpstreamStatus } from './upstream-status.js';

export interface FallbackAnswererDeps {
  primary: Answerer;
  fallback: Answerer;
  limiter: ConcurrencyLimiter;
  status: UpstreamStatus;
  logger: Logger;
  /** Configured keys: masked if the upstream ever puts them in an answer (a proxy echoing its headers). */
  secrets?: ReadonlyArray<string | undefined>;
}

/** Separates the partial LLM text already streamed from the fallback answer. */
const STREAM_SEPARATOR = '\n\n';

/**
 * Wraps an LLM answerer. A full pool throws `busy` (503) before any work; an upstream failure or timeout (not a
 * caller abort) is logged and answered by `fallback`. When the LLM fails mid-stream, the fallback answer follows
 * the text already streamed, after a blank line; the final result (`done`) holds the fallback answer only.
 * @example
 * const answerer = new FallbackAnswerer({ primary: llm, fallback: new ExtractiveAnswerer(), limiter, status, logger });
 */
export class FallbackAnswerer implements Answerer {
  readonly name: string;
  constructor(private readonly deps: FallbackAnswererDeps) {
    this.name = deps.primary.name;
  }

  async answer(input: AnswerInput, signal?: AbortSignal): Promise<AnswerResult> {
    const release = this.deps.limiter.acquire('LLM');
    try {
      const result = await this.deps.primary.answer(input, signal);
      this.deps.status.succeeded();
      return { ...result, answer: this.#mask(result.answer) };
    } catch (err) {
      this.#failed(err, signal);
    } finally {
      release();
    }
    return { ...(await this.deps.fallback.answer(input, signal)), degraded: 'llm_unavailable' };
  }

  async *stream(input: AnswerInput, signal?: AbortSignal): AsyncGenerator<string, AnswerResult, void> {
    const release = this.deps.limiter.acquire('LLM');
    let streamed = false;
    try {
      const gen = this.deps.primary.stream(input, signal);
      const hold = Math.max(0, ...this.#secrets.map((x) => x.length - 1));
      let pending = '';
      let step = await gen.next();
      while (!step.done) {
        pending = this.#mask(pending + step.value);
        const cut = pending.length - hold;
        if (cut > 0) {
          streamed = true;
          yield pending.slice(0, cut);
          pending = pending.slice(cut);
        }
        step = await gen.next();
      }
      this.deps.status.succeeded();
      if (pending) yield pending;
      return { ...step.value, answer: this.#mask(step.value.answer) };
    } catch (err) {
      this.#failed(err, signal);
    } finally {
      release();
    }
    const fallback = this.deps.fallback.stream(input, signal);
    let step = await fallback.next();
    if (streamed && !step.done) yield STREAM_SEPARATOR;
    while (!step.done) {
      yield step.value;
      step = await fallback.next();
    }
    return { ...step.value, degraded: 'llm_unavailable' };
  }

  get #secrets(): string[] {
    return (this.deps.secrets ?? []).filter((x): x is string => typeof x === 'string' && x.length >= 4);
  }

  #mask(text: string): string {
    const secrets = this.#secrets;
    return secrets.length ? maskSecrets(text, secrets) : text;
  }

  /** Rethrows caller aborts; logs anything else and lets the caller fall back. */
  #failed(err: unknown, signal?: AbortSignal): void {
    if (signal?.aborted) throw err;
    const code = err instanceof AppError ? err.code : 'internal';
    this.deps.status.failed(code);
    this.deps.logger.warn('LLM failed; answering with the extractive answerer', { code, ...errorFields(err) });
  }
}
