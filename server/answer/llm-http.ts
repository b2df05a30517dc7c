/** Reading an OpenAI-compatible endpoint's responses without trusting it: bounded bodies, abortable reads, stream events. Web-standard. */
import { AppError } from '../errors.js';

/** Longest piece of an endpoint's body quoted in an error message. */
export const ERROR_SNIPPET_CHARS = 300;

/**
 * The body as text, at most `cap` bytes: beyond it the body is cancelled and the text cut (`truncated`), so a hostile
 * endpoint cannot make the server buffer an unbounded error page or completion.
 * @example
 * const { text, truncated } = await readCapped(response, 64 * 1024, AbortSignal.timeout(5000));
 */
export async function readCapped(response: Response, cap: number, signal: AbortSignal): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await readOrAbort(reader, signal);
      if (done) return { text: text + decoder.decode(), truncated: false };
      size += value.length;
      if (size > cap) return { text, truncated: true };
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/**
 * `reader.read()`, rejected as soon as `signal` aborts (some fetch implementations do not abort bodies themselves).
 * @example
 * const { done, value } = await readOrAbort(response.body!.getReader(), signal);
 */
export function readOrAbort<T>(reader: ReadableStreamDefaultReader<T>, signal: AbortSignal): Promise<ReadableStreamReadResult<T>> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    reader
      .read()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The text delta of one server-sent `data:` event of a streamed chat completion; throws `llm_failed` on a malformed event or a reported error.
 * @example
 * parseDelta('{"choices":[{"delta":{"content":"Les"}}]}'); // 'Les'
 */
export function parseDelta(data: string): string | undefined {
  let json: { choices?: Array<{ delta?: { content?: unknown } }>; error?: unknown };
  try {
    json = JSON.parse(data);
  } catch {
    throw new AppError('llm_failed', `LLM endpoint sent a malformed stream event: ${data.slice(0, ERROR_SNIPPET_CHARS)}`);
  }
  if (json.error) throw new AppError('llm_failed', `LLM endpoint reported an error: ${JSON.stringify(json.error).slice(0, ERROR_SNIPPET_CHARS)}`);
  const content = json.choices?.[0]?.delta?.content;
  return typeof content === 'string' ? content : undefined;
}
