/** Builds the configured embeddings provider. */
import type { Embeddings } from '@langchain/core/embeddings';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { OpenAICompatibleEmbeddings, openaiModelId } from './openai-embeddings.js';
import { TransformersEmbeddings, transformersModelId, type TransformersEmbeddingsOptions } from './transformers-embeddings.js';

/** Embeddings that also say which model produced their vectors. */
export type IdentifiedEmbeddings = Embeddings & { modelId: string };

/**
 * Creates the embeddings provider of the configuration, or `null` for provider `none`.
 * Nothing is loaded or requested until the first embedding call.
 * @example
 * const embeddings = createEmbeddings(loadConfig(process.env).embeddings);
 * if (embeddings) console.log(embeddings.modelId); // 'transformers:Xenova/multilingual-e5-small'
 */
export function createEmbeddings(config: Config['embeddings']): IdentifiedEmbeddings | null {
  switch (config.provider) {
    case 'none':
      return null;
    case 'transformers':
      return new TransformersEmbeddings(transformersOptions(config));
    case 'openai':
      return new OpenAICompatibleEmbeddings({
        baseUrl: requireBaseUrl(config),
        apiKey: config.apiKey,
        model: config.model,
        queryPrefix: config.queryPrefix,
        passagePrefix: config.passagePrefix,
        batchSize: config.batchSize,
        timeoutMs: config.timeoutMs,
        maxRetries: config.maxRetries,
      });
  }
}

/**
 * The `TransformersEmbeddings` options of the configuration (also what the Node worker pool passes to its workers).
 * @example
 * new TransformersEmbeddings(transformersOptions(loadConfig(process.env).embeddings));
 */
export function transformersOptions(config: Config['embeddings']): TransformersEmbeddingsOptions {
  return {
    model: config.model,
    modelDir: config.modelDir,
    cacheDir: config.cacheDir,
    allowRemote: config.allowRemote,
    queryPrefix: config.queryPrefix,
    passagePrefix: config.passagePrefix,
    batchSize: config.batchSize,
    retryFailedLoad: config.retryFailedLoad,
  };
}

/**
 * Stable id of the configured embedding model, stored with an index to detect a model change;
 * `null` for provider `none`. Equals `createEmbeddings(config)?.modelId`.
 * @example
 * embeddingModelId(loadConfig({}).embeddings); // 'transformers:Xenova/multilingual-e5-small'
 * embeddingModelId(loadConfig({ EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_BASE_URL: 'http://localhost:11434/v1', EMBEDDINGS_MODEL: 'bge-m3' }).embeddings);
 * // 'openai:bge-m3@http://localhost:11434/v1'
 */
export function embeddingModelId(config: Config['embeddings']): string | null {
  switch (config.provider) {
    case 'none':
      return null;
    case 'transformers':
      return transformersModelId(config.model);
    case 'openai':
      return openaiModelId(config.model, requireBaseUrl(config));
  }
}

function requireBaseUrl(config: Config['embeddings']): string {
  if (!config.baseUrl) throw new AppError('config_invalid', 'EMBEDDINGS_PROVIDER=openai needs EMBEDDINGS_BASE_URL.');
  return config.baseUrl;
}
