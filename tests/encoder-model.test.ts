/** The random-weight encoder of the dense bench loads through transformers.js, float32 and int8, at a small shape. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransformersEmbeddings } from '../server/embeddings/transformers-embeddings.js';
import { writeEncoderModel } from './fixtures/tiny-model.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'encoder-model-'));
  await writeEncoderModel(dir, 'bench/small-encoder', { words: ['la', 'loi', 'du', 'terrorisme', 'what', 'is', 'the', 'law'], shape: { layers: 2, hidden: 32, heads: 4, intermediate: 64 } });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeEncoderModel', () => {
  it.each([true, false])('gives normalised vectors of the hidden size, batched like single (quantized %s)', async (quantized) => {
    const e = new TransformersEmbeddings({
      model: 'bench/small-encoder',
      modelDir: dir,
      cacheDir: join(dir, '.cache'),
      allowRemote: false,
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
      batchSize: 8,
      quantized,
    });
    const [a, b] = await e.embedQueries(['la loi du terrorisme', 'What is the law?']);
    expect(a).toHaveLength(32);
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
    expect(a).not.toEqual(b);
    const single = await e.embedQuery('What is the law?');
    single.forEach((x, i) => expect(x).toBeCloseTo(b[i], 4));
  });
});
