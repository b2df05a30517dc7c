/** Formatting and escaping helpers shared by the report writers. */
import type { MetricDef, MetricValue } from './aggregate.js';

/**
 * Escapes text for HTML element content and attribute values.
 * @example
 * escapeHtml('<a href="x">') // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Escapes text for XML 1.0 content and attributes, dropping characters XML cannot carry.
 * @example
 * escapeXml('a & b\u0001') // 'a &amp; b'
 */
export function escapeXml(s: unknown): string {
  return escapeHtml(String(s ?? '').replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));
}

/**
 * Escapes text for a Markdown table cell (pipes, line breaks) and inline HTML.
 * @example
 * escapeMd('a|b\nc') // 'a\\|b c'
 */
export function escapeMd(s: unknown): string {
  return String(s ?? '')
    .replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)
    .replace(/\|/g, '\\|')
    .replace(/\s*\r?\n\s*/g, ' ');
}

/**
 * Formats a metric value: ratios with 3 decimals, latencies in ms; "—" for no value.
 * @example
 * formatValue({ unit: 'ratio' }, 0.5) // '0.500'
 */
export function formatValue(def: Pick<MetricDef, 'unit'>, v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return def.unit === 'ms' ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : v.toFixed(3);
}

/**
 * Formats a value with its 95% CI and support, e.g. "0.900 [0.820–0.960] n=40".
 * @example
 * formatMetric({ unit: 'ratio' }, { value: 1, n: 3, ci: { low: 1, high: 1 } }) // '1.000 [1.000–1.000] n=3'
 */
export function formatMetric(def: Pick<MetricDef, 'unit'>, m: MetricValue | undefined, withN = true): string {
  if (!m || m.value === null) return '—';
  const ci = m.ci ? ` [${formatValue(def, m.ci.low).replace(' ms', '')}–${formatValue(def, m.ci.high)}]` : '';
  return `${formatValue(def, m.value)}${ci}${withN ? ` n=${m.n}` : ''}`;
}

/**
 * Formats a signed delta.
 * @example
 * formatDelta({ unit: 'ratio' }, -0.05) // '−0.050'
 */
export function formatDelta(def: Pick<MetricDef, 'unit'>, d: number | null): string {
  if (d === null) return '—';
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  return `${sign}${formatValue(def, Math.abs(d))}`;
}
