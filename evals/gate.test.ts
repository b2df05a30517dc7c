/**
 * CI gate: runs each gated suite in-process in the lexical+glossary configuration and checks every overall metric
 * against its thresholds file: the development suite (evals/thresholds.json), the held-out suite
 * (thresholds.holdout.json) and the seven real-document suites (thresholds.documents*.json, over the vendored texts
 * plus evals/documents/; suites 4, 5 and 7 are blind, suite 2 held-out, suites 1, 3 and 6 training). Builds each index first (ingest/build-index.ts); gold labels are verified against the live
 * documents and a mismatch fails the run.
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
import { writeCombinedCorpus } from './lib/real-corpus.js';

const GATES: Array<{ file: string; minItems: number; minBounds: number }> = [
  { file: 'thresholds.json', minItems: 95, minBounds: 10 },
  { file: 'thresholds.holdout.json', minItems: 45, minBounds: 8 },
  { file: 'thresholds.documents.json', minItems: 60, minBounds: 8 },
  { file: 'thresholds.documents-2.json', minItems: 60, minBounds: 8 },
  { file: 'thresholds.documents-3.json', minItems: 80, minBounds: 8 },
  { file: 'thresholds.documents-4.json', minItems: 80, minBounds: 8 },
  { file: 'thresholds.documents-5.json', minItems: 80, minBounds: 8 },
  { file: 'thresholds.documents-6.json', minItems: 80, minBounds: 8 },
  { file: 'thresholds.documents-7.json', minItems: 80, minBounds: 8 },
  { file: 'thresholds.documents-8.json', minItems: 80, minBounds: 8 },
  { file: 'thresholds.documents-9.json', minItems: 80, minBounds: 8 },
];

describe.each(GATES)('evaluation gate: $file', ({ file, minItems, minBounds }) => {
  const thresholds = JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as Thresholds & { withDocuments?: boolean };
  const bounds = Object.entries(thresholds.metrics) as Array<[MetricName, { min?: number; max?: number }]>;
  let run: ConfigurationReport | undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'ct-gate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const repoRoot = fileURLToPath(new URL('..', import.meta.url));
    const corpus = thresholds.withDocuments ? { CORPUS_DIR: await writeCombinedCorpus(path.join(dir, 'corpus'), { repoRoot }) } : {};
    const report = await evaluate({
      suitePath: fileURLToPath(new URL(`../${thresholds.suite}`, import.meta.url)),
      configurations: [thresholds.configuration],
      env: { ...process.env, LOG_LEVEL: 'error', INDEX_DIR: path.join(dir, 'index'), EMBEDDINGS_PROVIDER: 'none', ...corpus },
      bootstrapSamples: 0,
      progress: false,
    });
    run = report.configurations.find((c) => c.name === thresholds.configuration);
  }, 600_000);

  it(`ran ${thresholds.suite} on every question`, () => {
    expect(run?.reason).toBeUndefined();
    expect(run?.status).toBe('ran');
    expect(run?.items?.length).toBeGreaterThanOrEqual(minItems);
    expect(run?.items?.filter((i) => i.error).map((i) => `${i.id}: ${i.error}`)).toEqual([]);
  });

  it('has thresholds for the quality metrics', () => {
    expect(bounds.length).toBeGreaterThanOrEqual(minBounds);
  });

  it.each(bounds)('%s meets its threshold', (metric, bound) => {
    const m = run?.metrics?.overall[metric];
    const shown = `${metricDef(metric).label} = ${formatMetric(metricDef(metric), m)}`;
    expect(m?.value, shown).not.toBeNull();
    if (bound.min !== undefined) expect(m!.value!, shown).toBeGreaterThanOrEqual(bound.min);
    if (bound.max !== undefined) expect(m!.value!, shown).toBeLessThanOrEqual(bound.max);
  });
});
