import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo.js';

describe('BoundedMemo', () => {
  it('computes a key once and keeps at most its limit of keys', () => {
    const memo = new BoundedMemo<string, number>(2);
    let calls = 0;
    const length = (k: string) => {
      calls++;
      return k.length;
    };
    expect(memo.get('ab', length)).toBe(2);
    expect(memo.get('ab', length)).toBe(2);
    expect(calls).toBe(1);
    memo.get('abc', length);
    memo.get('abcd', length); // full: emptied, then kept
    memo.get('ab', length);
    expect(calls).toBe(4);
  });
});
