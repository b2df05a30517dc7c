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
/** Options of {@link writeCombinedCorpus}. */
export interface CombinedCorpusOptions {
  repoRoot: string;
  /** Real documents of evals/documents/ left out. */
  without?: ReadonlySet<string>;
  /** Add the real documents of evals/documents/ (default true). */
  real?: boolean;
  /** Further folders (relative to repoRoot) holding a documents.json in the same format, e.g. evals/distractors. */
  extraDirs?: readonly string[];
}

async function listed(dir: string): Promise<Array<RealDocument & { dir: string }>> {
  const docs = JSON.parse(await readFile(path.join(dir, 'documents.json'), 'utf8')) as RealDocument[];
  return docs.map((d) => ({ ...d, dir }));
}

/**
 * Writes `<dir>/corpus.json` listing the vendored corpus and the real documents (files referenced by absolute path),
 * minus the real documents in `without`, plus the documents of `extraDirs`.
 * @example
 * const corpusDir = await writeCombinedCorpus('/tmp/ct-eval-corpus', { repoRoot: process.cwd(), extraDirs: ['evals/distractors'] });
 */
export async function writeCombinedCorpus(dir: string, opts: CombinedCorpusOptions): Promise<string> {
  const vendoredDir = path.join(opts.repoRoot, 'corpus');
  const docsDir = path.join(opts.repoRoot, 'evals', 'documents');
  const vendored = JSON.parse(await readFile(path.join(vendoredDir, 'corpus.json'), 'utf8')) as { documents: Array<Record<string, unknown> & { file: string }> };
  const all = opts.real === false ? [] : await listed(docsDir);
  const unknown = [...(opts.without ?? [])].filter((id) => !all.some((d) => d.id === id));
  if (unknown.length) throw new Error(`--without-documents: no document ${unknown.join(', ')} in ${path.join(docsDir, 'documents.json')}.`);
  const extra = (await Promise.all((opts.extraDirs ?? []).map((d) => listed(path.join(opts.repoRoot, d))))).flat();
  const real = [...all.filter((d) => !opts.without?.has(d.id)), ...extra];
  const documents = [
    ...vendored.documents.map((d) => ({ ...d, file: path.join(vendoredDir, d.file) })),
    ...real.map((d) => ({
      id: d.id,
      file: path.join(d.dir, d.file),
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
