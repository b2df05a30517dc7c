/**
 * Serves whichever index generation is current and swaps generations atomically: a reload loads a complete
 * new generation through the injected loader (Node reads and verifies files; nothing here touches a disk),
 * then replaces one reference. A request keeps the generation it started on, so requests in flight finish
 * on the old index and none fails; the old generation's `close` (its embedding worker pool) runs once those
 * requests have finished (a streamed answer, once its stream ends). Until a first generation loads, every route answers 503 `index_not_ready`
 * and `/healthz/ready` says why; once one is loaded, `/healthz/ready` is the generation's own when it has one.
 * Web-standard.
 */
import { Hono } from 'hono';
import { securityHeaders } from '../security/headers.js';
import { AppError } from '../errors.js';

/** One loaded index with the app that serves it. */
export interface Generation {
  /** Identifies the index build (never a path). */
  id: string;
  app: Hono;
  documents: number;
  paragraphs: number;
  /** Releases what the generation holds; called once, after it is replaced and its requests finished. */
  close?: () => Promise<void>;
}

/** A generation with its requests in flight, and whether it has been replaced. */
interface Served<G> {
  generation: G;
  inFlight: number;
  retired: boolean;
  closed?: Promise<void>;
}

/** Why an index could not be loaded: a reason for people and, when a file is at fault, its bare name. */
export interface LoadFailure {
  code: string;
  message: string;
  file?: string;
}

export type Readiness =
  | { ready: true; index: { build: string; documents: number; paragraphs: number; loadedAt: string }; lastReloadError?: LoadFailure }
  | { ready: false; reason: LoadFailure | { code: 'loading'; message: string } };

export interface ReloadOutcome {
  reloaded: boolean;
  build?: string;
  error?: LoadFailure;
}

export interface ReloadableOptions<G extends Generation> {
  load: () => Promise<G>;
  /** Turns a loader error into what readiness and the reload route show (no paths). */
  describe: (err: unknown) => LoadFailure;
  /** Bearer token of `POST /api/admin/reload`; the route is absent when unset. */
  adminToken?: string;
  log?: (line: string) => void;
}

async function digest(s: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
}

