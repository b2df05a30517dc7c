/** `npm run ingest -- --list`: the documents of the published index, user documents marked with their file. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../server/config.js';
import type { CorpusData } from '../server/corpus/corpus-store.js';
import { INDEX_FILES } from '../server/index-format.js';
import { readStoredDocuments } from './user-documents.js';

/**
 * A plain-text table of the indexed documents (id, language, paragraphs, numbering, title, user file).
 * @example
 * console.log(await listDocuments(loadConfig(process.env)));
 */
export async function listDocuments(config: Config): Promise<string> {
  let corpus: Pick<CorpusData, 'documents'>;
  try {
    corpus = JSON.parse(await readFile(path.join(config.indexDir, INDEX_FILES.corpus), 'utf8')) as Pick<CorpusData, 'documents'>;
  } catch {
    return `No index in ${config.indexDir} yet. Run \`npm run ingest\`.`;
  }
  const stored = new Map((await readStoredDocuments(config)).map((d) => [d.meta.id, d]));
  const rows = corpus.documents.map((d) => {
    const user = stored.get(d.id);
    return [d.id, d.language, String(d.paragraphCount), user?.meta.numbering ?? d.numbering, d.title.length > 60 ? `${d.title.slice(0, 59)}…` : d.title, user ? user.meta.file : '(vendored)'];
  });
  const pending = [...stored.keys()].filter((id) => !corpus.documents.some((d) => d.id === id));
  const header = ['id', 'lang', 'paragraphs', 'numbering', 'title', 'file'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), ...(pending.length ? [`Stored but not yet indexed (run \`npm run ingest\`): ${pending.join(', ')}`] : [])].join('\n');
}
