/** Any LibreTranslate-compatible HTTP API (`POST /translate {q, source, target, format}`). Web-standard. */
import { AppError } from '../errors.js';
import type { Lang } from '../types.js';
import type { Translator } from './translator.js';

export interface LibreTranslateOptions {
  baseUrl: string;
  apiKey?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * @example
 * const t = new LibreTranslateTranslator({ baseUrl: 'http://localhost:5000' });
 * await t.translate(['Bonjour'], 'fr', 'en'); // ['Hello']
 */
export class LibreTranslateTranslator implements Translator {
  readonly id: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: LibreTranslateOptions) {
    this.id = `libretranslate@${options.baseUrl.replace(/\/+$/, '')}`;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async translate(texts: string[], from: Lang, to: Lang): Promise<string[]> {
    if (!texts.length) return [];
    const body = { q: texts, source: from, target: to, format: 'text', ...(this.options.apiKey ? { api_key: this.options.apiKey } : {}) };
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.options.baseUrl.replace(/\/+$/, '')}/translate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new AppError('translation_failed', `Translation server unreachable (${(err as Error).name}).`);
    }
    if (!res.ok) throw new AppError('translation_failed', `Translation server answered HTTP ${res.status}.`);
    const json = (await res.json().catch(() => null)) as { translatedText?: unknown } | null;
    const out = json?.translatedText;
    const list = Array.isArray(out) ? out : typeof out === 'string' && texts.length === 1 ? [out] : null;
    if (!list || list.length !== texts.length || !list.every((t) => typeof t === 'string')) throw new AppError('translation_failed', 'Translation server sent an unexpected response.');
    return list as string[];
  }
}
