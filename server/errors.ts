/** The one error type of the app, with its code table. Mapped to HTTP once, in `app.onError`. */

export const ERROR_CODES = {
  bad_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_request: { status: 400, message: 'The request is invalid.' },
  question_missing: { status: 400, message: 'The "question" field is required and must be a non-empty string.' },
  question_too_long: { status: 400, message: 'The question is too long.' },
  unsupported_media_type: { status: 415, message: 'Send the body as application/json.' },
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
  translation_failed: { status: 502, message: 'The translation provider failed.' },
  config_invalid: { status: 500, message: 'The configuration is invalid.' },
  ingest_failed: { status: 500, message: 'Ingestion failed.' },
  internal: { status: 500, message: 'Internal error.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

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
  toJSON(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
