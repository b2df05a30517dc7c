/** Readers of one environment variable each, for `loadConfig` (server/config.ts): a blank value is unset; a bad one throws `AppError('config_invalid')` naming the variable. */
import { AppError } from './errors.js';

/** An environment object: `process.env` (Node) or the Workers `env`. */
export type Env = Record<string, string | undefined>;

/**
 * The value as given, or `fallback` when unset or blank.
 * @example
 * str({ HOST: '0.0.0.0' }, 'HOST', '127.0.0.1'); // '0.0.0.0'
 */
export function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? fallback : v;
}

/**
 * The trimmed value, or undefined when unset or blank.
 * @example
 * opt({ LLM_API_KEY: ' k ' }, 'LLM_API_KEY'); // 'k'
 */
export function opt(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/**
 * An integer in `[min, max]`, or `fallback` when unset.
 * @example
 * int({ PORT: '3000' }, 'PORT', 8787, 0, 65535); // 3000
 */
export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = opt(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new AppError('config_invalid', `${name} must be an integer between ${min} and ${max} (got "${raw}").`);
  return n;
}

/**
 * A finite number, or `fallback` when unset.
 * @example
 * num({ LLM_TEMPERATURE: '0.2' }, 'LLM_TEMPERATURE', 0); // 0.2
 */
export function num(env: Env, name: string, fallback: number): number {
  const raw = opt(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new AppError('config_invalid', `${name} must be a number (got "${raw}").`);
  return n;
}

/**
 * `1/true/yes/on` or `0/false/no/off` (any case), or `fallback` when unset.
 * @example
 * bool({ GLOSSARY: 'off' }, 'GLOSSARY', true); // false
 */
export function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = opt(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new AppError('config_invalid', `${name} must be true/false or on/off (got "${raw}").`);
}

/**
 * One of `allowed`, or `fallback` when unset.
 * @example
 * oneOf({ LOG_LEVEL: 'warn' }, 'LOG_LEVEL', 'info', ['debug', 'info', 'warn'] as const); // 'warn'
 */
export function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = opt(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new AppError('config_invalid', `${name} must be one of ${allowed.join(', ')} (got "${raw}").`);
  return raw as T;
}

/**
 * Comma-separated IP addresses or CIDR ranges.
 * @example
 * list({ TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' }, 'TRUSTED_PROXIES'); // ['127.0.0.1', '10.0.0.0/8']
 */
export function list(env: Env, name: string): string[] {
  const items = (opt(env, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items)
    if (!/^(?:[0-9A-Fa-f:.]+(?:\/\d{1,3})?|loopback|linklocal|uniquelocal)$/.test(item))
      throw new AppError('config_invalid', `${name} entries must be IP addresses or CIDR ranges such as 10.0.0.0/8 (got "${item}").`);
  return items;
}

/**
 * An http(s) URL without trailing slashes, or undefined when unset.
 * @example
 * url({ LLM_BASE_URL: 'http://localhost:11434/v1/' }, 'LLM_BASE_URL'); // 'http://localhost:11434/v1'
 */
export function url(env: Env, name: string): string | undefined {
  const raw = opt(env, name);
  if (raw === undefined) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new AppError('config_invalid', `${name} must be an http(s) URL (got "${raw}").`);
  }
  return raw.replace(/\/+$/, '');
}
