import { Embeddings } from '@langchain/core/embeddings';
import { describe, expect, it } from 'vitest';
import { CachedQueryEmbeddings, queryCacheKey } from './cached-embeddings.js';

class Counting extends Embeddings {
  calls: string[] = [];
  failNext = false;
  constructor(readonly modelId = 'test:model') {
    super({});
  }
  async embedQuery(text: string): Promise<number[]> {
    this.calls.push(text);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('inference failed');
    }
    return [text.length, this.calls.length];
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.calls.push(...texts);
    return texts.map((t) => [t.length]);
  }
}

describe('CachedQueryEmbeddings', () => {
  it('keys on the model id and the NFC, space-collapsed query, keeping case', () => {
    expect(queryCacheKey('m', '  la   loi\n')).toBe(queryCacheKey('m', 'la loi'));
    expect(queryCacheKey('m', 'de\u0301lit')).toBe(queryCacheKey('m', 'délit'));
    expect(queryCacheKey('m', 'Loi')).not.toBe(queryCacheKey('m', 'loi'));
    expect(queryCacheKey('a', 'loi')).not.toBe(queryCacheKey('b', 'loi'));
  });

  it('computes a query once, shares concurrent calls and returns copies', async () => {
    const inner = new Counting();
    const cached = new CachedQueryEmbeddings(inner, 10);
    expect(cached.modelId).toBe('test:model');
    const [a, b] = await Promise.all([cached.embedQuery('la loi'), cached.embedQuery(' la  loi ')]);
    expect(a).toEqual([6, 1]);
    expect(b).toEqual(a);
    a[0] = 99;
    expect(await cached.embedQuery('la loi')).toEqual([6, 1]);
    expect(inner.calls).toEqual(['la loi']);
    expect(cached.stats).toEqual({ hits: 2, misses: 1, size: 1 });
  });

  it('evicts the least recently used query beyond its size', async () => {
    const inner = new Counting();
    const cached = new CachedQueryEmbeddings(inner, 2);
    await cached.embedQuery('a');
    await cached.embedQuery('b');
    await cached.embedQuery('a');
    await cached.embedQuery('c');
    await cached.embedQuery('a');
    await cached.embedQuery('b');
    expect(inner.calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('does not keep failures, and passes documents through', async () => {
    const inner = new Counting();
    const cached = new CachedQueryEmbeddings(inner, 10);
    inner.failNext = true;
    await expect(cached.embedQuery('x')).rejects.toThrow('inference failed');
    expect(await cached.embedQuery('x')).toEqual([1, 2]);
    expect(await cached.embedDocuments(['ab', 'ab'])).toEqual([[2], [2]]);
    expect(inner.calls).toEqual(['x', 'x', 'ab', 'ab']);
  });
});
