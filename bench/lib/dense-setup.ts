/**
 * Setup of the dense-path bench: a multilingual-e5-small-shaped encoder with random weights (float32 and
 * int8, tests/fixtures/encoder-graph.ts) whose WordPiece vocabulary is the corpus' most frequent words, and
 * a hybrid index of the real corpus whose paragraph vectors are random unit vectors of the same dimension
 * (the weights are random anyway: only the speed of embedding and search is real).
 */
import path from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { mulberry32 } from '../../evals/lib/metrics.js';
import { buildIndex } from '../../ingest/build-index.js';
import { loadConfig, type Config } from '../../server/config.js';
import type { CorpusData } from '../../server/corpus/corpus-store.js';
import type { IdentifiedEmbeddings } from '../../server/embeddings/create-embeddings.js';
import { transformersModelId } from '../../server/embeddings/transformers-embeddings.js';
import { writeEncoderModel } from '../../tests/fixtures/tiny-model.js';

export const BENCH_MODEL = 'bench/e5-small-random';
export const BENCH_DIM = 384;

/** Random unit vectors (seeded by text), standing in for passage embeddings at ingest. */
class RandomEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  constructor(readonly modelId: string) {
    super({});
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }
  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }
  private vector(text: string): number[] {
    let seed = 7;
    for (let i = 0; i < text.length; i++) seed = (Math.imul(seed, 31) + text.charCodeAt(i)) >>> 0;
    const rand = mulberry32(seed);
    const v = Array.from({ length: BENCH_DIM }, () => rand() * 2 - 1);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  }
}

/**
 * The `size` most frequent lower-cased words of the corpus, the tokenizer's vocabulary.
 * @example
 * corpusWords(corpus, 8000).length // ≤ 8000
 */
export function corpusWords(corpus: CorpusData, size: number): string[] {
  const counts = new Map<string, number>();
  for (const p of corpus.paragraphs) for (const w of p.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, size)
    .map(([w]) => w);
}

/** Environment of a server (or runtime config) using the bench model in hybrid mode, caches off. */
export function denseEnv(modelDir: string, indexDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    INDEX_DIR: indexDir,
    EMBEDDINGS_PROVIDER: 'transformers',
    EMBEDDINGS_MODEL: BENCH_MODEL,
    EMBEDDINGS_MODEL_DIR: modelDir,
    EMBEDDINGS_CACHE_DIR: path.join(modelDir, '.cache'),
    EMBEDDINGS_ALLOW_REMOTE: 'false',
    EMBEDDINGS_QUERY_CACHE_SIZE: '0',
    RETRIEVAL_MODE: 'hybrid',
    ANSWERER: 'extractive',
    ANSWER_CACHE_SIZE: '0',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

export interface DenseSetup {
  modelDir: string;
  /** Vocabulary size of the generated tokenizer, and seconds to write the model files. */
  vocab: number;
  write_s: number;
  /** Hybrid index per variant (`int8`, `fp32`), its config, and paragraphs indexed. */
  indexes: Record<'int8' | 'fp32', { indexDir: string; config: Config } | undefined>;
  paragraphs: number;
}

/**
 * Writes the model variants and builds one hybrid index of the real corpus per variant under `workDir`.
 * @example
 * const setup = await prepareDense({ root, workDir, corpus, variants: ['int8'] });
 */
export async function prepareDense(o: { root: string; workDir: string; corpus: CorpusData; variants: Array<'int8' | 'fp32'> }): Promise<DenseSetup> {
  const modelDir = path.join(o.workDir, 'dense-models');
  const words = corpusWords(o.corpus, 8000);
  const t = performance.now();
  await writeEncoderModel(modelDir, BENCH_MODEL, { words, variants: o.variants.map((v) => (v === 'int8' ? 'quantized' : 'full')) });
  const write_s = (performance.now() - t) / 1000;
  const indexes: DenseSetup['indexes'] = { int8: undefined, fp32: undefined };
  let paragraphs = 0;
  for (const v of o.variants) {
    const indexDir = path.join(o.workDir, `dense-${v}`, 'index');
    const config = loadConfig({ ...denseEnv(modelDir, indexDir), CORPUS_DIR: path.join(o.root, 'corpus') });
    const built = await buildIndex({ config, force: true, embeddings: new RandomEmbeddings(transformersModelId(BENCH_MODEL, v === 'int8')) });
    paragraphs = built.manifest.paragraphs;
    indexes[v] = { indexDir, config };
  }
  return { modelDir, vocab: words.length, write_s, indexes, paragraphs };
}
