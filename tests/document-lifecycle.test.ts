/** Users' documents over their lifecycle: stable ids, replace on re-ingest, remove, list, titles, front matter. */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../ingest/build-index.js';
import { listDocuments } from '../ingest/list-documents.js';
import { meaningfulTitle, titleFromText } from '../ingest/user-documents.js';
import { loadConfig } from '../server/config.js';
import type { CorpusData } from '../server/corpus/corpus-store.js';
import { INDEX_FILES } from '../server/index-format.js';
import { makePdf } from './fixtures/make-pdf.js';

let dir: string;
const config = () => loadConfig({ INDEX_DIR: path.join(dir, 'data', 'index'), CORPUS_DIR: path.resolve('corpus'), EMBEDDINGS_PROVIDER: 'none' });
const userDocs = async () => (JSON.parse(await readFile(path.join(dir, 'data', 'index', INDEX_FILES.corpus), 'utf8')) as CorpusData).documents.filter((d) => d.organisation === 'User document');
const memo = ['1. Banks screen every wire transfer against the sanctions list.', '', '2. Alerts are escalated within two business days.', '', '3. Records are kept for ten years.'].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-lifecycle-'));
  await mkdir(path.join(dir, 'in', 'other'), { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('document lifecycle', { timeout: 60_000 }, () => {
  it('re-ingesting the same file, or the same content under another name, replaces instead of duplicating', async () => {
    const file = path.join(dir, 'in', 'memo-cyber.md');
    await writeFile(file, memo);
    await buildIndex({ config: config(), paths: [file] });
    const logged: string[] = [];
    const again = await buildIndex({ config: config(), paths: [file], log: (l) => logged.push(l) });
    expect(again.rebuilt).toBe(false);
    expect(logged.join('\n')).toMatch(/memo-cyber\.md: replaces user-memo-cyber/);
    await writeFile(file, `${memo}\n\n4. Reviewed yearly.`);
    await buildIndex({ config: config(), paths: [file] });
    const copy = path.join(dir, 'in', 'other', 'memo copy.md');
    await writeFile(copy, `${memo}\n\n4. Reviewed yearly.`);
    await buildIndex({ config: config(), paths: [copy], log: (l) => logged.push(l) });
    expect(logged.join('\n')).toMatch(/same content as user-memo-cyber/);
    const docs = await userDocs();
    expect(docs.map((d) => d.id)).toEqual(['user-memo-cyber']);
    expect(docs[0].paragraphCount).toBe(4);
    expect(await readdir(path.join(dir, 'data', 'documents'))).toEqual(['user-memo-cyber.json']);
  });

  it('--id, --title and YAML front matter set id, title, language, source and the numbering override', async () => {
    const fm = path.join(dir, 'in', 'decree.txt');
    await writeFile(
      fm,
      [
        '---',
        'id: decree-12',
        'title: Décret relatif aux contrôles',
        'numbering: articles',
        'language: fr',
        'source: Journal officiel, 2024',
        '---',
        'Article 1',
        '',
        'Les contrôles sont annuels.',
        '',
        'Article 2',
        '',
        'Ils sont publiés.',
      ].join('\n'),
    );
    const plain = path.join(dir, 'in', 'notes.md');
    await writeFile(plain, 'Some notes about screening.\n\nA second paragraph.');
    await buildIndex({ config: config(), paths: [fm] });
    await buildIndex({ config: config(), paths: [plain], userOptions: { id: 'screening-notes', title: 'Screening notes', numbering: 'paragraphs' } });
    const docs = await userDocs();
    const decree = docs.find((d) => d.id === 'decree-12')!;
    expect(decree).toMatchObject({ title: 'Décret relatif aux contrôles', language: 'fr', source: 'Journal officiel, 2024' });
    expect(docs.find((d) => d.id === 'screening-notes')).toMatchObject({ title: 'Screening notes', source: 'notes.md' });
    const stored = JSON.parse(await readFile(path.join(dir, 'data', 'documents', 'decree-12.json'), 'utf8'));
    expect(stored.meta.numbering).toBe('articles');
    expect(JSON.parse(await readFile(path.join(dir, 'data', 'documents', 'screening-notes.json'), 'utf8')).meta.numbering).toBe('paragraphs');
    await expect(buildIndex({ config: config(), paths: [fm, plain], userOptions: { id: 'x' } })).rejects.toThrow(/--id names one document/);
    await expect(buildIndex({ config: config(), paths: [plain], userOptions: { id: 'un-sg-symposium-2011' } })).rejects.toThrow(/vendored/);
  });

  it('a PDF titled "about:blank" takes its title from its first line', async () => {
    const pdf = path.join(dir, 'in', 'strategy.pdf');
    await writeFile(
      pdf,
      makePdf([['National strategy against terrorist financing', '', '1. The strategy covers banks.', '', '2. It is reviewed yearly.', '', '3. It is public.']], { title: 'about:blank' }),
    );
    await buildIndex({ config: config(), paths: [pdf] });
    expect((await userDocs()).find((d) => d.id === 'user-strategy')?.title).toBe('National strategy against terrorist financing');
    for (const t of ['about:blank', 'Untitled', 'strategy.pdf', 'Microsoft Word - draft.docx', 'STRATEGY', '']) expect(meaningfulTitle(t, 'strategy.pdf'), t).toBe(false);
    expect(meaningfulTitle('Stratégie nationale', 'strategy.pdf')).toBe(true);
    expect(titleFromText(`${'word '.repeat(40)}end`)).toMatch(/…$/);
  });

  it('a document with more paragraphs than INGEST_MAX_PARAGRAPHS fails naming the file and the limit', async () => {
    const file = path.join(dir, 'in', 'long.txt');
    await writeFile(file, Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of a long text.`).join('\n\n'));
    const limited = loadConfig({ INDEX_DIR: path.join(dir, 'data', 'index'), CORPUS_DIR: path.resolve('corpus'), EMBEDDINGS_PROVIDER: 'none', INGEST_MAX_PARAGRAPHS: '50' });
    await expect(buildIndex({ config: limited, paths: [file] })).rejects.toThrow(/long\.txt: limit exceeded: 60 paragraphs \(limit 50, INGEST_MAX_PARAGRAPHS\)/);
  });

  it('--list shows every document; --remove deletes a user document and refuses vendored ones', async () => {
    const list = await listDocuments(config());
    expect(list).toMatch(/^id\s+lang\s+paragraphs/);
    expect(list).toMatch(/user-memo-cyber\s+en\s+4\s+\S+\s+.*memo copy\.md/);
    expect(list).toMatch(/osce-bucharest-plan-2001 .*\(vendored\)/);
    await buildIndex({ config: config(), remove: ['screening-notes'] });
    expect((await userDocs()).map((d) => d.id)).not.toContain('screening-notes');
    expect(await readdir(path.join(dir, 'data', 'documents'))).not.toContain('screening-notes.json');
    await expect(buildIndex({ config: config(), remove: ['osce-bucharest-plan-2001'] })).rejects.toThrow(/vendored document/);
    await expect(buildIndex({ config: config(), remove: ['nope'] })).rejects.toThrow(/No user document "nope".*--list/);
  });
});
