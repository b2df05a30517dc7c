/** Small statistics for benchmark samples: percentiles, median, MAD, summaries and growth fits. */

/**
 * Percentile by linear interpolation between closest ranks (type 7, as numpy/R default).
 * @example
 * percentile([1, 2, 3, 4], 50) // 2.5
 */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/**
 * Median of the values.
 * @example
 * median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * Median absolute deviation from the median (unscaled).
 * @example
 * mad([1, 2, 3, 4, 100]) // 1
 */
export function mad(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  mad: number;
}

/**
 * Summary of samples, rounded to `digits` decimals.
 * @example
 * summarize([1, 2, 3]).p50 // 2
 */
export function summarize(values: readonly number[], digits = 3): Summary {
  const r = (v: number) => round(v, digits);
  return {
    n: values.length,
    p50: r(median(values)),
    p95: r(percentile(values, 95)),
    p99: r(percentile(values, 99)),
    mean: r(values.length ? values.reduce((s, v) => s + v, 0) / values.length : Number.NaN),
    min: r(values.length ? Math.min(...values) : Number.NaN),
    max: r(values.length ? Math.max(...values) : Number.NaN),
    mad: r(mad(values)),
  };
}

/**
 * Rounds to a number of decimals (NaN and infinities are kept).
 * @example
 * round(1.23456, 2) // 1.23
 */
export function round(v: number, digits = 3): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export type GrowthClass = 'constant' | 'logarithmic' | 'sublinear' | 'linear' | 'superlinear' | 'n/a';

export interface GrowthFit {
  /** Exponent b of y ≈ a·n^b (least squares on log–log). */
  exponent: number;
  /** R² of y ≈ a + c·n (affine) and of y ≈ a + c·ln n. */
  r2Linear: number;
  r2Log: number;
  /** Slope of the affine fit per 1,000 units of n (e.g. MiB per 1,000 paragraphs). */
  perThousand: number;
  /** Local exponent between the two largest sizes: log(y_last / y_prev) / log(n_last / n_prev); above 1 means accelerating. */
  exponentLast: number;
  growth: GrowthClass;
}

function linearFit(xs: number[], ys: number[]): { slope: number; intercept: number; r2: number } {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxx ? sxy / sxx : 0;
  const intercept = my - slope * mx;
  const r2 = syy ? (sxy * sxy) / (sxx * syy) : 1;
  return { slope, intercept, r2 };
}

/**
 * Classifies how a cost grows with the corpus size from three (n, y) points or more: `constant` when the
 * values stay within ±10 % of their median; otherwise the better of an affine fit (`linear`, a fixed cost
 * plus a per-item cost) and a logarithmic fit (`logarithmic`), `superlinear` when the log–log exponent
 * exceeds 1.2, `sublinear` when neither model fits (R² < 0.9).
 * @example
 * fitGrowth([1e3, 1e4, 1e5], [1, 10, 100]).growth // 'linear'
 */
export function fitGrowth(ns: readonly number[], ys: readonly number[]): GrowthFit {
  const pts = ns.map((n, i) => [n, ys[i]] as const).filter(([n, y]) => n > 0 && y > 0 && Number.isFinite(y));
  if (pts.length < 3) return { exponent: Number.NaN, r2Linear: Number.NaN, r2Log: Number.NaN, perThousand: Number.NaN, exponentLast: Number.NaN, growth: 'n/a' };
  const xs = pts.map(([n]) => n);
  const values = pts.map(([, y]) => y);
  const power = linearFit(xs.map(Math.log), values.map(Math.log));
  const lin = linearFit(xs, values);
  const log = linearFit(xs.map(Math.log), values);
  const m = median(values);
  let growth: GrowthClass;
  if ((Math.max(...values) - Math.min(...values)) / m < 0.2) growth = 'constant';
  else if (power.slope > 1.2) growth = 'superlinear';
  else if (lin.r2 >= log.r2 && lin.r2 >= 0.9) growth = 'linear';
  else if (log.r2 >= 0.9) growth = 'logarithmic';
  else growth = 'sublinear';
  const [nPrev, yPrev] = pts[pts.length - 2];
  const [nLast, yLast] = pts[pts.length - 1];
  const exponentLast = Math.log(yLast / yPrev) / Math.log(nLast / nPrev);
  return { exponent: round(power.slope, 3), r2Linear: round(lin.r2, 3), r2Log: round(log.r2, 3), perThousand: round(lin.slope * 1000, 4), exponentLast: round(exponentLast, 3), growth };
}
