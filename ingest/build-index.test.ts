import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeRuntime } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';
import { AppError } from '../server/errors.js';
import { INDEX_FILES, INDEX_SCHEMA_VERSION } from '../server/index-format.js';
import { HashEmbeddings } from '../tests/helpers/hash-embeddings.js';
import { buildIndex } from './build-index.js';

let dir: string;
const cfg = (extra: Record<string, string> = {}) => loadConfig({ INDEX_DIR: path.join(dir, 'index'), CORPUS_DIR: path.resolve('corpus'), EMBEDDINGS_PROVIDER: 'none', ...extra });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-ingest-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildIndex', () => {
  it('writes paragraphs, lexical index and manifest; re-ingesting unchanged text does nothing', async () => {
    const first = await buildIndex({ config: cfg() });
    expect(first.rebuilt).toBe(true);
    expect(first.manifest).toMatchObject({ schemaVersion: INDEX_SCHEMA_VERSION, documents: 5, paragraphs: 94, embedding: null });
    for (const f of [INDEX_FILES.manifest, INDEX_FILES.corpus, INDEX_FILES.lexical, INDEX_FILES.lexicalPostings]) expect(existsSync(path.join(dir, 'index', f))).toBe(true);
    const second = await buildIndex({ config: cfg() });
    expect(second.rebuilt).toBe(false);
    expect(second.manifest.createdAt).toBe(first.manifest.createdAt);
  });

  it('adds user documents with their own numbering, and keeps them on later rebuilds', async () => {
    const file = path.join(dir, 'note.md');
    await writeFile(file, '# Note de service\n\n1. Premier point sur le gel des avoirs.\n\n2. Deuxième point.\n\n3. Troisième point sur les frontières.\n');
    await buildIndex({ config: cfg(), paths: [file] });
    const corpus = JSON.parse(await readFile(path.join(dir, 'index', INDEX_FILES.corpus), 'utf8'));
    const doc = corpus.documents.find((d: { id: string }) => d.id === 'user-note');
    expect(doc).toMatchObject({ title: 'Note de service', numbering: 'numbered', paragraphCount: 3 });
    const again = await buildIndex({ config: cfg(), force: true });
    expect(again.manifest.documents).toBe(6);
  });

  it('a bad file fails with its name and leaves the previous index untouched', async () => {
    await buildIndex({ config: cfg() });
    const before = await readFile(path.join(dir, 'index', INDEX_FILES.manifest), 'utf8');
    const bad = path.join(dir, 'broken.pdf');
    await writeFile(bad, 'this is not a pdf');
    await expect(buildIndex({ config: cfg(), paths: [bad] })).rejects.toThrow(/broken\.pdf/);
    expect(await readFile(path.join(dir, 'index', INDEX_FILES.manifest), 'utf8')).toBe(before);
    await expect(buildIndex({ config: cfg(), paths: [path.join(dir, 'missing.txt')] })).rejects.toThrow(/missing\.txt/);
    const leftovers = (await import('node:fs/promises')).readdir(dir);
    expect((await leftovers).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('builds vectors with an embedding model, re-embeds nothing when unchanged, and serves hybrid retrieval', async () => {
    const emb = new HashEmbeddings();
    const built = await buildIndex({ config: cfg(), embeddings: emb });
    expect(built.manifest.embedding).toEqual({ provider: 'none', modelId: 'test:hash-16', dimension: 16, space: 'cosine' });
    expect(built.embedded).toBe(94);
    const forced = await buildIndex({ config: cfg(), embeddings: emb, force: true });
    expect(forced.embedded).toBe(0);
    expect(forced.embeddingsFromCache).toBe(94);
    expect(existsSync(path.join(dir, 'index', 'vectors.hnsw'))).toBe(true);
    const runtime = await createNodeRuntime(cfg(), { buildIfMissing: false, embeddings: emb });
    expect(runtime.health()).toMatchObject({ retrieval: { mode: 'hybrid' }, embedding: { status: 'ready', model: 'test:hash-16', dimension: 16 } });
    const r = await runtime.retriever.retrieve({ question: 'financement du terrorisme' });
    expect(r.mode).toBe('hybrid');
    expect(r.passages.some((p) => p.denseScore !== undefined && p.lexicalScore > 0)).toBe(true);
    const dense = await createNodeRuntime(cfg({ RETRIEVAL_MODE: 'dense' }), { buildIfMissing: false, embeddings: emb });
    expect((await dense.retriever.retrieve({ question: 'financement du terrorisme' })).passages[0].denseScore).toBeGreaterThan(0);

    const failing = new HashEmbeddings();
    failing.embedQuery = async () => {
      throw new Error('embedding server down');
    };
    const logged: string[] = [];
    const degraded = await createNodeRuntime(cfg({ RETRIEVAL_MODE: 'dense' }), { buildIfMissing: false, embeddings: failing, log: (l) => logged.push(l) });
    const fallback = await degraded.retriever.retrieve({ question: 'financement du terrorisme' });
    expect(fallback.mode).toBe('lexical');
    expect(fallback.passages[0].lexicalScore).toBeGreaterThan(0);
    expect(logged.some((l) => l.includes('embedding server down'))).toBe(true);
  });

  it('loading an index built with another model fails with a message saying to re-run ingest', async () => {
    await buildIndex({ config: cfg(), embeddings: new HashEmbeddings('test:other-model') });
    const config = cfg({ EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_BASE_URL: 'http://127.0.0.1:9/v1', EMBEDDINGS_MODEL: 'm' });
    await expect(createNodeRuntime(config, { buildIfMissing: false })).rejects.toThrow(/test:other-model.*npm run ingest/s);
  });

  it('an index of another schema version fails clearly', async () => {
    await buildIndex({ config: cfg() });
    const file = path.join(dir, 'index', INDEX_FILES.manifest);
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...manifest, schemaVersion: 99 }));
    const err = await createNodeRuntime(cfg(), { buildIfMissing: false }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toMatch(/schema version 99.*npm run ingest/s);
  });

  it('an index written by an older version (schema 4, one corpus.json) is rebuilt at start, with a log line saying why', async () => {
    await buildIndex({ config: cfg() });
    const file = path.join(dir, 'index', INDEX_FILES.manifest);
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...manifest, schemaVersion: 4 }));
    const logged: string[] = [];
    const runtime = await createNodeRuntime(cfg(), { log: (l) => logged.push(l) });
    expect(logged.find((l) => l.includes('rebuilding it now'))).toMatch(/schema version 4, this server needs 5.*built by another version; rebuilding it now/);
    expect(runtime.manifest.schemaVersion).toBe(INDEX_SCHEMA_VERSION);
    await runtime.close();
  });

  it('with no model available, remembers the failure instead of retrying the download on every start', async () => {
    const config = cfg({ EMBEDDINGS_PROVIDER: 'transformers', EMBEDDINGS_MODEL_DIR: path.join(dir, 'no-models'), EMBEDDINGS_ALLOW_REMOTE: 'false' });
    const first = await buildIndex({ config });
    expect(first.manifest.embedding).toBeNull();
    expect(first.manifest.embeddingError).toMatch(/EMBEDDINGS_MODEL_DIR/);
    expect(existsSync(path.join(dir, 'embedding-load-failure.json'))).toBe(true);
    const second = await buildIndex({ config });
    expect(second.rebuilt).toBe(false);
    const runtime = await createNodeRuntime(config, { buildIfMissing: false });
    expect(runtime.health()).toMatchObject({ retrieval: { mode: 'lexical' }, embedding: { status: 'unavailable' } });
  });

  it('serves the index from a fresh runtime, building it when missing', async () => {
    const runtime = await createNodeRuntime(cfg());
    const res = await runtime.app.request('/healthz');
    expect(await res.json()).toMatchObject({ status: 'ok', corpus: { documents: 5, paragraphs: 94 } });
  });
});
