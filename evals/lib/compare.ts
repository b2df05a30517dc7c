/** Baseline comparison (deltas, regressions) and threshold gate over overall metrics. */
import { METRICS, metricDef, type MetricName } from './aggregate.js';
import type { EvalReport } from './evaluate.js';

/** `evals/baseline.json`: overall metrics of a stored run, per configuration. */
export interface Baseline {
  createdAt: string;
  suite: string;
  suiteSha256: string;
  items: number;
  configurations: Record<string, Partial<Record<MetricName, number | null>>>;
}

export interface Delta {
  configuration: string;
  metric: MetricName;
  baseline: number | null;
  current: number | null;
  delta: number | null;
  regression: boolean;
  improvement: boolean;
}

export interface BaselineComparison {
  file: string;
  createdAt: string;
  sameSuite: boolean;
  deltas: Delta[];
  regressions: Delta[];
}

/** How much worse than the baseline a metric may get before it is flagged. */
export const TOLERANCE: Record<'ratio' | 'ms', { absolute: number; relative: number }> = {
  ratio: { absolute: 0.02, relative: 0 },
  ms: { absolute: 25, relative: 0.5 },
};

/**
 * Extracts a baseline (overall metrics per configuration that ran) from a report.
 * @example
 * await writeFile('evals/baseline.json', JSON.stringify(toBaseline(report), null, 2));
 */
export function toBaseline(report: EvalReport): Baseline {
  const configurations: Baseline['configurations'] = {};
  for (const c of report.configurations) {
    if (c.status !== 'ran' || !c.metrics) continue;
    configurations[c.name] = Object.fromEntries(
      METRICS.map((m) => {
        const v = c.metrics!.overall[m.name].value;
        return [m.name, v === null ? null : Math.round(v * 10000) / 10000];
      }),
    );
  }
  return { createdAt: report.meta.finishedAt, suite: report.meta.suite, suiteSha256: report.meta.suiteSha256, items: report.meta.items, configurations };
}

/**
 * True when `current` is worse than `baseline` by more than the tolerance of the metric's unit
 * (ratios: 0.02 absolute; latencies: 25 ms and 50 % relative, both exceeded).
 * @example
 * isRegression('hit5', 0.95, 0.90) // true
 */
export function isRegression(metric: MetricName, baseline: number | null, current: number | null): boolean {
  if (baseline === null || current === null) return false;
  const def = metricDef(metric);
  const worse = def.better === 'higher' ? baseline - current : current - baseline;
  const tol = TOLERANCE[def.unit];
  if (def.unit === 'ms') return worse > tol.absolute && worse > Math.abs(baseline) * tol.relative;
  return worse > tol.absolute + 1e-9;
}

/**
 * Compares a report with a baseline: one delta per metric of every configuration present in both.
 * @example
 * const cmp = compareWithBaseline(report, baseline, 'evals/baseline.json');
 * cmp.regressions.length; // 0 when nothing got worse
 */
export function compareWithBaseline(report: EvalReport, baseline: Baseline, file: string): BaselineComparison {
  const deltas: Delta[] = [];
  for (const c of report.configurations) {
    const base = baseline.configurations[c.name];
    if (c.status !== 'ran' || !c.metrics || !base) continue;
    for (const m of METRICS) {
      const b = base[m.name] ?? null;
      const cur = c.metrics.overall[m.name].value;
      const delta = b === null || cur === null ? null : cur - b;
      const regression = isRegression(m.name, b, cur);
      const improvement = b !== null && cur !== null && !regression && isRegression(m.name, cur, b);
      deltas.push({ configuration: c.name, metric: m.name, baseline: b, current: cur, delta, regression, improvement });
    }
  }
  return { file, createdAt: baseline.createdAt, sameSuite: baseline.suiteSha256 === report.meta.suiteSha256, deltas, regressions: deltas.filter((d) => d.regression) };
}

/** `evals/thresholds.json`: minimum (or maximum) overall values for the CI gate. */
export interface Thresholds {
  configuration: string;
  suite: string;
  note?: string;
  measured?: Partial<Record<MetricName, number | null>>;
  metrics: Partial<Record<MetricName, { min?: number; max?: number }>>;
}

export interface GateResult {
  configuration: string;
  checks: Array<{ metric: MetricName; value: number | null; min?: number; max?: number; ok: boolean }>;
  ok: boolean;
}

/**
 * Checks the overall metrics of the thresholds' configuration against their bounds. A metric with no value fails.
 * @example
 * checkThresholds(report, thresholds).ok
 */
export function checkThresholds(report: EvalReport, thresholds: Thresholds): GateResult {
  const c = report.configurations.find((x) => x.name === thresholds.configuration);
  if (!c || c.status !== 'ran' || !c.metrics) throw new Error(`The gate needs configuration "${thresholds.configuration}" but it did not run${c?.reason ? `: ${c.reason}` : ''}.`);
  const checks = (Object.entries(thresholds.metrics) as Array<[MetricName, { min?: number; max?: number }]>).map(([metric, b]) => {
    const value = c.metrics!.overall[metric]?.value ?? null;
    const ok = value !== null && (b.min === undefined || value >= b.min) && (b.max === undefined || value <= b.max);
    return { metric, value, ...b, ok };
  });
  return { configuration: c.name, checks, ok: checks.every((x) => x.ok) };
}
