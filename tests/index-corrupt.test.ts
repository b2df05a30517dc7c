/**
 * Corrupt indexes are refused before anything reads them (`INDEX_VERIFY=full`): the server starts not-ready, says
 * which file is wrong in one log line, answers 503 `index_not_ready` (never 500), and hnswlib never parses a bad
 * vector file. With `INDEX_VERIFY=lazy` (the default) a corrupt chunk of the paragraph bodies or postings is found
 * when first read: the request that reads it fails with 503 `index_corrupt`, and no corrupt byte is served.
 */
import { cp, mkdtemp, readFile, realpath, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../ingest/build-index.js';
import { chunkedFileEntry } from '../node/index-layout.js';
import { createNodeRuntime, loadCorpusData } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';
import { encodeCorpus } from '../server/corpus/corpus-files.js';
import { CHUNKED_FILES, INDEX_FILES, type IndexManifest } from '../server/index-format.js';
import { fileEntry } from '../server/index-verify.js';
import { HashEmbeddings } from './helpers/hash-embeddings.js';

let base: string;
const config = (root: string, verify: 'full' | 'lazy' = 'full') =>
  loadConfig({ INDEX_DIR: path.join(root, 'data', 'index'), CORPUS_DIR: path.resolve('corpus'), EMBEDDINGS_PROVIDER: 'none', LOG_LEVEL: 'silent', INDEX_VERIFY: verify });

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'ct-corrupt-'));
  await buildIndex({ config: config(path.join(base, 'good')), embeddings: new HashEmbeddings() });
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

type Build = { dir: string; manifest: IndexManifest; rewrite: (name: string, bytes: Uint8Array | string, updateManifest?: boolean) => Promise<void> };
async function copyIndex(name: string): Promise<{ root: string; build: Build }> {
  const root = path.join(base, name);
  await cp(path.join(base, 'good'), root, { recursive: true, verbatimSymlinks: true });
  const dir = await realpath(path.join(root, 'data', 'index'));
  const manifest = JSON.parse(await readFile(path.join(dir, INDEX_FILES.manifest), 'utf8')) as IndexManifest;
  const rewrite = async (file: string, bytes: Uint8Array | string, updateManifest = false) => {
    await writeFile(path.join(dir, file), bytes);
    if (updateManifest) {
      const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
      manifest.files[file] = CHUNKED_FILES.has(file) ? chunkedFileEntry([data]) : await fileEntry(data);
      await writeFile(path.join(dir, INDEX_FILES.manifest), JSON.stringify(manifest));
    }
  };
  return { root, build: { dir, manifest, rewrite } };
}

/** Flips one bit in the middle of a file, leaving the manifest as it was. */
async function flipMiddle(b: Build, file: string): Promise<void> {
  const bytes = await readFile(path.join(b.dir, file));
  bytes[bytes.length >> 1] ^= 0x10;
  await b.rewrite(file, bytes);
}

const FIXTURES: Array<{ name: string; file: string; corrupt: (b: Build) => Promise<void> }> = [
  { name: 'truncated vector file', file: INDEX_FILES.vectors, corrupt: (b) => truncate(path.join(b.dir, INDEX_FILES.vectors), Math.floor(b.manifest.files[INDEX_FILES.vectors].bytes / 2)) },
  { name: 'bit-flipped postings', file: INDEX_FILES.lexicalPostings, corrupt: (b) => flipMiddle(b, INDEX_FILES.lexicalPostings) },
  { name: 'bit-flipped paragraph bodies', file: INDEX_FILES.corpusBodies, corrupt: (b) => flipMiddle(b, INDEX_FILES.corpusBodies) },
  {
    name: 'bit-flipped vector header',
    file: INDEX_FILES.vectors,
    corrupt: async (b) => {
      const bytes = await readFile(path.join(b.dir, INDEX_FILES.vectors));
      bytes[33] ^= 0x01;
      await b.rewrite(INDEX_FILES.vectors, bytes, true);
    },
  },
  {
    name: 'empty paragraph list (checksums and counts consistent)',
    file: INDEX_FILES.corpus,
    corrupt: async (b) => {
      const corpus = await loadCorpusData(b.dir);
      const first = corpus.documents[0].id;
      const encoded = encodeCorpus(
        corpus.documents,
        corpus.paragraphs.filter((p) => p.documentId !== first),
      );
      b.manifest.paragraphs = encoded.meta.count;
      await b.rewrite(INDEX_FILES.corpusBodies, Buffer.concat(encoded.bodies), true);
      await b.rewrite(INDEX_FILES.corpus, JSON.stringify(encoded.meta), true);
    },
  },
  { name: 'no paragraphs at all', file: INDEX_FILES.manifest, corrupt: (b) => b.rewrite(INDEX_FILES.manifest, JSON.stringify({ ...b.manifest, paragraphs: 0 })) },
  { name: 'wrong dimension', file: INDEX_FILES.vectors, corrupt: (b) => b.rewrite(INDEX_FILES.manifest, JSON.stringify({ ...b.manifest, embedding: { ...b.manifest.embedding, dimension: 384 } })) },
  { name: 'wrong space', file: INDEX_FILES.manifest, corrupt: (b) => b.rewrite(INDEX_FILES.manifest, JSON.stringify({ ...b.manifest, embedding: { ...b.manifest.embedding, space: 'l2' } })) },
  { name: 'null manifest', file: INDEX_FILES.manifest, corrupt: (b) => b.rewrite(INDEX_FILES.manifest, 'null') },
  { name: 'manifest not JSON', file: INDEX_FILES.manifest, corrupt: (b) => b.rewrite(INDEX_FILES.manifest, '{"schemaVersion": 3,') },
  { name: 'missing vector metadata', file: INDEX_FILES.vectorDocs, corrupt: (b) => unlink(path.join(b.dir, INDEX_FILES.vectorDocs)) },
];

