/**
 * A corpus directory holding the five vendored texts and the real public documents of evals/documents/, so that
 * suites over those documents run as users would run them (documents added beside the seed corpus).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

interface RealDocument {
  id: string;
  file: string;
  title: string;
  titleEn?: string;
  shortTitle: string;
  shortTitleEn?: string;
  issuer: string;
  language: 'fr' | 'en';
  date: string;
  sourceUrl: string;
}

/**
 * Writes `<dir>/corpus.json` listing the vendored corpus and the real documents (files referenced by absolute path),
 * minus the real documents in `without`.
 * @example
 * const corpusDir = await writeCombinedCorpus('/tmp/ct-eval-corpus', { repoRoot: process.cwd() });
 */
export async function writeCombinedCorpus(dir: string, opts: { repoRoot: string; without?: ReadonlySet<string> }): Promise<string> {
  const vendoredDir = path.join(opts.repoRoot, 'corpus');
  const docsDir = path.join(opts.repoRoot, 'evals', 'documents');
  const vendored = JSON.parse(await readFile(path.join(vendoredDir, 'corpus.json'), 'utf8')) as { documents: Array<Record<string, unknown> & { file: string }> };
  const all = JSON.parse(await readFile(path.join(docsDir, 'documents.json'), 'utf8')) as RealDocument[];
  const unknown = [...(opts.without ?? [])].filter((id) => !all.some((d) => d.id === id));
  if (unknown.length) throw new Error(`--without-documents: no document ${unknown.join(', ')} in ${path.join(docsDir, 'documents.json')}.`);
  const real = all.filter((d) => !opts.without?.has(d.id));
  const documents = [
    ...vendored.documents.map((d) => ({ ...d, file: path.join(vendoredDir, d.file) })),
    ...real.map((d) => ({
      id: d.id,
      file: path.join(docsDir, d.file),
      title: d.title,
      ...(d.titleEn ? { titleEn: d.titleEn } : {}),
      shortTitle: d.shortTitle,
      ...(d.shortTitleEn ? { shortTitleEn: d.shortTitleEn } : {}),
      organisation: d.issuer,
      date: d.date,
      language: d.language,
      source: d.sourceUrl.split(/\s+/)[0],
    })),
  ];
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'corpus.json'), JSON.stringify({ documents }, null, 2));
  return dir;
}
