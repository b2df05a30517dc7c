/**
 * Local machine translation with transformers.js (`Xenova/opus-mt-fr-en`, `Xenova/opus-mt-en-fr`), loaded once per
 * direction from EMBEDDINGS_MODEL_DIR or the cache like the embedder. Used at ingest only.
 */
import type { Config } from '../server/config.js';
import { AppError } from '../server/errors.js';
import type { Translator } from '../server/translate/translator.js';
import type { Lang } from '../server/types.js';

type TranslationPipeline = (texts: string[], options?: Record<string, unknown>) => Promise<Array<{ translation_text: string }>>;
/** Loads a translation pipeline for a model id (injected in tests; transformers.js `pipeline('translation', id)` by default). */
export type PipelineLoader = (model: string) => Promise<TranslationPipeline>;

async function defaultLoader(config: Config): Promise<PipelineLoader> {
  const { env, pipeline } = await import('@xenova/transformers');
  env.cacheDir = config.embeddings.cacheDir;
  if (config.embeddings.modelDir) env.localModelPath = config.embeddings.modelDir;
  env.allowRemoteModels = config.embeddings.allowRemote;
  return async (model) => (await pipeline('translation', model, { quantized: true })) as unknown as TranslationPipeline;
}

/**
 * @example
 * const t = new TransformersTranslator(loadConfig(process.env));
 * await t.translate(['Bonjour.'], 'fr', 'en');
 */
export class TransformersTranslator implements Translator {
  readonly id: string;
  private readonly loaded = new Map<string, Promise<TranslationPipeline>>();

  constructor(
    private readonly config: Config,
    private readonly loader?: PipelineLoader,
  ) {
    this.id = `transformers:${config.translator.modelFrEn}+${config.translator.modelEnFr}`;
  }

  async translate(texts: string[], from: Lang, to: Lang): Promise<string[]> {
    if (!texts.length || from === to) return texts;
    const model = from === 'fr' ? this.config.translator.modelFrEn : this.config.translator.modelEnFr;
    let pipe = this.loaded.get(model);
    if (!pipe) {
      pipe = (this.loader ? Promise.resolve(this.loader) : defaultLoader(this.config)).then((load) => load(model));
      this.loaded.set(model, pipe);
    }
    try {
      const out = await (await pipe)(texts, { max_new_tokens: 512 });
      return out.map((o) => o.translation_text);
    } catch (err) {
      this.loaded.delete(model);
      throw new AppError('translation_failed', `Could not translate with ${model}: ${(err as Error).message}`);
    }
  }
}
