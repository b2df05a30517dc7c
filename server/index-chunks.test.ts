import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chunkedFileEntry } from '../node/index-layout.js';
import { ChunkVerifier } from './index-chunks.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('chunked checksums', () => {
  const bytes = Uint8Array.from({ length: 2500 }, (_, i) => i % 251);

  it('hashes pieces of any size into the same fixed-size chunks', () => {
    const whole = chunkedFileEntry([bytes], 1000);
    const pieces = chunkedFileEntry([bytes.subarray(0, 7), bytes.subarray(7, 1999), bytes.subarray(1999)], 1000);
    expect(pieces).toEqual(whole);
    expect(whole.chunks).toEqual([sha(bytes.subarray(0, 1000)), sha(bytes.subarray(1000, 2000)), sha(bytes.subarray(2000))]);
    expect(whole.sha256).toBe(sha(new TextEncoder().encode(whole.chunks!.join(''))));
  });

  it('verifies each chunk a range touches, once, and refuses a changed chunk naming the file', () => {
    const entry = chunkedFileEntry([bytes], 1000) as { chunkSize: number; chunks: string[] };
    let calls = 0;
    const counting = (b: Uint8Array) => {
      calls++;
      return sha(b);
    };
    const v = new ChunkVerifier('x.bin', bytes, entry, counting);
    v.ensure(990, 1010);
    expect(calls).toBe(2);
    v.ensure(0, 1500);
    expect(calls).toBe(2);
    expect(v.complete).toBe(false);
    v.ensureAll();
    expect(v.complete).toBe(true);
    const bad = bytes.slice();
    bad[2100] ^= 1;
    const w = new ChunkVerifier('x.bin', bad, entry, sha);
    expect(() => w.ensure(0, 2000)).not.toThrow();
    expect(() => w.ensure(2099, 2101)).toThrow(/x\.bin: chunk 2 .*differs/);
  });
});
