import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { INDEX_FILES } from '../../server/index-format.js';
import type { LexiconTable } from '../../server/text/lexicon-table.js';
import { buildIndex } from '../build-index.js';

describe('lexicon.json in the index', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('holds the dictionary filtered by the indexed vocabulary, small enough for the Worker', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ct-lexicon-'));
    const config = loadConfig({ INDEX_DIR: path.join(dir, 'index'), CORPUS_DIR: path.resolve('corpus'), EMBEDDINGS_PROVIDER: 'none' });
    await buildIndex({ config, embeddings: null });
    const file = path.join(dir, 'index', INDEX_FILES.lexicon);
    const table = JSON.parse(await readFile(file, 'utf8')) as LexiconTable;
    expect(table.version).toBe(1);
    expect(table.dictionary.enFr['monei launder']?.[0]).toEqual(['blanch argent']);
    expect(table.dictionary.enFr.cat).toBeUndefined();
    // The vendored texts are French: nothing to translate into English.
    expect(Object.keys(table.dictionary.frEn)).toEqual([]);
    expect((await stat(file)).size).toBeLessThan(300_000);
  });
});
