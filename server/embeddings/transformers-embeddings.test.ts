import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyModel, type TinyModel } from '../../tests/fixtures/tiny-model.js';
import { loadConfig } from '../config.js';
import { createEmbeddings, embeddingModelId } from './create-embeddings.js';
import { TransformersEmbeddings, type TransformersEmbeddingsOptions } from './transformers-embeddings.js';

let dir: string;
let tiny: TinyModel;

function make(options: Partial<TransformersEmbeddingsOptions> = {}): TransformersEmbeddings {
  return new TransformersEmbeddings({
    model: 'tiny/bert-e5',
    modelDir: dir,
    cacheDir: join(dir, '.cache'),
    allowRemote: false,
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    batchSize: 16,
    ...options,
  });
}

/** Mean of the rows of `[CLS] …tokens [SEP]` (+ the token-type-0 row the graph adds), L2-normalised. */
function expected(tokens: string[]): number[] {
  const ids = ['[CLS]', ...tokens, '[SEP]'].map((t) => tiny.id(t));
  const mean = Array.from({ length: tiny.dim }, (_, j) => ids.reduce((s, id) => s + tiny.wordEmbeddings[id][j], 0) / ids.length + tiny.typeEmbeddings[0][j]);
  const norm = Math.hypot(...mean);
  return mean.map((x) => x / norm);
}

function expectClose(actual: number[], wanted: number[], digits = 5): void {
  expect(actual).toHaveLength(wanted.length);
  actual.forEach((x, i) => expect(x).toBeCloseTo(wanted[i], digits));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tiny-model-'));
  tiny = await writeTinyModel(dir, 'tiny/bert-e5');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TransformersEmbeddings on a tiny offline ONNX model', () => {
  it('reports the dimension of the model and a stable model id', async () => {
    const embeddings = make();
    expect(embeddings.modelId).toBe('transformers:tiny/bert-e5');
    expect(await embeddings.dimension()).toBe(8);
    expect(make({ quantized: false }).modelId).toBe('transformers:tiny/bert-e5@fp32');
  });

  it('returns the L2-normalised mean of the token embedding rows, with the query prefix', async () => {
    const v = await make().embedQuery('What is the law?');
    expectClose(v, expected(['query', ':', 'what', 'is', 'the', 'law', '?']));
    expect(Math.hypot(...v)).toBeCloseTo(1, 6);
  });

  it('uses the passage prefix, lower-cases and splits WordPieces in documents', async () => {
    const [a, b] = await make().embedDocuments(['Paris, France.', 'TERRORISM attacks']);
    expectClose(a, expected(['passage', ':', 'paris', ',', 'france', '.']));
    expectClose(b, expected(['passage', ':', 'terror', '##ism', 'attack', '##s']));
    for (const v of [a, b]) expect(Math.hypot(...v)).toBeCloseTo(1, 6);
  });

  it('changes the vector when the query prefix changes the tokens', async () => {
    const prefixed = await make().embedQuery('la loi');
    const bare = await make({ queryPrefix: '' }).embedQuery('la loi');
    expectClose(prefixed, expected(['query', ':', 'la', 'loi']));
    expectClose(bare, expected(['la', 'loi']));
    expect(Math.max(...prefixed.map((x, i) => Math.abs(x - bare[i])))).toBeGreaterThan(1e-3);
  });

  it('gives the same vectors in batches (with padding) as one by one, in order', async () => {
    const texts = ['la loi', 'What is the law of France?', 'paris', 'le terrorism', 'a big attaque in paris, france.'];
    const batched = await make({ batchSize: 2 }).embedDocuments(texts);
    const single = make({ batchSize: 1 });
    const oneByOne: number[][] = [];
    for (const t of texts) oneByOne.push(...(await single.embedDocuments([t])));
    expect(batched).toHaveLength(texts.length);
    batched.forEach((v, i) => expectClose(v, oneByOne[i], 6));
    expectClose(batched[2], expected(['passage', ':', 'paris']));
    expect(await make().embedDocuments([])).toEqual([]);
  });

  it('loads onnx/model.onnx when quantized is false', async () => {
    await writeTinyModel(dir, 'tiny/full-only', { variants: ['full'] });
    const v = await make({ model: 'tiny/full-only', quantized: false }).embedQuery('paris');
    expectClose(v, expected(['query', ':', 'paris']));
    await expect(make({ model: 'tiny/full-only', quantized: true }).embedQuery('paris')).rejects.toThrow(/model_quantized\.onnx/);
  });

  it('rejects a missing model with a message naming the model and EMBEDDINGS_MODEL_DIR, and keeps the failure', async () => {
    const embeddings = make({ model: 'tiny/missing' });
    await expect(embeddings.embedQuery('paris')).rejects.toThrow(/EMBEDDINGS_MODEL_DIR/);
    await expect(embeddings.dimension()).rejects.toThrow(/"tiny\/missing"/);
    await writeTinyModel(dir, 'tiny/missing');
    await expect(embeddings.embedQuery('paris')).rejects.toThrow(/EMBEDDINGS_MODEL_DIR/);
    await expect(make({ model: 'tiny/missing' }).embedDocuments(['paris'])).rejects.toThrow(/EMBEDDINGS_MODEL_DIR/);
  });

  it('tries again after a failed load when retryFailedLoad is set', async () => {
    const embeddings = make({ model: 'tiny/later', retryFailedLoad: true });
    await expect(embeddings.embedQuery('paris')).rejects.toThrow(/tiny\/later/);
    await writeTinyModel(dir, 'tiny/later');
    expectClose(await embeddings.embedQuery('paris'), expected(['query', ':', 'paris']));
  });
});

describe('createEmbeddings / embeddingModelId', () => {
  it('builds TransformersEmbeddings from the config, with a matching model id', async () => {
    const config = loadConfig({
      EMBEDDINGS_MODEL: 'tiny/bert-e5',
      EMBEDDINGS_MODEL_DIR: dir,
      EMBEDDINGS_CACHE_DIR: join(dir, '.cache'),
      EMBEDDINGS_ALLOW_REMOTE: 'false',
      EMBEDDINGS_BATCH_SIZE: '2',
    }).embeddings;
    const embeddings = createEmbeddings(config);
    expect(embeddings).toBeInstanceOf(TransformersEmbeddings);
    expect(embeddings?.modelId).toBe('transformers:tiny/bert-e5');
    expect(embeddingModelId(config)).toBe(embeddings?.modelId);
    expectClose(await embeddings!.embedQuery('la loi'), expected(['query', ':', 'la', 'loi']));
  });

  it('returns null for provider none', () => {
    const config = loadConfig({ EMBEDDINGS_PROVIDER: 'none' }).embeddings;
    expect(createEmbeddings(config)).toBeNull();
    expect(embeddingModelId(config)).toBeNull();
    expect(embeddingModelId(loadConfig({}).embeddings)).toBe('transformers:Xenova/multilingual-e5-small');
  });
});
