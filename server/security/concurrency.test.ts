import { describe, expect, it } from 'vitest';
import type { AnswerInput, AnswerResult, Answerer } from '../answer/answerer.js';
import { FallbackAnswerer } from '../answer/fallback-answerer.js';
import { UpstreamStatus } from '../answer/upstream-status.js';
import { LimitedEmbeddings } from '../embeddings/limited-embeddings.js';
import { AppError } from '../errors.js';
import { silentLogger } from '../logging/logger.js';
import { ConcurrencyLimiter } from './concurrency.js';

const input = { question: 'q', language: 'fr', history: [], passages: [], queryTerms: [] } as AnswerInput;
const result = (answer: string): AnswerResult => ({ answer, abstained: false, citations: [] });

class Scripted implements Answerer {
  constructor(
    readonly name: string,
    private readonly chunks: string[],
    private readonly failAfter?: number,
  ) {}
  async answer(): Promise<AnswerResult> {
    if (this.failAfter !== undefined) throw new AppError('llm_failed', 'boom');
    return result(this.chunks.join(''));
  }
  async *stream(): AsyncGenerator<string, AnswerResult, void> {
    for (const [i, c] of this.chunks.entries()) {
      if (i === this.failAfter) throw new AppError('llm_failed', 'boom');
      yield c;
    }
    return result(this.chunks.join(''));
  }
}

const drain = async (gen: AsyncGenerator<string, AnswerResult, void>) => {
  const chunks: string[] = [];
  let step = await gen.next();
  while (!step.done) {
    chunks.push(step.value);
    step = await gen.next();
  }
  return { text: chunks.join(''), result: step.value };
};

const make = (primary: Answerer, limiter = new ConcurrencyLimiter(1), secrets: string[] = []) =>
  new FallbackAnswerer({ primary, fallback: new Scripted('extractive', ['extrait']), limiter, status: new UpstreamStatus(), logger: silentLogger, secrets });

describe('ConcurrencyLimiter', () => {
  it('refuses beyond max without queueing, and releases once', () => {
    const l = new ConcurrencyLimiter(2);
    const a = l.tryAcquire()!;
    l.tryAcquire();
    expect(l.full).toBe(true);
    expect(l.tryAcquire()).toBeNull();
    expect(() => l.acquire('LLM')).toThrow(expect.objectContaining({ code: 'busy', status: 503 }));
    a();
    a();
    expect(l.inFlight).toBe(1);
  });
});

describe('FallbackAnswerer', () => {
  it('falls back to the extractive answer, flagged, when the LLM fails before or during the stream', async () => {
    expect(await make(new Scripted('llm', ['a'], 0)).answer(input)).toMatchObject({ answer: 'extrait', degraded: 'llm_unavailable' });
    expect(await drain(make(new Scripted('llm', ['a', 'b'], 1)).stream(input))).toEqual({ text: 'a\n\nextrait', result: expect.objectContaining({ answer: 'extrait', degraded: 'llm_unavailable' }) });
  });

  it('throws busy when the pool is full, and frees the slot after each call', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = limiter.tryAcquire()!;
    await expect(make(new Scripted('llm', ['a']), limiter).answer(input)).rejects.toMatchObject({ code: 'busy' });
    release();
    await drain(make(new Scripted('llm', ['a'], 0), limiter).stream(input));
    expect(limiter.inFlight).toBe(0);
  });

  it('masks a configured key split across streamed chunks', async () => {
    const { text, result: r } = await drain(make(new Scripted('llm', ['la clé sk-se', 'cret-99 fin']), undefined, ['sk-secret-99']).stream(input));
    expect(text).toBe('la clé [REDACTED] fin');
    expect(r.answer).toBe('la clé [REDACTED] fin');
  });
});

describe('LimitedEmbeddings', () => {
  it('throws busy when full and records failures by code', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const status = new UpstreamStatus();
    const failing = new LimitedEmbeddings(
      {
        embedQuery: async () => {
          throw new Error('http://10.0.0.5 said no');
        },
        embedDocuments: async () => [],
      },
      limiter,
      status,
    );
    await expect(failing.embedQuery('x')).rejects.toThrow();
    expect(status.snapshot()).toMatchObject({ status: 'failing', lastError: 'embeddings_failed' });
    const release = limiter.tryAcquire()!;
    await expect(failing.embedQuery('x')).rejects.toMatchObject({ code: 'busy' });
    release();
  });
});
