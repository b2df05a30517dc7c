import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCombinedCorpus } from './real-corpus.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function corpusIds(opts: Omit<Parameters<typeof writeCombinedCorpus>[1], 'repoRoot'>, repoRoot = ROOT): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ct-real-corpus-'));
  dirs.push(dir);
  await writeCombinedCorpus(dir, { repoRoot, ...opts });
  const json = JSON.parse(await readFile(path.join(dir, 'corpus.json'), 'utf8')) as { documents: Array<{ id: string; file: string }> };
  return json.documents.map((d) => d.id);
}

describe('writeCombinedCorpus', () => {
  it('adds the real documents by default and the documents of extra folders when asked', async () => {
    const plain = await corpusIds({});
    const withDistractors = await corpusIds({ extraDirs: ['evals/distractors'] });
    expect(withDistractors.length).toBeGreaterThan(plain.length);
    expect(withDistractors.filter((id) => !plain.includes(id)).every((id) => id.startsWith('distractor-'))).toBe(true);
  });

  it('leaves the real documents out with real: false (the vendored corpus plus the extra folders only)', async () => {
    const vendored = JSON.parse(await readFile(path.join(ROOT, 'corpus', 'corpus.json'), 'utf8')) as { documents: Array<{ id: string }> };
    const ids = await corpusIds({ real: false, extraDirs: ['evals/distractors'] });
    expect(ids.filter((id) => !id.startsWith('distractor-'))).toEqual(vendored.documents.map((d) => d.id));
  });

  it('points every file of an extra folder at that folder', async () => {
    const repo = await mkdtemp(path.join(tmpdir(), 'ct-real-repo-'));
    dirs.push(repo);
    await mkdir(path.join(repo, 'corpus'), { recursive: true });
    await mkdir(path.join(repo, 'extra'), { recursive: true });
    await writeFile(path.join(repo, 'corpus', 'corpus.json'), JSON.stringify({ documents: [] }));
    const doc = { id: 'x', file: 'x.txt', title: 'X', shortTitle: 'X', issuer: 'I', language: 'en', date: '2000-01-01', sourceUrl: 'https://example.org/x' };
    await writeFile(path.join(repo, 'extra', 'documents.json'), JSON.stringify([doc]));
    const out = await mkdtemp(path.join(tmpdir(), 'ct-real-out-'));
    dirs.push(out);
    await writeCombinedCorpus(out, { repoRoot: repo, real: false, extraDirs: ['extra'] });
    const json = JSON.parse(await readFile(path.join(out, 'corpus.json'), 'utf8')) as { documents: Array<{ id: string; file: string }> };
    expect(json.documents).toEqual([expect.objectContaining({ id: 'x', file: path.join(repo, 'extra', 'x.txt') })]);
  });
});
