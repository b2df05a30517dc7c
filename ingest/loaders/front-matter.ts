/** YAML front matter (`---` … `---` at the top of a .md or .txt file) with the keys ingest understands. */
import { parse } from 'yaml';

export interface FrontMatter {
  id?: string;
  title?: string;
  numbering?: string;
  language?: 'fr' | 'en';
  /** The user's own provenance note (shown as the document's source). */
  source?: string;
}

const BLOCK = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/**
 * Splits the front matter off a text; unknown keys are ignored, a malformed block is an error naming its line.
 * @example
 * splitFrontMatter('---\ntitle: Loi\nnumbering: articles\n---\nArticle 1') // { meta: { title: 'Loi', numbering: 'articles' }, body: 'Article 1' }
 */
export function splitFrontMatter(text: string): { meta: FrontMatter; body: string } {
  const m = BLOCK.exec(text);
  if (!m) return { meta: {}, body: text };
  let raw: unknown;
  try {
    raw = parse(m[1], { maxAliasCount: 10 });
  } catch (err) {
    throw new Error(`invalid YAML front matter (${(err as Error).message.split('\n')[0]})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { meta: {}, body: text };
  const r = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() || undefined : undefined);
  const language = str(r.language)?.toLowerCase().split(/[-_]/)[0];
  const meta: FrontMatter = {
    ...(str(r.id) ? { id: str(r.id) } : {}),
    ...(str(r.title) ? { title: str(r.title) } : {}),
    ...(str(r.numbering) ? { numbering: str(r.numbering) } : {}),
    ...(str(r.source) ? { source: str(r.source) } : {}),
    ...(language === 'fr' || language === 'en' ? { language } : {}),
  };
  return { meta, body: text.slice(m[0].length) };
}
