/** Limits every loader runs under, so a hostile or broken file fails fast with a message naming the limit. */

export interface LoaderLimits {
  /** Largest file read, in bytes (`INGEST_MAX_FILE_MB`). */
  maxFileBytes: number;
  /** Deepest element nesting accepted in HTML, and blockquote/list nesting in Markdown (`INGEST_MAX_DEPTH`). */
  maxDepth: number;
  /** Most paragraphs one document may yield (`INGEST_MAX_PARAGRAPHS`). */
  maxParagraphs: number;
  /** Time allowed to convert one file, in ms (`INGEST_TIMEOUT_MS`). */
  timeoutMs: number;
  /** `performance.now()` after which conversion stops; set per file from `timeoutMs`. */
  deadline: number;
}

export const DEFAULT_LIMITS: Omit<LoaderLimits, 'deadline'> = {
  maxFileBytes: 20 * 1024 * 1024,
  maxDepth: 256,
  maxParagraphs: 20000,
  timeoutMs: 60000,
};

const VARS: Record<keyof Omit<LoaderLimits, 'deadline'>, string> = {
  maxFileBytes: 'INGEST_MAX_FILE_MB',
  maxDepth: 'INGEST_MAX_DEPTH',
  maxParagraphs: 'INGEST_MAX_PARAGRAPHS',
  timeoutMs: 'INGEST_TIMEOUT_MS',
};

/**
 * The error a loader throws when a limit is hit; load-file prefixes it with the file name.
 * @example
 * throw limitError('maxDepth', 256, 'elements nested 256+ deep');
 */
export function limitError(limit: keyof typeof VARS, value: number, what: string): Error {
  const shown = limit === 'maxFileBytes' ? `${Math.round(value / 1048576)} MB` : limit === 'timeoutMs' ? `${value} ms` : String(value);
  return new Error(`limit exceeded: ${what} (limit ${shown}, ${VARS[limit]})`);
}

/**
 * A deadline checker: call it in loops; it throws once the file's time is spent.
 * @example
 * const tick = deadlineTicker(limits); for (const line of lines) tick();
 */
export function deadlineTicker(limits: Pick<LoaderLimits, 'deadline' | 'timeoutMs'>, every = 256): () => void {
  let n = 0;
  return () => {
    if (++n % every === 0 && performance.now() > limits.deadline) throw limitError('timeoutMs', limits.timeoutMs, 'conversion took too long');
  };
}
