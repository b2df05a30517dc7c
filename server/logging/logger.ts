/** Structured logs: one JSON object per line, `LOG_LEVEL` honoured at every level, secrets redacted. Web-standard. */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Exact strings to mask wherever they appear (API keys from the configuration). */
  secrets?: ReadonlyArray<string | undefined>;
  /** Where lines go; default: `console.log` for debug/info, `console.error` for warn/error. */
  write?: (line: string, level: Exclude<LogLevel, 'silent'>) => void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const REDACTED = '[REDACTED]';

/** Patterns of credentials that may turn up in upstream error bodies even when they are not ours. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi,
  /\bsk-[A-Za-z0-9_-]{6,}/g,
  /("?(?:api[_-]?key|authorization|x-api-key|password|secret|token)"?\s*[:=]\s*"?)[^"\s,;}]{4,}/gi,
];

/**
 * Masks the exact configured secrets (and their JSON-escaped forms), nothing else: safe on answer text.
 * @example
 * maskSecrets('key sk-abc123456', ['sk-abc123456']); // 'key [REDACTED]'
 */
export function maskSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    out = out.split(s).join(REDACTED);
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s) out = out.split(escaped).join(REDACTED);
  }
  return out;
}

/**
 * Masks configured secrets and credential-looking substrings.
 * @example
 * redact('upstream said: Bearer sk-abc123456', ['sk-abc123456']); // 'upstream said: [REDACTED]'
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = maskSecrets(text, secrets);
  out = out.replace(CREDENTIAL_PATTERNS[0], (_m, scheme: string) => `${scheme} ${REDACTED}`);
  out = out.replace(CREDENTIAL_PATTERNS[1], REDACTED);
  out = out.replace(CREDENTIAL_PATTERNS[2], (_m, key: string) => `${key}${REDACTED}`);
  return out;
}

/** An error as loggable fields: name, message and the chain of causes (no stack below debug). */
export function errorFields(err: unknown, withStack = false): LogFields {
  if (!(err instanceof Error)) return { error: String(err) };
  const causes: string[] = [];
  for (let c = (err as { cause?: unknown }).cause, i = 0; c !== undefined && i < 5; c = (c as { cause?: unknown }).cause, i++) causes.push(c instanceof Error ? `${c.name}: ${c.message}` : String(c));
  return { error: `${err.name}: ${err.message}`, ...(causes.length ? { cause: causes.join(' <- ') } : {}), ...(withStack && err.stack ? { stack: err.stack } : {}) };
}

const defaultWrite = (line: string, level: Exclude<LogLevel, 'silent'>) => (level === 'warn' || level === 'error' ? console.error(line) : console.log(line));

/**
 * Creates a logger writing one JSON line per call: `{"time","level","msg",...fields}`, redacted.
 * @example
 * const log = createLogger({ level: 'info', secrets: [config.llm.apiKey] });
 * log.info('request', { id, route: '/api/chat', status: 200, ms: 3.2 });
 */
export function createLogger(options: LoggerOptions): Logger {
  const min = RANK[options.level];
  const write = options.write ?? defaultWrite;
  const secrets = options.secrets ?? [];
  const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
    if (RANK[level] < min) return;
    let line: string;
    try {
      line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
    } catch {
      line = JSON.stringify({ time: new Date().toISOString(), level, msg, fields: '[unserialisable]' });
    }
    write(redact(line, secrets), level);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger({ level: 'silent' });
