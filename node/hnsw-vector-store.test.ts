import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HnswVectorStore } from './hnsw-vector-store.js';

/** Bag-of-words over a fixed 3-word vocabulary: a text's vector counts `loi`, `terrorisme`, `paris`. */
class CountingEmbeddings extends Embeddings {
  constructor() {
    super({});
  }
  private vec(text: string): number[] {
    const words = text.toLowerCase().split(/\W+/);
    return ['loi', 'terrorisme', 'paris'].map((w) => words.filter((x) => x === w).length);
  }
  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.vec(d));
  }
  async embedQuery(document: string): Promise<number[]> {
    return this.vec(document);
  }
}

const doc = (id: string, lang: string): Document => new Document({ pageContent: `text ${id}`, metadata: { id, lang }, id });

const vectors = [
  [1, 0, 0],
  [0.8, 0.6, 0],
  [0, 1, 0],
  [0, 0, 2],
];
const docs = [doc('a', 'fr'), doc('b', 'en'), doc('c', 'fr'), doc('d', 'en')];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hnsw-store-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function filled(): Promise<HnswVectorStore> {
  const store = new HnswVectorStore(new CountingEmbeddings());
  expect(await store.addVectors(vectors, docs)).toEqual(['a', 'b', 'c', 'd']);
  return store;
}

describe('HnswVectorStore', () => {
  it('returns the nearest documents best first with cosine similarity scores', async () => {
    const store = await filled();
    expect(store.dimension).toBe(3);
    expect(store._vectorstoreType()).toBe('hnswlib-node');
    const hits = await store.similaritySearchVectorWithScore([1, 0, 0], 2);
    expect(hits.map(([d]) => d.metadata.id)).toEqual(['a', 'b']);
    expect(hits[0][1]).toBeCloseTo(1, 5);
    expect(hits[1][1]).toBeCloseTo(0.8, 5);
    const other = await store.similaritySearchVectorWithScore([0, 3, 4], 4);
    expect(other.map(([d]) => d.metadata.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(other.map(([, s]) => s)).toEqual([expect.closeTo(0.8, 5), expect.closeTo(0.6, 5), expect.closeTo(0.36, 5), expect.closeTo(0, 5)]);
  });

  it('caps k at the number of vectors, and returns nothing when empty', async () => {
    const store = await filled();
    expect(await store.similaritySearchVectorWithScore([1, 1, 1], 50)).toHaveLength(4);
    expect(await new HnswVectorStore(new CountingEmbeddings()).similaritySearchVectorWithScore([1, 0, 0], 3)).toEqual([]);
  });

  it('applies a document filter', async () => {
    const store = await filled();
    const hits = await store.similaritySearchVectorWithScore([1, 0, 0], 4, (d) => d.metadata.lang === 'fr');
    expect(hits.map(([d]) => d.metadata.id)).toEqual(['a', 'c']);
  });

  it('embeds documents and queries through its embeddings, and grows past its first capacity', async () => {
    const store = new HnswVectorStore(new CountingEmbeddings());
    await store.addDocuments([new Document({ pageContent: 'La loi', metadata: { n: 0 } })]);
    const more = Array.from({ length: 40 }, (_, i) => new Document({ pageContent: i % 2 ? 'paris paris loi' : 'terrorisme', metadata: { n: i + 1 } }));
    expect(await store.addDocuments(more)).toHaveLength(40);
    expect(store.count).toBe(41);
    const [top] = await store.similaritySearchWithScore('loi', 1);
    expect(top[0].pageContent).toBe('La loi');
    expect(top[1]).toBeCloseTo(1, 5);
  });

  it('saves and loads back the same index, documents and metadata', async () => {
    const store = await filled();
    const out = join(dir, 'round-trip');
    await store.save(out);
    expect((await stat(join(out, 'vectors.hnsw'))).size).toBeGreaterThan(0);
    const saved = JSON.parse(await readFile(join(out, 'vectors-docs.json'), 'utf8'));
    expect(saved.documents[1]).toEqual({ id: 'b', pageContent: 'text b', metadata: { id: 'b', lang: 'en' } });

    const loaded = await HnswVectorStore.load(out, new CountingEmbeddings());
    expect(loaded.count).toBe(4);
    expect(loaded.dimension).toBe(3);
    const before = await store.similaritySearchVectorWithScore([0, 3, 4], 4);
    const after = await loaded.similaritySearchVectorWithScore([0, 3, 4], 4);
    expect(after.map(([d, s]) => [d.pageContent, d.metadata, d.id, s])).toEqual(before.map(([d, s]) => [d.pageContent, d.metadata, d.id, s]));
    await loaded.addVectors([[0, 0, -1]], [doc('e', 'fr')]);
    expect((await loaded.similaritySearchVectorWithScore([0, 0, -1], 1))[0][0].metadata.id).toBe('e');
  });

  it('rejects a directory without the index files', async () => {
    await expect(HnswVectorStore.load(join(dir, 'nothing-here'), new CountingEmbeddings())).rejects.toThrow(/missing .*vectors\.hnsw.*vectors-docs\.json/);
  });

  it('rejects dimension mismatches when adding, searching and loading', async () => {
    const store = await filled();
    await expect(store.addVectors([[1, 2]], [doc('x', 'fr')])).rejects.toThrow(/dimension 2.*dimension 3/);
    await expect(store.similaritySearchVectorWithScore([1, 0], 1)).rejects.toThrow(/Dimension mismatch: the query vector has dimension 2, the index has dimension 3/);
    await expect(store.addVectors([[1, 0, 0]], [])).rejects.toThrow(/1 vectors for 0 documents/);

    const out = join(dir, 'mismatch');
    await store.save(out);
    await expect(HnswVectorStore.load(out, new CountingEmbeddings(), { expectedDimension: 384 })).rejects.toThrow(/3-dimensional vectors, the embedding model gives 384/);

    const docsPath = join(out, 'vectors-docs.json');
    const saved = JSON.parse(await readFile(docsPath, 'utf8'));
    await writeFile(docsPath, JSON.stringify({ ...saved, dimension: 5 }));
    await expect(HnswVectorStore.load(out, new CountingEmbeddings())).rejects.toThrow(/vectors-docs\.json says 5, vectors\.hnsw holds 3-dimensional/);
  });
});
