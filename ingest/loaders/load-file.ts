import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../../server/errors.js';
import { splitFrontMatter, type FrontMatter } from './front-matter.js';
import { htmlToText } from './html-to-text.js';
import { DEFAULT_LIMITS, limitError, type LoaderLimits } from './limits.js';
import { markdownToText } from './markdown-to-text.js';
import { pdfToText } from './pdf-to-text.js';

/** A user document converted to plain text: blank-line-separated paragraphs, "- " list items. */
export interface LoadedFile {
  path: string;
  format: 'txt' | 'md' | 'html' | 'pdf';
  text: string;
  title?: string;
  language?: 'fr' | 'en';
  /** `id`, `title`, `numbering`, `language` from YAML front matter (.md, .txt). */
  frontMatter?: FrontMatter;
}

const FORMATS: Record<string, LoadedFile['format']> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.htm': 'html',
  '.html': 'html',
  '.pdf': 'pdf',
};

function fail(path: string, reason: string, cause?: unknown): AppError {
  return new AppError('ingest_failed', `${path}: ${reason}`, cause === undefined ? undefined : { cause });
}

async function read(path: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const { size } = await stat(path);
    if (size > maxBytes) throw fail(path, limitError('maxFileBytes', maxBytes, `file of ${(size / 1048576).toFixed(1)} MB`).message);
    return await readFile(path);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : `cannot read the file (${(err as Error).message})`;
    throw fail(path, reason, err);
  }
}

/** 1-based line of the first invalid UTF-8 sequence (a newline byte is never inside a multi-byte sequence). */
function invalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    line++;
    start = end + 1;
  }
  return line;
}

function decodeUtf8(path: string, bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (err) {
    throw fail(path, `invalid UTF-8 at line ${invalidUtf8Line(bytes)} (save the file as UTF-8)`, err);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw fail(path, `NUL byte at line ${line}: not a text file`);
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Trailing spaces off every line, at most one blank line in a row, no blank lines around the text. */
function tidy(text: string): string {
  return text
    .replace(/\f/g, '\n\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

async function convert(path: string, format: LoadedFile['format'], bytes: Uint8Array, limits: LoaderLimits): Promise<Omit<LoadedFile, 'path' | 'format'>> {
  try {
    if (format === 'pdf') return await pdfToText(bytes, limits);
    const decoded = decodeUtf8(path, bytes);
    if (format === 'html') return htmlToText(decoded, limits);
    const { meta, body } = splitFrontMatter(decoded);
    const frontMatter = Object.keys(meta).length ? { frontMatter: meta } : {};
    if (format === 'md') return { ...markdownToText(body, limits), ...frontMatter, ...(meta.title ? { title: meta.title } : {}) };
    return { text: body, ...frontMatter, ...(meta.title ? { title: meta.title } : {}) };
  } catch (err) {
    if (err instanceof AppError && err.message.startsWith(path)) throw err;
    throw fail(path, err instanceof Error ? err.message : String(err), err);
  }
}

/**
 * Reads a user document and converts it to plain text for paragraph splitting, choosing the
 * converter from the extension (case-insensitive: .txt .text .md .markdown .htm .html .pdf).
 * Text formats must be UTF-8 (a BOM is stripped, CRLF normalised).
 * Throws `AppError('ingest_failed', '<path>: <reason>')` for an unknown extension, a missing or
 * unreadable file, invalid UTF-8 (with its line), a corrupt PDF or a document without any text.
 * @example
 * const doc = await loadFile('docs/strategie.pdf');
 * // { path: 'docs/strategie.pdf', format: 'pdf', text: '1. La présente stratégie…\n\n2. …', title: 'Stratégie' }
 */
export async function loadFile(path: string, limits: Partial<Omit<LoaderLimits, 'deadline'>> = {}): Promise<LoadedFile> {
  const all = { ...DEFAULT_LIMITS, ...limits };
  const ext = extname(path).toLowerCase();
  const format = FORMATS[ext];
  if (!format) {
    const expected = Object.keys(FORMATS).join(', ');
    throw fail(path, `unsupported file type ${ext ? `"${ext}"` : '(no extension)'}; expected one of ${expected}`);
  }
  const bytes = await read(path, all.maxFileBytes);
  const converted = await convert(path, format, bytes, { ...all, deadline: performance.now() + all.timeoutMs });
  const text = tidy(converted.text);
  if (text.trim() === '') {
    throw fail(path, format === 'pdf' ? 'no text found (a scanned PDF without a text layer?)' : 'no text found');
  }
  const title = converted.title?.trim();
  return {
    path,
    format,
    text,
    ...(title ? { title } : {}),
    ...((converted.frontMatter?.language ?? converted.language) ? { language: converted.frontMatter?.language ?? converted.language } : {}),
    ...(converted.frontMatter ? { frontMatter: converted.frontMatter } : {}),
  };
}
