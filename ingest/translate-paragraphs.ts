/**
 * Machine translation of the indexed paragraphs at ingest, sentence by sentence (aligned with `splitSentences`), cached by
 * content hash and translator id so an unchanged corpus translates nothing. A translator failure keeps the index
 * without translations (answers then gloss terms instead) and says so.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { splitSentences } from '../server/text/sentences.js';
import type { Translator } from '../server/translate/translator.js';
import type { DocumentMeta, Lang, Paragraph } from '../server/types.js';

const BATCH = 16;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export interface TranslateResult {
  paragraphs: Paragraph[];
  translated: number;
  fromCache: number;
  error?: string;
}

/**
 * @example
 * const { paragraphs } = await translateParagraphs(paragraphs, documents, translator, 'data/translation-cache/x.json');
 * paragraphs[0].translation // { lang: 'en', translator: 'libretranslate@…', sentences: ['…'] }
 */
export async function translateParagraphs(paragraphs: Paragraph[], documents: DocumentMeta[], translator: Translator, cacheFile: string): Promise<TranslateResult> {
  const langOf = new Map(documents.map((d) => [d.id, d.language]));
  let cache: Record<string, string> = {};
  try {
    cache = JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, string>;
  } catch {
    cache = {};
  }
  const key = (from: Lang, s: string) => sha(`${translator.id}\u0000${from}\u0000${s}`);
  const work = paragraphs.map((p) => {
    const from = langOf.get(p.documentId) ?? 'fr';
    return { p, from, to: (from === 'fr' ? 'en' : 'fr') as Lang, sentences: splitSentences(p.text) };
  });
  const missing = new Map<string, { from: Lang; to: Lang; text: string }>();
  for (const w of work) for (const s of w.sentences) if (cache[key(w.from, s)] === undefined) missing.set(key(w.from, s), { from: w.from, to: w.to, text: s });
  const total = work.reduce((n, w) => n + w.sentences.length, 0);
  let error: string | undefined;
  const pending = [...missing.entries()];
  try {
    for (let i = 0; i < pending.length; i += BATCH) {
      const batch = pending.slice(i, i + BATCH);
      for (const dir of ['fr', 'en'] as const) {
        const part = batch.filter(([, v]) => v.from === dir);
        if (!part.length) continue;
        const out = await translator.translate(
          part.map(([, v]) => v.text),
          dir,
          part[0][1].to,
        );
        part.forEach(([k], j) => (cache[k] = out[j]));
      }
    }
  } catch (err) {
    error = `${translator.id}: ${(err as Error).message}`;
  }
  await mkdir(path.dirname(cacheFile), { recursive: true });
  await writeFile(cacheFile, JSON.stringify(cache));
  if (error) return { paragraphs, translated: 0, fromCache: 0, error };
  const out = work.map(({ p, from, to, sentences }) => ({ ...p, translation: { lang: to, translator: translator.id, sentences: sentences.map((s) => cache[key(from, s)]) } }));
  return { paragraphs: out, translated: missing.size, fromCache: total - missing.size };
}
