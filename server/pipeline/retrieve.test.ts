import { Document } from '@langchain/core/documents';
import { FakeEmbeddings } from '@langchain/core/utils/testing';
import { FakeVectorStore } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import { TINY, tinyDeps } from '../../tests/helpers/tiny-corpus.js';
import { analyse } from './analyse.js';
import { expand } from './expand.js';
import { idfUnits, lexicalQuery, retrieve } from './retrieve.js';

async function vectors() {
  const embeddings = new FakeEmbeddings();
  const store = new FakeVectorStore(embeddings);
  await store.addDocuments(TINY.paragraphs.map((p) => new Document({ pageContent: p.text, metadata: { documentId: p.documentId, label: p.label } })));
  return { embeddings, store };
}

describe('retrieve', () => {
  it('lexical: candidates with BM25 scores and the query terms they matched', async () => {
    const deps = tinyDeps();
    const e = expand(analyse({ question: 'financement du terrorisme' }, deps), deps, deps.params);
    const r = await retrieve(e, deps, deps.params);
    expect(r.mode).toBe('lexical');
    const best = [...r.candidates].sort((a, b) => b.lexicalScore - a.lexicalScore)[0];
    expect(deps.store.at(best.position).label).toBe('2');
    expect(best.matched.size).toBeGreaterThan(0);
  });

  it('hybrid: adds dense candidates from the vector store', async () => {
    const { embeddings, store } = await vectors();
    const deps = tinyDeps({ mode: 'hybrid', vectorStore: store, embeddings });
    const e = expand(analyse({ question: 'financement du terrorisme' }, deps), deps, deps.params);
    const r = await retrieve(e, deps, deps.params);
    expect(r.mode).toBe('hybrid');
    expect(r.candidates.filter((c) => c.denseRank !== undefined).length).toBe(TINY.paragraphs.length);
  });

  it('falls back to lexical when the query cannot be embedded', async () => {
    const { store } = await vectors();
    const errors: unknown[] = [];
    const broken = new FakeEmbeddings();
    broken.embedQuery = async () => {
      throw new Error('down');
    };
    const deps = tinyDeps({ mode: 'dense', vectorStore: store, embeddings: broken, onDenseError: (e) => errors.push(e) });
    const e = expand(analyse({ question: 'financement du terrorisme' }, deps), deps, deps.params);
    const r = await retrieve(e, deps, deps.params);
    expect(r.mode).toBe('lexical');
    expect(errors).toHaveLength(1);
    expect(r.candidates.length).toBeGreaterThan(0);
  });

  it("scales BM25 weights to a term's IDF over the units of its language; the IDF read by coverage stays the index's", () => {
    const deps = tinyDeps();
    const e = expand(analyse({ question: 'financement du terrorisme' }, deps), deps, deps.params);
    const whole = lexicalQuery(e, deps.lexical, { ...deps.params, idfPerLanguage: 0 });
    const half = lexicalQuery(e, deps.lexical, deps.params, () => deps.lexical.size / 2);
    const term = whole.query[0].term;
    expect(half.idf.get(term)).toBe(whole.idf.get(term));
    expect(half.query.find((t) => t.term === term)!.weight).toBeLessThan(whole.query[0].weight);
    expect(idfUnits(deps.store, deps.lexical, { ...deps.params, idfPerLanguage: 0 }, 'fr')(false)).toBe(deps.lexical.size);
  });
});
