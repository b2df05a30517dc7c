import { describe, expect, it } from 'vitest';
import { LibreTranslateTranslator } from './libretranslate-translator.js';
import { LlmTranslator } from './llm-translator.js';

const fakeFetch = (handler: (url: string, body: any, headers: Record<string, string>) => Response) =>
  (async (url: string | URL | Request, init?: RequestInit) => handler(String(url), JSON.parse(String(init?.body)), init?.headers as Record<string, string>)) as typeof fetch;

describe('LibreTranslateTranslator', () => {
  it('sends q as an array and reads translatedText', async () => {
    let seen: any;
    const t = new LibreTranslateTranslator({
      baseUrl: 'http://tr.test/',
      apiKey: 'k',
      fetch: fakeFetch((url, body) => ((seen = { url, body }), Response.json({ translatedText: body.q.map((x: string) => `EN:${x}`) }))),
    });
    expect(await t.translate(['un', 'deux'], 'fr', 'en')).toEqual(['EN:un', 'EN:deux']);
    expect(seen).toEqual({ url: 'http://tr.test/translate', body: { q: ['un', 'deux'], source: 'fr', target: 'en', format: 'text', api_key: 'k' } });
    expect(t.id).toBe('libretranslate@http://tr.test');
  });

  it('fails with a fixed code on HTTP errors and malformed answers, without the upstream body', async () => {
    const down = new LibreTranslateTranslator({ baseUrl: 'http://tr.test', fetch: fakeFetch(() => new Response('secret sk-123', { status: 500 })) });
    await expect(down.translate(['x'], 'fr', 'en')).rejects.toMatchObject({ code: 'translation_failed', message: 'Translation server answered HTTP 500.' });
    const odd = new LibreTranslateTranslator({ baseUrl: 'http://tr.test', fetch: fakeFetch(() => Response.json({ translatedText: ['only one'] })) });
    await expect(odd.translate(['a', 'b'], 'fr', 'en')).rejects.toMatchObject({ code: 'translation_failed' });
  });
});

describe('LlmTranslator', () => {
  it('asks for a faithful translation only, with the bearer token', async () => {
    const calls: any[] = [];
    const t = new LlmTranslator({
      baseUrl: 'http://llm.test/v1',
      apiKey: 'sk',
      model: 'm',
      fetch: fakeFetch((url, body, headers) => (calls.push({ url, body, headers }), Response.json({ choices: [{ message: { content: ` EN(${body.messages[1].content}) ` } }] }))),
    });
    expect(await t.translate(['a', 'b'], 'fr', 'en')).toEqual(['EN(a)', 'EN(b)']);
    expect(calls[0].url).toBe('http://llm.test/v1/chat/completions');
    expect(calls[0].headers.authorization).toBe('Bearer sk');
    expect(calls[0].body.messages[0].content).toMatch(/French text into English/);
  });

  it('an empty completion is a failure', async () => {
    const t = new LlmTranslator({ baseUrl: 'http://llm.test/v1', model: 'm', fetch: fakeFetch(() => Response.json({ choices: [{ message: { content: '' } }] })) });
    await expect(t.translate(['a'], 'fr', 'en')).rejects.toMatchObject({ code: 'translation_failed' });
  });
});
