/**
 * The `translation` stage: what the lexical field of the translated text costs. The real corpus is built twice — without
 * a translator, and with a LibreTranslate-compatible fake on 127.0.0.1 that returns each sentence unchanged (a stand-in
 * of the same length and vocabulary size as a translation; no model is downloaded) — then index size, ingest time and
 * query latency are measured side by side, the questions alternating between the two runtimes.
 */
import { readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildIndex } from '../../ingest/build-index.js';
import { createNodeRuntime, type NodeRuntime } from '../../node/runtime.js';
import { loadConfig } from '../../server/config.js';
import { INDEX_FILES } from '../../server/index-format.js';
import type { BenchQuestion } from './questions.js';
import { chatBody } from './questions.js';
import { median, percentile, round } from './stats.js';

export interface TranslationVariant {
  index_kb: number;
  /** First build (translations requested from the fake server, cache empty). */
  ingest_first_ms: number;
  /** Median of forced rebuilds (translations from the cache). */
  ingest_ms: number;
  retrieve_p50_ms: number;
  retrieve_p95_ms: number;
  chat_p50_ms: number;
}

export interface TranslationResult {
  note: string;
  paragraphs: number;
  translated_sentences: number;
  without: TranslationVariant;
  with: TranslationVariant;
  /** Size of lexical-translated.json + its postings. */
  field_kb: number;
  /** Growth of the corpus files from the stored translations. */
  corpus_growth_kb: number;
}

/** A LibreTranslate-compatible server that returns every text unchanged, counting them. */
async function identityTranslator(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { q } = JSON.parse(body) as { q: string[] };
      n += q.length;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ translatedText: q }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => n, close: () => new Promise((r) => server.close(() => r())) };
}

const sizeOf = async (dir: string, only?: string[]) => {
  let bytes = 0;
  for (const f of await readdir(dir)) if (!only || only.includes(f)) bytes += (await stat(path.join(dir, f))).size;
  return bytes;
};

/** Builds one variant `reps + 1` times (the first with an empty translation cache) and opens its runtime. */
async function build(root: string, dir: string, translatorUrl: string | null, reps: number) {
  const config = loadConfig({
    INDEX_DIR: path.join(dir, 'data', 'index'),
    CORPUS_DIR: path.join(root, 'corpus'),
    EMBEDDINGS_PROVIDER: 'none',
    RETRIEVAL_MODE: 'lexical',
    ANSWERER: 'extractive',
    LOG_LEVEL: 'silent',
    ANSWER_CACHE_SIZE: '0',
    ...(translatorUrl ? { TRANSLATOR: 'libretranslate', TRANSLATOR_URL: translatorUrl } : {}),
  });
  const times: number[] = [];
  let manifest: Awaited<ReturnType<typeof buildIndex>>['manifest'] | undefined;
  for (let i = 0; i <= reps; i++) {
    const t = performance.now();
    manifest = (await buildIndex({ config, force: true })).manifest;
    times.push(performance.now() - t);
  }
  const runtime = await createNodeRuntime(config, { buildIfMissing: false });
  return { config, times, manifest: manifest!, runtime };
}

async function timeQuestions(rts: NodeRuntime[], questions: BenchQuestion[], reps: number): Promise<Array<{ retrieve: number[]; chat: number[] }>> {
  const out = rts.map(() => ({ retrieve: [] as number[], chat: [] as number[] }));
  for (let rep = 0; rep < reps; rep++)
    // Which runtime goes first alternates, so that caches one warms for the other favour neither.
    for (const [qi, q] of questions.entries())
      for (const i of (rep + qi) % 2 ? [...rts.keys()].reverse() : [...rts.keys()]) {
        const rt = rts[i];
        let t = performance.now();
        await rt.retriever.retrieve({ question: q.question });
        out[i].retrieve.push(performance.now() - t);
        t = performance.now();
        await (await rt.app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: chatBody(q) })).text();
        out[i].chat.push(performance.now() - t);
      }
  return out;
}

/**
 * @example
 * const translation = await measureTranslation({ root, workDir, questions, quick: true });
 */
export async function measureTranslation(o: { root: string; workDir: string; questions: BenchQuestion[]; quick: boolean }): Promise<TranslationResult> {
  const fake = await identityTranslator();
  const reps = o.quick ? 1 : 3;
  const plain = await build(o.root, path.join(o.workDir, 'translation-none'), null, reps);
  const translated = await build(o.root, path.join(o.workDir, 'translation-fake'), fake.url, reps);
  const sentences = fake.count();
  await fake.close();
  try {
    await timeQuestions([plain.runtime, translated.runtime], o.questions, 1); // warm-up
    const [a, b] = await timeQuestions([plain.runtime, translated.runtime], o.questions, o.quick ? 2 : 10);
    const variant = async (v: typeof plain, t: typeof a): Promise<TranslationVariant> => ({
      index_kb: round((await sizeOf(v.config.indexDir)) / 1024, 1),
      ingest_first_ms: round(v.times[0], 1),
      ingest_ms: round(median(v.times.slice(1)), 1),
      retrieve_p50_ms: round(percentile(t.retrieve, 0.5), 3),
      retrieve_p95_ms: round(percentile(t.retrieve, 0.95), 3),
      chat_p50_ms: round(percentile(t.chat, 0.5), 3),
    });
    const indexDir = (v: typeof plain) => v.config.indexDir;
    return {
      note: 'Real corpus, lexical; the translator is a fake LibreTranslate server on 127.0.0.1 returning each sentence unchanged (same length and vocabulary size as a translation; no model). Questions alternate between the two runtimes in one run. Chat p50 with translations also includes the longer answers (translation line).',
      paragraphs: translated.manifest.paragraphs,
      translated_sentences: sentences,
      without: await variant(plain, a),
      with: await variant(translated, b),
      field_kb: round((await sizeOf(indexDir(translated), [INDEX_FILES.translatedLexical, INDEX_FILES.translatedPostings])) / 1024, 1),
      corpus_growth_kb: round(
        ((await sizeOf(indexDir(translated), [INDEX_FILES.corpus, INDEX_FILES.corpusBodies])) - (await sizeOf(indexDir(plain), [INDEX_FILES.corpus, INDEX_FILES.corpusBodies]))) / 1024,
        1,
      ),
    };
  } finally {
    await plain.runtime.close();
    await translated.runtime.close();
  }
}

/**
 * Markdown section of the stage.
 * @example
 * const md = translationMarkdown(results.translation);
 */
export function translationMarkdown(t: TranslationResult): string {
  const row = (name: string, v: TranslationVariant) => `| ${name} | ${v.index_kb} | ${v.ingest_first_ms} | ${v.ingest_ms} | ${v.retrieve_p50_ms} / ${v.retrieve_p95_ms} | ${v.chat_p50_ms} |`;
  return [
    '## Lexical field of the translated text',
    '',
    t.note,
    '',
    `${t.paragraphs} paragraphs, ${t.translated_sentences} sentences sent to the translator; the field takes ${t.field_kb} KiB, the stored translations add ${t.corpus_growth_kb} KiB to the corpus files.`,
    '',
    '| Index | Size (KiB) | First ingest (ms) | Rebuild, cached translations (ms) | Retrieval p50 / p95 (ms) | Chat p50 (ms) |',
    '|---|---|---|---|---|---|',
    row('without translations', t.without),
    row('with translations + field', t.with),
    '',
  ].join('\n');
}
