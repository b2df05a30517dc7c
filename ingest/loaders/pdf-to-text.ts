import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import { AppError } from '../../server/errors.js';
import { DEFAULT_LIMITS, limitError, type LoaderLimits } from './limits.js';

/** Result of {@link pdfToText}. */
export interface PdfText {
  text: string;
  title?: string;
}

interface Line {
  y: number;
  size: number;
  text: string;
  end: number;
}

/** A line gap this much larger than the document's normal line spacing starts a new paragraph. */
const PARAGRAPH_GAP = 1.3;

function isTextItem(item: TextItem | TextMarkedContent): item is TextItem {
  return 'str' in item;
}

/** Rebuilds the lines of one page from its text items (content order, `hasEOL`, baseline `transform[5]`). */
function pageLines(items: (TextItem | TextMarkedContent)[]): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  let eol = false;
  for (const item of items) {
    if (!isTextItem(item)) continue;
    const [, , c, d, x, y] = item.transform as number[];
    const size = Math.hypot(c, d) || item.height || 1;
    if (item.str !== '') {
      if (!line || eol || Math.abs(y - line.y) > size / 2) {
        line = { y, size, text: '', end: x };
        lines.push(line);
      } else if (x - line.end > size * 0.2 && !/\s$/.test(line.text) && !/^\s/.test(item.str)) {
        line.text += ' ';
      }
      line.text += item.str;
      line.end = x + item.width;
      line.size = Math.max(line.size, size);
      eol = false;
    }
    if (item.hasEOL) eol = true;
  }
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() })).filter((l) => l.text !== '');
}

/** Smallest baseline distance between consecutive lines, relative to the font size (sub/superscripts ignored). */
function normalSpacing(pages: Line[][]): number {
  let min = Infinity;
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const ratio = (lines[i - 1].y - lines[i].y) / lines[i - 1].size;
      if (ratio >= 0.9 && ratio < min) min = ratio;
    }
  }
  return min;
}

function pageText(lines: Line[], spacing: number): string {
  let text = '';
  lines.forEach((l, i) => {
    if (i > 0) {
      const ratio = (lines[i - 1].y - l.y) / lines[i - 1].size;
      text += ratio < 0 || ratio > spacing * PARAGRAPH_GAP ? '\n\n' : '\n';
    }
    text += l.text;
  });
  return text;
}

function failure(err: unknown): AppError {
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException') return new AppError('ingest_failed', 'the PDF is password-protected', { cause: err });
  return new AppError('ingest_failed', `not a readable PDF (${message})`, { cause: err });
}

const isLimitError = (err: unknown) => err instanceof Error && err.message.startsWith('limit exceeded');

/** Rejects with a limit error when `p` has not settled by the file's deadline. */
function beforeDeadline<T>(p: Promise<T>, limits: Pick<LoaderLimits, 'deadline' | 'timeoutMs'>): Promise<T> {
  if (limits.deadline === Infinity) return p;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(limitError('timeoutMs', limits.timeoutMs, 'conversion took too long')), Math.max(0, limits.deadline - performance.now()));
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Extracts the text of a PDF with pdfjs-dist (legacy build, no worker): lines are rebuilt from the
 * items' baselines and `hasEOL`, a line gap clearly wider than the normal spacing becomes a blank line
 * (paragraph break), pages are joined with a blank line. The title is the metadata Title, if any.
 * Throws `AppError('ingest_failed')` for a corrupt or encrypted PDF.
 * @example
 * const { text, title } = await pdfToText(new Uint8Array(await readFile('strategie.pdf')));
 */
export async function pdfToText(data: Uint8Array, limits: Pick<LoaderLimits, 'deadline' | 'timeoutMs'> = { ...DEFAULT_LIMITS, deadline: Infinity }): Promise<PdfText> {
  const timely = <T>(p: Promise<T>) => beforeDeadline(p, limits);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await timely(task.promise);
  } catch (err) {
    await task.destroy();
    throw isLimitError(err) ? err : failure(err);
  }
  try {
    const pages: Line[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await timely(doc.getPage(n));
      pages.push(pageLines((await timely(page.getTextContent())).items));
      page.cleanup();
    }
    const spacing = normalSpacing(pages);
    const text = pages
      .filter((lines) => lines.length > 0)
      .map((lines) => pageText(lines, spacing))
      .join('\n\n');

    const { info, metadata } = await timely(doc.getMetadata());
    const candidates: unknown[] = [(info as Record<string, unknown> | undefined)?.Title, metadata?.get('dc:title')];
    const title = candidates.find((t): t is string => typeof t === 'string' && t.trim() !== '')?.trim();
    return { text, ...(title ? { title } : {}) };
  } catch (err) {
    throw err instanceof AppError || isLimitError(err) ? err : failure(err);
  } finally {
    await doc.destroy();
  }
}
