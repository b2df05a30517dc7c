/** Local sentence embeddings with transformers.js (ONNX), e5-style prefixes, mean pooling and L2 normalisation. */
import { Embeddings } from '@langchain/core/embeddings';
import type { FeatureExtractionPipeline } from '@xenova/transformers';
import { AppError } from '../errors.js';

/** Options of {@link TransformersEmbeddings}. */
export interface TransformersEmbeddingsOptions {
  /** Model id, e.g. `Xenova/multilingual-e5-small`; files are read from `<modelDir>/<model>/`. */
  model: string;
  /** Local directory holding models (`EMBEDDINGS_MODEL_DIR`). Unset: transformers.js' default. */
  modelDir?: string;
  /** Where transformers.js caches downloaded files. Unset: transformers.js' default. */
  cacheDir?: string;
  /** Allow downloads from the Hugging Face hub. */
  allowRemote: boolean;
  /** Prepended to queries (`query: ` for e5). */
  queryPrefix: string;
  /** Prepended to passages (`passage: ` for e5). */
  passagePrefix: string;
  /** Texts per inference call. */
  batchSize: number;
  /** Load `onnx/model_quantized.onnx` (default) rather than `onnx/model.onnx`. */
  quantized?: boolean;
  /** Forget a failed load so the next call tries again (default: the failure is kept for the process). */
  retryFailedLoad?: boolean;
}

type Extractor = FeatureExtractionPipeline;

interface MutableEnv {
  localModelPath: string;
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  cacheDir: string;
}

const loads = new Map<string, Promise<Extractor>>();
let loadQueue: Promise<unknown> = Promise.resolve();
let envDefaults: Pick<MutableEnv, 'localModelPath' | 'cacheDir'> | undefined;

function loadKey(o: TransformersEmbeddingsOptions): string {
  return JSON.stringify([o.model, o.modelDir ?? null, o.cacheDir ?? null, o.allowRemote, o.quantized ?? true]);
}

function loadError(o: TransformersEmbeddingsOptions, cause: unknown): AppError {
  const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/[.\s]+$/, '');
  const where = o.modelDir ? ` from "${o.modelDir}"` : '';
  const file = (o.quantized ?? true) ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
  return new AppError(
    'embeddings_unavailable',
    `Could not load the embedding model "${o.model}"${where} with transformers.js: ${reason}. ` +
      `To run offline, put config.json, tokenizer.json, tokenizer_config.json and ${file} in <dir>/${o.model}/, ` +
      'then set EMBEDDINGS_MODEL_DIR=<dir> and EMBEDDINGS_ALLOW_REMOTE=false (or set EMBEDDINGS_PROVIDER=none to stay lexical).',
    { cause },
  );
}

async function loadExtractor(o: TransformersEmbeddingsOptions): Promise<Extractor> {
  const { pipeline, env } = await import('@xenova/transformers');
  const e = env as unknown as MutableEnv;
  envDefaults ??= { localModelPath: e.localModelPath, cacheDir: e.cacheDir };
  e.allowLocalModels = true;
  e.allowRemoteModels = o.allowRemote;
  e.localModelPath = o.modelDir ?? envDefaults.localModelPath;
  e.cacheDir = o.cacheDir ?? envDefaults.cacheDir;
  return pipeline('feature-extraction', o.model, { quantized: o.quantized ?? true });
}

/**
 * The transformers.js `env` is global, so loads run one after another, each with its own settings.
 * A load (success or failure) is memoised per settings for the life of the process.
 */
function sharedExtractor(o: TransformersEmbeddingsOptions): Promise<Extractor> {
  const key = loadKey(o);
  const known = loads.get(key);
  if (known) return known;
  const run = loadQueue.then(() => loadExtractor(o));
  loadQueue = run.catch(() => undefined);
  const p = run.catch((err: unknown) => {
    if (o.retryFailedLoad && loads.get(key) === p) loads.delete(key);
    throw loadError(o, err);
  });
  loads.set(key, p);
  return p;
}

/**
 * LangChain `Embeddings` computed locally by transformers.js (e.g. multilingual-e5-small):
 * e5 prefixes, mean pooling over the attention mask, L2-normalised vectors.
 * The model is loaded lazily on first use; a failed load rejects with an `AppError('embeddings_unavailable')`
 * explaining how to run offline, and is not retried in the same process unless `retryFailedLoad`.
 * @example
 * const embeddings = new TransformersEmbeddings({
 *   model: 'Xenova/multilingual-e5-small', modelDir: 'models', allowRemote: false,
 *   queryPrefix: 'query: ', passagePrefix: 'passage: ', batchSize: 16,
 * });
 * const [v] = await embeddings.embedDocuments(['La loi du 24 juillet 2015 relative au renseignement.']);
 * const q = await embeddings.embedQuery('What does the 2015 intelligence law say?');
 * await embeddings.dimension(); // 384
 */
export class TransformersEmbeddings extends Embeddings {
  /** Stable id of the vectors this produces, e.g. `transformers:Xenova/multilingual-e5-small`. */
  readonly modelId: string;
  private readonly options: TransformersEmbeddingsOptions;
  private dimensionPromise?: Promise<number>;

  constructor(options: TransformersEmbeddingsOptions) {
    super({});
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new RangeError('batchSize must be a positive integer.');
    this.options = { ...options };
    this.modelId = transformersModelId(options.model, options.quantized ?? true);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return this.embed(documents.map((d) => this.options.passagePrefix + d));
  }

  async embedQuery(document: string): Promise<number[]> {
    const [v] = await this.embed([this.options.queryPrefix + document]);
    return v;
  }

  /**
   * Several queries (query prefix) in inference calls of up to `batchSize` texts: what a micro-batcher sends.
   * @example
   * const [a, b] = await embeddings.embedQueries(['Qu’est-ce que la loi ?', 'What is the law?']);
   */
  async embedQueries(queries: string[]): Promise<number[][]> {
    return this.embed(queries.map((q) => this.options.queryPrefix + q));
  }

  /**
   * Length of the vectors, found by embedding a probe (loads the model).
   * @example
   * const dim = await embeddings.dimension(); // 384 for multilingual-e5-small
   */
  async dimension(): Promise<number> {
    this.dimensionPromise ??= this.embed(['dimension probe']).then(([v]) => v.length);
    try {
      return await this.dimensionPromise;
    } catch (err) {
      this.dimensionPromise = undefined;
      throw err;
    }
  }

  private async embed(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const extractor = await sharedExtractor(this.options);
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.options.batchSize) {
      const batch = texts.slice(i, i + this.options.batchSize);
      const tensor = await extractor(batch, { pooling: 'mean', normalize: true });
      const [rows, dim] = tensor.dims;
      if (rows !== batch.length) throw new Error(`transformers.js returned ${rows} vectors for ${batch.length} texts.`);
      const data = tensor.data as Float32Array;
      for (let r = 0; r < rows; r++) out.push(Array.from(data.subarray(r * dim, (r + 1) * dim)));
    }
    return out;
  }
}

/**
 * Stable id of a transformers.js embedding model (`@fp32` marks the unquantized weights).
 * @example
 * transformersModelId('Xenova/multilingual-e5-small'); // 'transformers:Xenova/multilingual-e5-small'
 */
export function transformersModelId(model: string, quantized = true): string {
  return `transformers:${model}${quantized ? '' : '@fp32'}`;
}
