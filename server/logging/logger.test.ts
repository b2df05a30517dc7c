import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './logger.js';

const capture = (level: 'debug' | 'info' | 'warn' | 'error' | 'silent', secrets: string[] = []) => {
  const lines: string[] = [];
  const log = createLogger({ level, secrets, write: (l) => lines.push(l) });
  return { log, lines };
};

describe('logger', () => {
  it('writes one JSON object per line with time, level, msg and fields', () => {
    const { log, lines } = capture('debug');
    log.info('request', { id: 'x', status: 200 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ time: expect.any(String), level: 'info', msg: 'request', id: 'x', status: 200 });
  });

  it.each([
    ['debug', 4],
    ['info', 3],
    ['warn', 2],
    ['error', 1],
    ['silent', 0],
  ] as const)('LOG_LEVEL=%s keeps %i of the 4 levels', (level, n) => {
    const { log, lines } = capture(level);
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines).toHaveLength(n);
  });

  it('redacts configured secrets (also JSON-escaped) and credential-looking strings', () => {
    const secret = 'sk-live"quoted\\key123';
    const { log, lines } = capture('info', [secret]);
    log.warn('upstream', { body: `echo ${secret}`, header: 'Authorization: Bearer abcdefghij', other: 'key sk-otherkey12345678' });
    expect(lines[0]).not.toContain('quoted');
    expect(lines[0]).not.toContain('abcdefghij');
    expect(lines[0]).not.toContain('otherkey');
    expect(lines[0]).toContain('[REDACTED]');
    expect(redact('{"api_key":"hunter2hunter2"}')).toBe('{"api_key":"[REDACTED]"}');
  });
});
