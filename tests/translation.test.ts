/**
 * Translations made at ingest reach English answers over French texts, labelled as machine translation, with the
 * French original still quoted and cited. The translator here is a LibreTranslate-compatible fake server on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../ingest/build-index.js';
import { createNodeRuntime, type NodeRuntime } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';
import { INDEX_FILES, type IndexManifest } from '../server/index-format.js';
import type { ChatResponse } from '../server/types.js';

let dir: string;
let server: Server;
let runtime: NodeRuntime;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests += 1;
      const { q, source, target } = JSON.parse(body) as { q: string[]; source: string; target: string };
      res.setHeader('content-type', 'application/json');
      // One sentence gets words found nowhere in the original texts: only the translated field can find it.
      res.end(JSON.stringify({ translatedText: q.map((x) => `(${source}>${target}) ${x.length} chars${x.includes('31 décembre 2002') ? ' quokka wallaby' : ''}`) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  dir = await mkdtemp(path.join(tmpdir(), 'ct-translate-'));
  const config = loadConfig({
    INDEX_DIR: path.join(dir, 'index'),
    CORPUS_DIR: path.resolve('corpus'),
    EMBEDDINGS_PROVIDER: 'none',
    ANSWER_CACHE_SIZE: '0',
    TRANSLATOR: 'libretranslate',
    TRANSLATOR_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'silent',
  });
  await buildIndex({ config });
  runtime = await createNodeRuntime(config, { buildIfMissing: false });
}, 120_000);

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

const ask = async (question: string) =>
  (await (await runtime.app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) })).json()) as ChatResponse;

describe('machine translations from ingest', () => {
  it('an English answer over a French text adds the labelled translation of the quoted sentences', async () => {
    expect(requests).toBeGreaterThan(0);
    const r = await ask('By what date should OSCE States join the 12 UN conventions on terrorism?');
    expect(r.citations[0]).toMatchObject({ documentId: 'osce-bucharest-plan-2001', paragraph: '5' });
    expect(r.answer).toContain('31 décembre 2002');
    expect(r.answer).toMatch(/Machine translation \(libretranslate@http:\/\/127\.0\.0\.1:\d+; not authoritative, the original above is\): “\(fr>en\) \d+ chars/);
  });

  it('stores the lexical field of the translated text, which English questions also search (citing the original)', async () => {
    const manifest = JSON.parse(await readFile(path.join(dir, 'index', 'manifest.json'), 'utf8')) as IndexManifest;
    expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining([INDEX_FILES.translatedLexical, INDEX_FILES.translatedPostings]));
    const { passages } = await runtime.retriever.retrieve({ question: 'what about the quokka wallaby?' });
    expect(passages[0]).toMatchObject({ paragraph: { documentId: 'osce-bucharest-plan-2001', label: '5' }, matchedTerms: ['quokka', 'wallabi'] });
    expect(passages[0].paragraph.text).not.toContain('quokka');
  });

  it('a French answer over the same French text has no translation', async () => {
    const r = await ask('D’ici quelle date les États devaient-ils adhérer aux conventions des Nations Unies ?');
    expect(r.answer).not.toContain('Traduction automatique');
    expect(r.answer).not.toContain('Machine translation');
  });
});

describe('without a translator', () => {
  it('an English answer over a French text glosses the words that answer the question', async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'ct-gloss-'));
    try {
      const config = loadConfig({ INDEX_DIR: path.join(d, 'index'), CORPUS_DIR: path.resolve('corpus'), EMBEDDINGS_PROVIDER: 'none', ANSWER_CACHE_SIZE: '0', LOG_LEVEL: 'silent' });
      await buildIndex({ config });
      const rt = await createNodeRuntime(config, { buildIfMissing: false });
      const res = await rt.app.request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'By what date should OSCE States join the 12 UN conventions on terrorism?' }),
      });
      const r = (await res.json()) as ChatResponse;
      expect(r.answer).not.toContain('Machine translation');
      expect(Object.keys((JSON.parse(await readFile(path.join(d, 'index', 'manifest.json'), 'utf8')) as IndexManifest).files)).not.toContain(INDEX_FILES.translatedLexical);
      expect(r.answer).toMatch(/Key terms of the quoted French text \(glosses from the term base and dictionary, not a translation\): [^\n]*→/);
      await rt.close();
    } finally {
      await rm(d, { recursive: true, force: true });
    }
  }, 60_000);
});
