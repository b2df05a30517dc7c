import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig: limits and secure defaults', () => {
  it('has bounded defaults', () => {
    expect(loadConfig({}).limits).toEqual({
      maxBodyBytes: 65536,
      maxHistoryTurns: 12,
      maxHistoryChars: 16000,
      rateLimitPerMinute: 120,
      trustedProxies: [],
      llmConcurrency: 4,
      embeddingsConcurrency: 8,
    });
    expect(loadConfig({}).llm.maxTokens).toBe(800);
    expect(loadConfig({}).production).toBe(false);
  });

  it.each([{ NODE_ENV: 'production' }, { PUBLIC_URL: 'https://ct.example' }])('refuses to start in production without ALLOWED_ORIGINS (%o)', (env) => {
    expect(() => loadConfig(env)).toThrow(/ALLOWED_ORIGINS must be set in production/);
    expect(loadConfig({ ...env, ALLOWED_ORIGINS: 'https://partner.example' }).allowedOrigins).toEqual(['https://partner.example']);
    expect(loadConfig({ ...env, ALLOWED_ORIGINS: '*' }).production).toBe(true);
  });

  it('reads TRUSTED_PROXIES and refuses entries that are not addresses', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).limits.trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'loopback']);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/TRUSTED_PROXIES/);
  });

  it('validates the numeric limits', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }).limits.rateLimitPerMinute).toBe(0);
    expect(() => loadConfig({ MAX_BODY_BYTES: '10' })).toThrow(/MAX_BODY_BYTES/);
    expect(() => loadConfig({ LLM_MAX_CONCURRENCY: '0' })).toThrow(/LLM_MAX_CONCURRENCY/);
  });
});
