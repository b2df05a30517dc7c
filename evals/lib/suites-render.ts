/** Markdown and HTML of the side-by-side suites report (`npm run eval:suites`). */
import { metricDef, type MetricName, type MetricTable } from './aggregate.js';
import { escapeHtml as h, escapeMd, formatMetric } from './format.js';
import type { PairMetric, PairRow } from './language-pairs.js';

/** One suite's results in the side-by-side report. */
export interface SuiteResult {
  name: string;
  suite: string;
  role: string;
  description: string;
  withDocuments: boolean;
  /** Folders of further documents in the corpus (e.g. evals/distractors). */
  extraDirs?: string[];
  items: number;
  configuration: string;
  metrics: MetricTable | null;
  pairs: PairRow[];
  /** Answerable items the assistant refused, over answerable items. */
  falseAbstention: PairMetric;
  error?: string;
}

export interface SuitesReport {
  meta: { startedAt: string; finishedAt: string; configuration: string; bootstrapSamples: number; seed: number; node: string };
  suites: SuiteResult[];
}

/** The corpus a suite ran on, e.g. "vendored + evals/documents + evals/distractors". */
function corpusOf(s: SuiteResult, vendored: string, plus: string): string {
  return [vendored, ...(s.withDocuments ? ['evals/documents'] : []), ...(s.extraDirs ?? [])].join(plus);
}

/** Metrics shown side by side, in order. */
export const SIDE_BY_SIDE: readonly MetricName[] = [
  'passRate',
  'hit1',
  'hit5',
  'mrr',
  'citationPrecision',
  'citationRecall',
  'keyFactAccuracy',
  'abstentionPrecision',
  'abstentionRecall',
  'invalidCitationRate',
  'languageMatch',
  'latencyP50',
];

const RELATION: Record<string, string> = { same: 'same language', cross: 'across languages', both: 'parallel versions (gold in both)' };

const pairValue = (m: PairMetric) => formatMetric({ unit: 'ratio' }, m);

function pairKeys(r: SuitesReport): string[] {
  const keys = new Set<string>();
  for (const s of r.suites) for (const p of s.pairs) keys.add(`${p.questionLanguage}|${p.relation}`);
  return [...keys].sort();
}

function pairCell(s: SuiteResult, key: string, pick: (p: PairRow) => PairMetric): string {
  const p = s.pairs.find((x) => `${x.questionLanguage}|${x.relation}` === key);
  return p ? pairValue(pick(p)) : '—';
}

const pairLabel = (key: string) => {
  const [lang, rel] = key.split('|');
  return `${lang.toUpperCase()} questions, ${RELATION[rel] ?? rel}`;
};

/**
 * Markdown: one column per suite, metrics with 95% CIs, then the language split and false abstention.
 * @example
 * await writeFile('summary.md', renderSuitesMarkdown(report));
 */
export function renderSuitesMarkdown(r: SuitesReport): string {
  const out: string[] = ['# Evaluation suites side by side', ''];
  out.push(`- Configuration: \`${r.meta.configuration}\`, in-process; ${r.meta.startedAt} → ${r.meta.finishedAt}; Node ${r.meta.node}`);
  out.push(`- 95% confidence intervals: percentile bootstrap, ${r.meta.bootstrapSamples} resamples, seed ${r.meta.seed}; n = items the metric is defined on`, '');
  out.push('| suite | role | questions | corpus | description |', '|---|---|---:|---|---|');
  for (const s of r.suites) out.push(`| ${escapeMd(s.name)} | ${escapeMd(s.role)} | ${s.items} | ${corpusOf(s, 'vendored', ' + ')} | ${escapeMd(s.error ? `FAILED: ${s.error}` : s.description)} |`);
  const head = `| metric | ${r.suites.map((s) => escapeMd(s.name)).join(' | ')} |`;
  const sep = `|---|${r.suites.map(() => '---').join('|')}|`;
  out.push('', '## Metrics', '', head, sep);
  for (const name of SIDE_BY_SIDE) {
    const def = metricDef(name);
    out.push(`| ${def.label} | ${r.suites.map((s) => (s.metrics ? formatMetric(def, s.metrics[name]) : '—')).join(' | ')} |`);
  }
  out.push(`| False abstention | ${r.suites.map((s) => pairValue(s.falseAbstention)).join(' | ')} |`);
  out.push('', '## By language: Hit@1 and first citation correct', '', head, sep);
  for (const key of pairKeys(r)) {
    out.push(`| ${pairLabel(key)}: Hit@1 | ${r.suites.map((s) => pairCell(s, key, (p) => p.hit1)).join(' | ')} |`);
    out.push(`| ${pairLabel(key)}: first citation | ${r.suites.map((s) => pairCell(s, key, (p) => p.firstCitation)).join(' | ')} |`);
  }
  out.push('', 'False abstention: answerable questions the assistant refused, over answerable questions. First citation: the first unit the answer cites is a gold unit (0 when it abstained).', '');
  return out.join('\n');
}

/**
 * HTML version of the same tables (self-contained, no script).
 * @example
 * await writeFile('report.html', renderSuitesHtml(report));
 */
export function renderSuitesHtml(r: SuitesReport): string {
  const th = r.suites.map((s) => `<th>${h(s.name)}<br><span class="muted">${h(s.role)}</span></th>`).join('');
  const row = (label: string, cells: string[]) => `<tr><th scope="row">${h(label)}</th>${cells.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`;
  const metricRows = SIDE_BY_SIDE.map((name) =>
    row(
      metricDef(name).label,
      r.suites.map((s) => (s.metrics ? formatMetric(metricDef(name), s.metrics[name]) : '—')),
    ),
  );
  metricRows.push(
    row(
      'False abstention',
      r.suites.map((s) => pairValue(s.falseAbstention)),
    ),
  );
  const pairRows = pairKeys(r).flatMap((key) => [
    row(
      `${pairLabel(key)}: Hit@1`,
      r.suites.map((s) => pairCell(s, key, (p) => p.hit1)),
    ),
    row(
      `${pairLabel(key)}: first citation`,
      r.suites.map((s) => pairCell(s, key, (p) => p.firstCitation)),
    ),
  ]);
  const list = r.suites
    .map((s) => `<li><b>${h(s.name)}</b> (${h(s.role)}, ${s.items} questions, ${h(corpusOf(s, 'vendored texts', ' + '))}): ${h(s.error ? `FAILED: ${s.error}` : s.description)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Evaluation suites side by side</title><style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}td{font-variant-numeric:tabular-nums;white-space:nowrap}.muted{color:#555;font-weight:normal}</style></head>
<body><h1>Evaluation suites side by side</h1>
<p class="muted">Configuration ${h(r.meta.configuration)}, in-process; ${h(r.meta.startedAt)} → ${h(r.meta.finishedAt)}. 95% percentile-bootstrap CIs (${r.meta.bootstrapSamples} resamples, seed ${r.meta.seed}); n = items the metric is defined on.</p>
<ul>${list}</ul>
<h2>Metrics</h2><table><thead><tr><th>Metric</th>${th}</tr></thead><tbody>${metricRows.join('')}</tbody></table>
<h2>By language: Hit@1 and first citation correct</h2><table><thead><tr><th>Split</th>${th}</tr></thead><tbody>${pairRows.join('')}</tbody></table>
<p class="muted">False abstention: answerable questions refused, over answerable questions. First citation: the first unit the answer cites is gold (0 when it abstained).</p>
</body></html>
`;
}