/** Constant-time comparison of a presented token with the configured one (through their digests). */
async function tokenMatches(presented: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(presented), digest(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * An app whose index can be swapped while it serves.
 * @example
 * const r = new ReloadableApp({ load: loadGeneration, describe: (e) => ({ code: 'index_corrupt', message: String(e) }) });
 * await r.reload();
 * const res = await r.app.request('/api/documents');
 */
export class ReloadableApp<G extends Generation> {
  readonly app = new Hono();
  private served: Served<G> | null = null;
  private readonly retiring = new Set<Served<G>>();
  private loadedAt = '';
  private failure: LoadFailure | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ReloadableOptions<G>) {
    // nosniff and Referrer-Policy also on what this wrapper answers itself (not ready, admin reload).
    this.app.use('*', securityHeaders());
    this.app.get('/healthz/ready', async (c) => {
      const g = this.served;
      if (g) {
        const res = await this.serve(g, c.req.raw, c.env);
        if (res.status !== 404) {
          // The serving app's report (LLM, embeddings) merged with this wrapper's (build, last reload error).
          const own = this.readiness();
          const body = (await res.json()) as Record<string, unknown> & { index?: Record<string, unknown> };
          const headers = new Headers(res.headers);
          headers.delete('content-length');
          return new Response(JSON.stringify({ ...own, ...body, index: { ...(own.ready ? own.index : {}), ...body.index } }), { status: res.status, headers });
        }
      }
      const r = this.readiness();
      return c.json(r, r.ready ? 200 : 503);
    });
    this.app.post('/api/admin/reload', async (c) => {
      const token = this.options.adminToken;
      if (!token) throw new AppError('not_found', 'No route for POST /api/admin/reload (set ADMIN_TOKEN to enable it).');
      const presented = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
      if (!(await tokenMatches(presented, token))) throw new AppError('unauthorized');
      const outcome = await this.reload();
      if (outcome.error) return c.json({ error: { code: outcome.error.code, message: outcome.error.message }, serving: this.current()?.id ?? null }, 503);
      return c.json({ reloaded: true, index: { build: outcome.build, documents: this.current()!.documents, paragraphs: this.current()!.paragraphs } });
    });
    this.app.all('*', (c) => {
      const g = this.served;
      if (!g) throw new AppError('index_not_ready', this.failure ? `The index is not ready: ${this.failure.message}` : undefined);
      return this.serve(g, c.req.raw, c.env);
    });
    this.app.onError((err, c) => {
      if (err instanceof AppError) return c.json(err.toJSON(), err.status as 400);
      return c.json(new AppError('internal').toJSON(), 500);
    });
  }

  /** The generation serving new requests, or null before the first successful load. */
  current(): G | null {
    return this.served?.generation ?? null;
  }

  /** Generations replaced whose requests are still in flight (their `close` has not run yet). */
  draining(): number {
    return [...this.retiring].filter((s) => !s.closed).length;
  }

  /**
   * Closes every generation now, the current one and those still draining (shutdown); routes keep answering
   * from the current one, as before.
   * @example
   * process.on('SIGTERM', () => void reloadable.close());
   */
  async close(): Promise<void> {
    const all = [...this.retiring, ...(this.served ? [this.served] : [])];
    await Promise.all(all.map((s) => this.closeServed(s)));
  }

  /** Serves a request on generation `s`; with a `close` to call later, counts it in flight until its response (or its stream) ends. */
  private async serve(s: Served<G>, req: Request, env: unknown): Promise<Response> {
    if (!s.generation.close) return s.generation.app.fetch(req, env);
    s.inFlight++;
    let res: Response;
    try {
      res = await s.generation.app.fetch(req, env);
    } catch (err) {
      this.release(s);
      throw err;
    }
    if (!res.body || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      this.release(s);
      return res;
    }
    const reader = res.body.getReader();
    let open = true;
    const end = () => {
      if (open) this.release(s);
      open = false;
    };
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const chunk = await reader.read();
          if (!chunk.done) return controller.enqueue(chunk.value);
          end();
          controller.close();
        } catch (err) {
          end();
          controller.error(err);
        }
      },
      cancel(reason) {
        end();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  }

  private release(s: Served<G>): void {
    s.inFlight--;
    if (s.retired && s.inFlight === 0) void this.closeServed(s);
  }

  private closeServed(s: Served<G>): Promise<void> {
    s.closed ??= (async () => {
      try {
        await s.generation.close?.();
      } catch (err) {
        (this.options.log ?? (() => {}))(`Closing index ${s.generation.id} failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        this.retiring.delete(s);
      }
    })();
    return s.closed;
  }

  /**
   * Readiness for `/healthz/ready`: ready once a verified index is loaded (a failed reload keeps the old one
   * serving and is reported as `lastReloadError`).
   */
  readiness(): Readiness {
    const g = this.current();
    if (!g) return { ready: false, reason: this.failure ?? { code: 'loading', message: 'The index is loading.' } };
    return { ready: true, index: { build: g.id, documents: g.documents, paragraphs: g.paragraphs, loadedAt: this.loadedAt }, ...(this.failure ? { lastReloadError: this.failure } : {}) };
  }

  /** Loads a new generation and swaps it in on success; reloads run one at a time, in order. */
  reload(): Promise<ReloadOutcome> {
    const run = this.queue.then(() => this.loadAndSwap());
    this.queue = run;
    return run;
  }

  private async loadAndSwap(): Promise<ReloadOutcome> {
    const log = this.options.log ?? (() => {});
    try {
      const next = await this.options.load();
      const previous = this.current();
      this.retire(this.served);
      this.served = { generation: next, inFlight: 0, retired: false };
      this.loadedAt = new Date().toISOString();
      this.failure = null;
      log(`Index ${next.id} serving: ${next.documents} documents, ${next.paragraphs} paragraphs${previous && previous.id !== next.id ? ` (was ${previous.id})` : ''}.`);
      return { reloaded: true, build: next.id };
    } catch (err) {
      this.failure = this.options.describe(err);
      log(`${this.served ? `Reload failed, still serving index ${this.served.generation.id}` : 'NOT READY: no index is served'}: ${err instanceof Error ? err.message : String(err)}`);
      return { reloaded: false, error: this.failure };
    }
  }

  /** A replaced generation closes now if idle, else when its last request ends. */
  private retire(s: Served<G> | null): void {
    if (!s) return;
    s.retired = true;
    this.retiring.add(s);
    if (s.inFlight === 0) void this.closeServed(s);
  }
}
