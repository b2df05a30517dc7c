/** Bounded concurrency that refuses instead of queueing, for calls to paid or slow upstreams. Web-standard. */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';

/** Seconds a client is told to wait when an upstream pool is full. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * At most `max` holders at once; `tryAcquire` answers at once (no queue), so overload fails fast.
 * @example
 * const llm = new ConcurrencyLimiter(4);
 * const release = llm.tryAcquire();
 * if (!release) throw new AppError('busy');
 * try { await callLlm(); } finally { release(); }
 */
export class ConcurrencyLimiter {
  #inFlight = 0;
  constructor(readonly max: number) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  get full(): boolean {
    return this.#inFlight >= this.max;
  }

  /** A release function (idempotent), or `null` when the pool is full. */
  tryAcquire(): (() => void) | null {
    if (this.full) return null;
    this.#inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight--;
    };
  }

  /** Like {@link tryAcquire}, throwing `busy` (503) when full. */
  acquire(what: string): () => void {
    const release = this.tryAcquire();
    if (!release) throw new AppError('busy', `Too many ${what} requests in flight (${this.max}); try again in a few seconds.`);
    return release;
  }
}

/**
 * Answers 503 `busy` with `Retry-After` before any work when one of the pools is already full.
 * (A request that slips past it while the pool fills still gets `busy` from the pool itself.)
 * @example
 * app.use('/api/chat', overloadGuard([llmLimiter]));
 */
export function overloadGuard(limiters: ReadonlyArray<ConcurrencyLimiter | undefined>): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'POST' || c.req.method === 'GET') {
      if (limiters.some((l) => l?.full)) throw new AppError('busy');
    }
    await next();
  };
}
