/** What readiness reports about an upstream (LLM, embeddings): state only, never URLs, keys or bodies. Web-standard. */

export type UpstreamState = 'unknown' | 'ok' | 'failing';

/**
 * Tracks the outcome of the last calls to an upstream.
 * @example
 * const status = new UpstreamStatus();
 * status.failed('llm_failed');
 * status.snapshot(); // { status: 'failing', since: '…', consecutiveFailures: 1, lastError: 'llm_failed' }
 */
export class UpstreamStatus {
  #state: UpstreamState = 'unknown';
  #since = new Date().toISOString();
  #failures = 0;
  #lastError: string | undefined;

  succeeded(): void {
    if (this.#state !== 'ok') this.#since = new Date().toISOString();
    this.#state = 'ok';
    this.#failures = 0;
    this.#lastError = undefined;
  }

  /** `code` is an error code (`llm_failed`, `timeout`), never upstream text. */
  failed(code: string): void {
    if (this.#state !== 'failing') this.#since = new Date().toISOString();
    this.#state = 'failing';
    this.#failures++;
    this.#lastError = code;
  }

  snapshot(): { status: UpstreamState; since: string; consecutiveFailures: number; lastError?: string } {
    return { status: this.#state, since: this.#since, consecutiveFailures: this.#failures, ...(this.#lastError ? { lastError: this.#lastError } : {}) };
  }
}
