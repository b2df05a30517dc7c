import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Translator } from '../server/translate/translator.js';
import type { DocumentMeta, Paragraph } from '../server/types.js';
import { translateParagraphs } from './translate-paragraphs.js';

const doc = (id: string, language: 'fr' | 'en') => ({ id, language }) as DocumentMeta;
const para = (documentId: string, label: string, text: string): Paragraph => ({ documentId, label, index: 0, text, kind: 'numbered' });

class CountingTranslator implements Translator {
  readonly id = 'fake:1';
  calls = 0;
  async translate(texts: string[], from: string, to: string): Promise<string[]> {
    this.calls += 1;
    return texts.map((t) => `[${from}→${to}] ${t}`);
  }
}

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('translateParagraphs', () => {
  it('translates each sentence into the other language, then serves an unchanged corpus from the cache', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ct-tr-'));
    dirs.push(dir);
    const cache = path.join(dir, 'cache.json');
    const paragraphs = [para('fr-doc', '1', 'Les États coopèrent. Ils échangent des informations.'), para('en-doc', '1', 'States cooperate.')];
    const t = new CountingTranslator();
    const first = await translateParagraphs(paragraphs, [doc('fr-doc', 'fr'), doc('en-doc', 'en')], t, cache);
    expect(first.paragraphs[0].translation).toEqual({ lang: 'en', translator: 'fake:1', sentences: ['[fr→en] Les États coopèrent.', '[fr→en] Ils échangent des informations.'] });
    expect(first.paragraphs[1].translation?.sentences).toEqual(['[en→fr] States cooperate.']);
    expect(first.translated).toBe(3);
    const calls = t.calls;
    const again = await translateParagraphs(paragraphs, [doc('fr-doc', 'fr'), doc('en-doc', 'en')], t, cache);
    expect(t.calls).toBe(calls);
    expect(again.fromCache).toBe(3);
    expect(paragraphs[0].translation).toBeUndefined();
  });

  it('a failing translator leaves the paragraphs untranslated and reports why', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ct-tr-'));
    dirs.push(dir);
    const down: Translator = { id: 'down', translate: async () => Promise.reject(new Error('HTTP 503')) };
    const r = await translateParagraphs([para('d', '1', 'Texte.')], [doc('d', 'fr')], down, path.join(dir, 'c.json'));
    expect(r.paragraphs[0].translation).toBeUndefined();
    expect(r.error).toBe('down: HTTP 503');
  });
});
