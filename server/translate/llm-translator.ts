/** Translation through the configured OpenAI-compatible chat completions endpoint. Web-standard. */
import { AppError } from '../errors.js';
import type { Lang } from '../types.js';
import type { Translator } from './translator.js';

export interface LlmTranslatorOptions {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const NAMES: Record<Lang, string> = { fr: 'French', en: 'English' };

/**
 * One chat completion per text, temperature 0, told to output only the translation.
 * @example
 * const t = new LlmTranslator({ baseUrl: 'http://localhost:11434/v1', model: 'llama3' });
 * await t.translate(['Bonjour'], 'fr', 'en');
 */
export class LlmTranslator implements Translator {
  readonly id: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: LlmTranslatorOptions) {
    this.id = `llm:${options.model}`;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async translate(texts: string[], from: Lang, to: Lang): Promise<string[]> {
    const out: string[] = [];
    for (const text of texts) out.push(await this.one(text, from, to));
    return out;
  }

  private async one(text: string, from: Lang, to: Lang): Promise<string> {
    const messages = [
      {
        role: 'system',
        content: `Translate the user's ${NAMES[from]} text into ${NAMES[to]}. It is an official legal text: translate faithfully, keep numbers, names and references, add nothing. Output only the translation.`,
      },
      { role: 'user', content: text },
    ];
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.options.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
        body: JSON.stringify({ model: this.options.model, temperature: 0, messages }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (err) {
      throw new AppError('translation_failed', `Translation endpoint unreachable (${(err as Error).name}).`);
    }
    if (!res.ok) throw new AppError('translation_failed', `Translation endpoint answered HTTP ${res.status}.`);
    const json = (await res.json().catch(() => null)) as { choices?: Array<{ message?: { content?: unknown } }> } | null;
    const content = json?.choices?.[0]?.message?.content;
    if (typeof content !== 'string' || !content.trim()) throw new AppError('translation_failed', 'Translation endpoint sent no translation.');
    return content.trim();
  }
}
