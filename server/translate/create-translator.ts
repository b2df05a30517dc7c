/** Builds the HTTP translators of the configuration (the local transformers.js one lives in node/). Web-standard. */
import type { Config } from '../config.js';
import { LibreTranslateTranslator } from './libretranslate-translator.js';
import { LlmTranslator } from './llm-translator.js';
import type { Translator } from './translator.js';

/**
 * The configured HTTP translator, `null` for `none`, `undefined` for `transformers` (the caller provides it).
 * @example
 * createHttpTranslator(loadConfig({ TRANSLATOR: 'libretranslate', TRANSLATOR_URL: 'http://localhost:5000' }))?.id
 * // 'libretranslate@http://localhost:5000'
 */
export function createHttpTranslator(config: Config, fetchImpl?: typeof fetch): Translator | null | undefined {
  const t = config.translator;
  switch (t.provider) {
    case 'none':
      return null;
    case 'libretranslate':
      return new LibreTranslateTranslator({ baseUrl: t.baseUrl!, apiKey: t.apiKey, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    case 'llm':
      return new LlmTranslator({ baseUrl: config.llm.baseUrl!, apiKey: config.llm.apiKey, model: config.llm.model, timeoutMs: config.llm.timeoutMs, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    case 'transformers':
      return undefined;
  }
}