describe('corrupt index fixtures', () => {
  it.each(FIXTURES)('$name: not-ready, one log line naming $file, 503 on every route, no 500', async ({ name, file, corrupt }) => {
    const { root, build } = await copyIndex(name.replace(/\W+/g, '-'));
    await corrupt(build);
    const logged: string[] = [];
    const runtime = await createNodeRuntime(config(root), { allowNotReady: true, embeddings: new HashEmbeddings(), log: (l) => logged.push(l) });
    const readiness = runtime.readiness();
    expect(readiness.ready).toBe(false);
    if (!readiness.ready) expect(readiness.reason).toMatchObject({ code: 'index_corrupt', file });
    expect(logged.filter((l) => l.includes(`index/${file}`) && /NOT READY/.test(l))).toHaveLength(1);
    const routes = ['/api/chat', '/v1/chat/completions', '/api/documents', '/', '/healthz', '/a?q=terrorisme'];
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const route = routes[i % routes.length];
        const post = route === '/api/chat' || route.startsWith('/v1');
        return runtime.app.request(
          route,
          post ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'terrorisme ?', messages: [{ role: 'user', content: 'terrorisme ?' }] }) } : {},
        );
      }),
    );
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([503]));
    const body = (await responses[0].json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('index_not_ready');
    expect(body.error.message).not.toContain(base);
    const ready = await runtime.app.request('/healthz/ready');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).not.toContain(base);
    await expect(createNodeRuntime(config(root), { embeddings: new HashEmbeddings() })).rejects.toThrow(new RegExp(`${file.replace('.', '\\.')}.*npm run ingest`));
  });

  it('the intact copy loads and answers', async () => {
    const { root } = await copyIndex('intact');
    const runtime = await createNodeRuntime(config(root), { embeddings: new HashEmbeddings() });
    expect(runtime.readiness().ready).toBe(true);
    expect((await runtime.app.request('/api/documents')).status).toBe(200);
    expect((await runtime.app.request('/healthz/ready')).status).toBe(200);
  });
});

describe('lazy verification (INDEX_VERIFY=lazy)', () => {
  it.each([
    { file: INDEX_FILES.corpusBodies, route: '/api/documents/osce-bucharest-plan-2001' },
    { file: INDEX_FILES.lexicalPostings, route: '/api/chat' },
  ])('a bit-flipped $file starts ready; the request that reads the chunk gets 503 index_corrupt naming it', async ({ file, route }) => {
    const { root, build } = await copyIndex(`lazy-${file}`);
    const bytes = await readFile(path.join(build.dir, file));
    for (let i = 0; i < bytes.length; i += 512) bytes[i] ^= 0x01; // every chunk, whatever the paragraph or term read
    await build.rewrite(file, bytes);
    const runtime = await createNodeRuntime(config(root, 'lazy'), { allowNotReady: true, embeddings: new HashEmbeddings() });
    expect(runtime.readiness().ready).toBe(true);
    const post = route === '/api/chat';
    const res = await runtime.app.request(
      route,
      post ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Que dit le texte sur le terrorisme ?' }) } : {},
    );
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('index_corrupt');
    await runtime.close();
  });
});
