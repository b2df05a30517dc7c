/** wrangler.toml and the Worker entry stay deployable with the pinned wrangler/workerd (no workerd needed here). */
import { supportedCompatibilityDate } from 'miniflare';
import { describe, expect, it } from 'vitest';
import { isWebAsset } from '../scripts/lib/worker-bundle.js';
import { readWranglerSettings } from '../scripts/lib/workerd.js';

describe('wrangler.toml', () => {
  it('asks for a compatibility date the installed workerd supports', () => {
    const { compatibilityDate } = readWranglerSettings();
    expect(compatibilityDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(
      compatibilityDate <= supportedCompatibilityDate,
      `wrangler.toml compatibility_date ${compatibilityDate} is newer than ${supportedCompatibilityDate}, the newest the installed workerd supports`,
    ).toBe(true);
  });

  it('points at an entry module that exports only the default handler (workerd treats named exports as entrypoints)', async () => {
    const { main } = readWranglerSettings();
    expect(main).toMatch(/server[/\\]worker\.ts$/);
    const entry = await import('../server/worker.js');
    expect(Object.keys(entry)).toEqual(['default']);
    expect(typeof entry.default.fetch).toBe('function');
  });
});

describe('Worker assets', () => {
  it('take web files only', () => {
    expect(['index.html', 'assets/app.css', 'assets/chat-ui.js', 'assets/favicon.svg'].every(isWebAsset)).toBe(true);
    expect(['assets/i18n.d.ts', 'notes.md', 'assets/markers.ts'].some(isWebAsset)).toBe(false);
  });
});
