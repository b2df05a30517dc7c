/**
 * CI gate: runs the core suite in-process in the lexical+glossary configuration and checks every overall
 * metric against evals/thresholds.json. Builds the index first when it is missing (ingest/build-index.ts);
 * gold labels are verified against the live documents and a mismatch fails the run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricDef, type MetricName } from './lib/aggregate.js';
import type { Thresholds } from './lib/compare.js';
import { evaluate, type ConfigurationReport } from './lib/evaluate.js';
import { formatMetric } from './lib/format.js';

const thresholds = JSON.parse(readFileSync(new URL('./thresholds.json', import.meta.url), 'utf8')) as Thresholds;
const bounds = Object.entries(thresholds.metrics) as Array<[MetricName, { min?: number; max?: number }]>;

describe(`evaluation gate: ${thresholds.suite}, ${thresholds.configuration}, in-process`, () => {
  let run: ConfigurationReport | undefined;
  const indexDir = mkdtempSync(path.join(tmpdir(), 'ct-gate-index-'));
  afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

  beforeAll(async () => {
    const report = await evaluate({
      suitePath: fileURLToPath(new URL(`../${thresholds.suite}`, import.meta.url)),
      configurations: [thresholds.configuration],
      env: { ...process.env, LOG_LEVEL: 'error', INDEX_DIR: path.join(indexDir, 'index'), EMBEDDINGS_PROVIDER: 'none' },
      bootstrapSamples: 0,
      progress: false,
    });
    run = report.configurations.find((c) => c.name === thresholds.configuration);
  }, 600_000);

  it('ran the gate configuration on every question', () => {
    expect(run?.reason).toBeUndefined();
    expect(run?.status).toBe('ran');
    expect(run?.items?.length).toBeGreaterThanOrEqual(95);
    expect(run?.items?.filter((i) => i.error).map((i) => `${i.id}: ${i.error}`)).toEqual([]);
  });

  it('has thresholds for the quality metrics', () => {
    expect(bounds.length).toBeGreaterThanOrEqual(10);
  });

  it.each(bounds)('%s meets its threshold', (metric, bound) => {
    const m = run?.metrics?.overall[metric];
    const shown = `${metricDef(metric).label} = ${formatMetric(metricDef(metric), m)}`;
    expect(m?.value, shown).not.toBeNull();
    if (bound.min !== undefined) expect(m!.value!, shown).toBeGreaterThanOrEqual(bound.min);
    if (bound.max !== undefined) expect(m!.value!, shown).toBeLessThanOrEqual(bound.max);
  });
});
