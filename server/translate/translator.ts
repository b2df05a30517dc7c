/** Machine translation behind one interface, like the embedder: used at ingest, never at query time. Web-standard. */
import type { Lang } from '../types.js';

/**
 * Translates texts between French and English. `id` names the provider and model, so cached and indexed
 * translations can be traced and invalidated when the translator changes.
 * @example
 * const [en] = await translator.translate(['Les États participants s’engagent.'], 'fr', 'en');
 */
export interface Translator {
  readonly id: string;
  translate(texts: string[], from: Lang, to: Lang): Promise<string[]>;
}

/** A paragraph's machine translation, sentence by sentence, aligned with `splitSentences(paragraph.text)`. */
export interface StoredTranslation {
  lang: Lang;
  translator: string;
  sentences: string[];
}
