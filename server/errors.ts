/** The one error type of the app, with its code table. Mapped to HTTP once, in `app.onError`. */

export const ERROR_CODES = {
  bad_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_request: { status: 400, message: 'The request is invalid.' },
  question_missing: { status: 400, message: 'The "question" field is required and must be a non-empty string.' },
  question_too_long: { status: 400, message: 'The question is too long.' },
  unsupported_media_type: { status: 415, message: 'Send the body as application/json.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  history_too_long: { status: 400, message: 'The conversation history is too long.' },
  rate_limited: { status: 429, message: 'Too many requests; try again later.' },
  busy: { status: 503, message: 'The assistant is busy; try again in a few seconds.' },
  not_ready: { status: 503, message: 'The assistant is not ready yet; try again later.' },
  not_found: { status: 404, message: 'No such route.' },
  not_implemented: { status: 501, message: 'Not implemented.' },
  document_not_found: { status: 404, message: 'No document with this id.' },
  paragraph_not_found: { status: 404, message: 'No paragraph with this label in this document.' },
  origin_not_allowed: { status: 403, message: 'This origin is not allowed to call the assistant.' },
  index_missing: { status: 503, message: 'The index has not been built. Run `npm run ingest`.' },
  index_corrupt: { status: 503, message: 'The index failed verification. Re-run `npm run ingest`.' },
  index_not_ready: { status: 503, message: 'The index is not loaded yet or failed verification; try again later.' },
  unauthorized: { status: 401, message: 'Missing or wrong bearer token.' },
  index_mismatch: { status: 500, message: 'The index does not match the configuration. Re-run `npm run ingest`.' },
  embeddings_unavailable: { status: 503, message: 'The embedding model could not be loaded.' },
  llm_failed: { status: 502, message: 'The language model endpoint failed.' },
  embeddings_failed: { status: 502, message: 'The embeddings endpoint failed.' },
  translation_failed: { status: 502, message: 'The translation provider failed.' },
  config_invalid: { status: 500, message: 'The configuration is invalid.' },
  ingest_failed: { status: 500, message: 'Ingestion failed.' },
  internal: { status: 500, message: 'Internal error.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Codes whose message may carry upstream text (an LLM or embeddings server's body, a stack, a URL): clients only ever
 * get the fixed message of the table; the detailed message stays in the server log.
 */
const FIXED_MESSAGE: ReadonlySet<ErrorCode> = new Set([
  'llm_failed',
  'embeddings_failed',
  'translation_failed',
  'embeddings_unavailable',
  'index_mismatch',
  'ingest_failed',
  'config_invalid',
  'internal',
]);

/**
 * Error carrying a code from {@link ERROR_CODES}.
 * @example
 * throw new AppError('question_missing');
 * throw new AppError('document_not_found', `No document "${id}".`);
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? ERROR_CODES[code].message, options);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
  }
  /** The client-facing body: fixed message for upstream and internal failures, the specific one otherwise. */
  toJSON(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: FIXED_MESSAGE.has(this.code) ? ERROR_CODES[this.code].message : this.message } };
  }
}

/**
 * The `{error:{code,message}}` body a client may see for any thrown value: an AppError's public form, else `internal`.
 * @example
 * publicError(new Error('ECONNREFUSED 10.0.0.5:11434')); // { error: { code: 'internal', message: 'Internal error.' } }
 */
export function publicError(err: unknown): { error: { code: ErrorCode; message: string } } {
  return err instanceof AppError ? err.toJSON() : new AppError('internal').toJSON();
}
