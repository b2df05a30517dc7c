import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { ParallelTextTranslator } from './parallel-translator.js';

describe('ParallelTextTranslator', () => {
  it('returns the official other-language version of a Canadian unit, and nothing for any other text', async () => {
    const t = await ParallelTextTranslator.load(path.resolve('evals/documents'), loadConfig({}));
    expect(t.coverage.en).toBeGreaterThan(100);
    expect(t.coverage.fr).toBeGreaterThan(100);
    const [fr] = await t.translate(
      [
        '(6) If the Minister does not make a decision in respect of the application within a period of 120 days after the day on which the application is received — or within a further period of 120 days, if the Minister does not have sufficient information to make a decision and he or she notifies the applicant of the extension within the first 120-day period — the Minister is deemed to have decided to remove the applicant’s name from the list.',
      ],
      'en',
      'fr',
    );
    expect(fr).toMatch(/^\(6\) S’il ne rend pas sa décision dans les cent vingt jours/);
    expect(await t.translate(['Les États participants s’engagent.'], 'fr', 'en')).toEqual(['']);
  });
});
