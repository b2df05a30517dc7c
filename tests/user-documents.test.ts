/** Users' own documents: ingested beside the corpus, numbered as they number themselves, searchable in both languages. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../ingest/build-index.js';
import { createNodeRuntime, type NodeRuntime } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';
import type { ChatResponse } from '../server/types.js';

let dir: string;
let runtime: NodeRuntime;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-user-docs-'));
  const memo = path.join(dir, 'sanctions-memo.md');
  await writeFile(
    memo,
    [
      '# Internal memo on sanctions screening',
      '',
      '1. Banks must screen every wire transfer against the consolidated sanctions list before execution.',
      '',
      '2. Money laundering alerts are escalated to the compliance officer within two business days.',
      '',
      '3. Records of screening decisions are kept for ten years.',
    ].join('\n'),
  );
  const config = loadConfig({ INDEX_DIR: path.join(dir, 'index'), CORPUS_DIR: path.resolve('corpus'), EMBEDDINGS_PROVIDER: 'none', ANSWER_CACHE_SIZE: '0' });
  await buildIndex({ config, paths: [memo] });
  runtime = await createNodeRuntime(config, { buildIfMissing: false });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ask = async (question: string) =>
  (await (await runtime.app.request('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) })).json()) as ChatResponse;

describe('user documents', () => {
  it('are listed with their own numbering and language', async () => {
    const body = await (await runtime.app.request('/api/documents/user-sanctions-memo')).json();
    expect(body.document).toMatchObject({ title: 'Internal memo on sanctions screening', language: 'en', numbering: 'numbered' });
    expect(body.paragraphs.map((p: { label: string }) => p.label)).toEqual(['1', '2', '3']);
  });

  it('answer English questions from English text, with the document’s paragraph number', async () => {
    const r = await ask('Within how many days are money laundering alerts escalated?');
    expect(r.citations[0]).toMatchObject({ documentId: 'user-sanctions-memo', paragraph: '2' });
    expect(r.answer).not.toContain('French original');
  });

  it('answer French questions on English text through the glossary', async () => {
    const r = await ask('Dans quel délai les alertes de blanchiment d’argent sont-elles transmises ?');
    expect(r.language).toBe('fr');
    expect(r.citations[0]).toMatchObject({ documentId: 'user-sanctions-memo', paragraph: '2' });
  });

  it('explicit references reach the user document by its name', async () => {
    const r = await ask('What does paragraph 3 of the internal memo on sanctions screening say?');
    expect(r.citations[0]).toMatchObject({ documentId: 'user-sanctions-memo', paragraph: '3' });
  });
});
