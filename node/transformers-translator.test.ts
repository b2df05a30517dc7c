/**
 * The transformers.js translator on an injected pipeline: generating a real Marian (opus-mt) encoder–decoder ONNX graph
 * with its generation loop is beyond what the tests can build by hand (the embedder's tests do generate a tiny
 * encoder), so what is tested here is everything around the model call: model choice per direction, loading once,
 * reload after a failure, the fixed error code.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';
import { TransformersTranslator } from './transformers-translator.js';

describe('TransformersTranslator', () => {
  it('loads each direction’s model once and returns translation_text in order', async () => {
    const loads: string[] = [];
    const t = new TransformersTranslator(loadConfig({ TRANSLATOR: 'transformers' }), async (model) => {
      loads.push(model);
      return async (texts) => texts.map((x) => ({ translation_text: `${model}:${x}` }));
    });
    expect(await t.translate(['a', 'b'], 'fr', 'en')).toEqual(['Xenova/opus-mt-fr-en:a', 'Xenova/opus-mt-fr-en:b']);
    await t.translate(['c'], 'fr', 'en');
    await t.translate(['d'], 'en', 'fr');
    expect(loads).toEqual(['Xenova/opus-mt-fr-en', 'Xenova/opus-mt-en-fr']);
    expect(t.id).toBe('transformers:Xenova/opus-mt-fr-en+Xenova/opus-mt-en-fr');
  });

  it('a failed inference is translation_failed and the model is loaded again next time', async () => {
    let loads = 0;
    const t = new TransformersTranslator(loadConfig({}), async () => {
      loads += 1;
      return async () => Promise.reject(new Error('onnx'));
    });
    await expect(t.translate(['a'], 'fr', 'en')).rejects.toMatchObject({ code: 'translation_failed' });
    await expect(t.translate(['a'], 'fr', 'en')).rejects.toMatchObject({ code: 'translation_failed' });
    expect(loads).toBe(2);
  });
});
