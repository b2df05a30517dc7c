/** Report writers: summary.md, self-contained report.html, junit.xml, and the report directory. */
import { mkdir, rm, writeFile, cp } from 'node:fs/promises';
import path from 'node:path';
import { METRICS, metricDef, type MetricName, type MetricTable } from './aggregate.js';
import type { BaselineComparison, GateResult } from './compare.js';
import type { ConfigurationReport, EvalReport, ItemResult } from './evaluate.js';
import { escapeHtml as h, escapeMd, escapeXml, formatDelta, formatMetric, formatValue } from './format.js';
import { refKey } from './metrics.js';

/** The report data plus the optional comparisons, as written to report.json. */
export interface FullReport extends EvalReport {
  baseline?: BaselineComparison;
  gate?: GateResult;
}

const ran = (r: FullReport) => r.configurations.filter((c): c is ConfigurationReport & Required<Pick<ConfigurationReport, 'metrics' | 'items'>> => c.status === 'ran' && !!c.metrics && !!c.items);
const SUMMARY_METRICS: MetricName[] = ['passRate', 'hit5', 'mrr', 'citationRecall', 'keyFactAccuracy', 'keyFactsTargetLanguage', 'languageMatch'];

// ---------------------------------------------------------------- Markdown

/**
 * Renders summary.md: metrics side by side, by language and type, baseline deltas, gate, failures.
 * @example
 * await writeFile('summary.md', renderMarkdown(report));
 */
export function renderMarkdown(r: FullReport): string {
  const cs = ran(r);
  const out: string[] = [];
  out.push(`# Evaluation report`, '');
  out.push(`- Suite: \`${r.meta.suite}\` (${r.meta.items} questions, sha256 ${r.meta.suiteSha256.slice(0, 12)})`);
  out.push(`- Target: ${r.meta.target}${r.meta.url ? ` ${r.meta.url}` : ''}; started ${r.meta.startedAt}, finished ${r.meta.finishedAt}`);
  out.push(`- 95% confidence intervals: percentile bootstrap, ${r.meta.bootstrapSamples} resamples, seed ${r.meta.seed}`, '');
  for (const c of r.configurations.filter((x) => x.status !== 'ran')) out.push(`- **${c.name}** ${c.status === 'failed' ? 'failed to run' : 'not run'}: ${escapeMd(c.reason)}`);
  if (r.configurations.some((x) => x.status !== 'ran')) out.push('');
  if (cs.length === 0) {
    out.push('No configuration ran.');
    return out.join('\n') + '\n';
  }
  out.push('## Overall', '');
  out.push(`| Metric | ${cs.map((c) => c.name).join(' | ')} |`, `| --- | ${cs.map(() => '---').join(' | ')} |`);
  for (const m of METRICS) out.push(`| ${m.label} | ${cs.map((c) => formatMetric(m, c.metrics.overall[m.name])).join(' | ')} |`);
  out.push('');
  const groupTable = (title: string, pick: (c: (typeof cs)[number]) => Record<string, MetricTable>) => {
    out.push(`## ${title}`, '');
    out.push(`| Configuration | Group | ${SUMMARY_METRICS.map((m) => metricDef(m).label).join(' | ')} |`, `| --- | --- | ${SUMMARY_METRICS.map(() => '---').join(' | ')} |`);
    for (const c of cs)
      for (const [g, t] of Object.entries(pick(c))) out.push(`| ${c.name} | ${g} (${t.passRate.n}) | ${SUMMARY_METRICS.map((m) => formatMetric(metricDef(m), t[m], false)).join(' | ')} |`);
    out.push('');
  };
  groupTable('By language', (c) => c.metrics.byLanguage);
  groupTable('By question type', (c) => c.metrics.byType);
  if (r.baseline) {
    out.push(`## Compared with baseline \`${r.baseline.file}\` (${r.baseline.createdAt})`, '');
    if (!r.baseline.sameSuite) out.push('> The baseline was measured on a different version of the suite: deltas are indicative only.', '');
    out.push(r.baseline.regressions.length ? `**${r.baseline.regressions.length} regression(s)** beyond tolerance.` : 'No regression beyond tolerance.', '');
    out.push('| Configuration | Metric | Baseline | Current | Δ | |', '| --- | --- | --- | --- | --- | --- |');
    for (const d of r.baseline.deltas) {
      const def = metricDef(d.metric);
      out.push(
        `| ${d.configuration} | ${def.label} | ${formatValue(def, d.baseline)} | ${formatValue(def, d.current)} | ${formatDelta(def, d.delta)} | ${d.regression ? '**REGRESSION**' : d.improvement ? 'improved' : ''} |`,
      );
    }
    out.push('');
  }
  if (r.gate) {
    out.push(`## Gate (${r.gate.configuration}): ${r.gate.ok ? 'PASSED' : 'FAILED'}`, '', '| Metric | Value | Bound | |', '| --- | --- | --- | --- |');
    for (const ch of r.gate.checks) {
      const def = metricDef(ch.metric);
      out.push(
        `| ${def.label} | ${formatValue(def, ch.value)} | ${ch.min !== undefined ? `≥ ${formatValue(def, ch.min)}` : ''}${ch.max !== undefined ? `≤ ${formatValue(def, ch.max)}` : ''} | ${ch.ok ? 'ok' : '**FAIL**'} |`,
      );
    }
    out.push('');
  }
  out.push('## Failed questions', '');
  for (const c of cs) {
    const failed = c.items.filter((i) => !i.pass);
    out.push(`### ${c.name}: ${failed.length} of ${c.items.length} failed`, '');
    for (const i of failed) out.push(`- \`${i.id}\` (${i.type}, ${i.language}): ${escapeMd(i.reasons.join('; '))}`);
    out.push('');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- JUnit

/**
 * Renders junit.xml: one test suite per configuration, one test case per question.
 * @example
 * await writeFile('junit.xml', renderJunit(report));
 */
export function renderJunit(r: FullReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const c of r.configurations) {
    if (c.status !== 'ran' || !c.items) {
      const isErr = c.status === 'failed';
      tests += 1;
      if (isErr) errors += 1;
      else skipped += 1;
      const body = isErr ? `<error message="${escapeXml(c.reason)}"/>` : `<skipped message="${escapeXml(`not run: ${c.reason}`)}"/>`;
      suites.push(
        `  <testsuite name="${escapeXml(c.name)}" tests="1" failures="0" errors="${isErr ? 1 : 0}" skipped="${isErr ? 0 : 1}" time="0">\n    <testcase classname="${escapeXml(c.name)}" name="configuration" time="0">${body}</testcase>\n  </testsuite>`,
      );
      continue;
    }
    const cases = c.items.map((i) => {
      const time = ((i.latencyMs ?? 0) / 1000).toFixed(3);
      const head = `    <testcase classname="${escapeXml(`${c.name}.${i.type}`)}" name="${escapeXml(`${i.id} [${i.language}]`)}" time="${time}">`;
      if (i.pass) return `${head}</testcase>`;
      const detail = [
        `question: ${i.question}`,
        `answer: ${i.answer ?? `(error: ${i.error})`}`,
        `cited: ${i.citations.map(refKey).join(', ') || 'none'}`,
        `gold: ${i.gold.map(refKey).join(', ') || 'none (must abstain)'}`,
      ].join('\n');
      const tag = i.error ? 'error' : 'failure';
      return `${head}\n      <${tag} message="${escapeXml(i.reasons.join('; '))}" type="${tag === 'error' ? 'RequestError' : 'EvalFailure'}">${escapeXml(detail)}</${tag}>\n    </testcase>`;
    });
    const f = c.items.filter((i) => !i.pass && !i.error).length;
    const e = c.items.filter((i) => i.error).length;
    tests += c.items.length;
    failures += f;
    errors += e;
    suites.push(
      `  <testsuite name="${escapeXml(c.name)}" tests="${c.items.length}" failures="${f}" errors="${e}" skipped="0" time="${((c.durationMs ?? 0) / 1000).toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="evals" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}

// ---------------------------------------------------------------- HTML

const PALETTE = ['#2563eb', '#d97706', '#059669', '#7c3aed', '#dc2626', '#0891b2'];

function barChart(title: string, metrics: MetricName[], cs: ReturnType<typeof ran>, unit: 'ratio' | 'ms'): string {
  const labelW = 170;
  const plotW = 420;
  const barH = 14;
  const gap = 3;
  const groupGap = 12;
  const max = unit === 'ratio' ? 1 : Math.max(1, ...cs.flatMap((c) => metrics.map((m) => c.metrics.overall[m].ci?.high ?? c.metrics.overall[m].value ?? 0))) * 1.1;
  let y = 24;
  const parts: string[] = [];
  for (const m of metrics) {
    const def = metricDef(m);
    const groupH = cs.length * (barH + gap);
    parts.push(`<text x="${labelW - 8}" y="${y + groupH / 2 + 4}" text-anchor="end" class="lbl">${h(def.label)}</text>`);
    cs.forEach((c, k) => {
      const v = c.metrics.overall[m];
      const by = y + k * (barH + gap);
      const w = v.value === null ? 0 : (v.value / max) * plotW;
      parts.push(
        `<rect x="${labelW}" y="${by}" width="${w.toFixed(1)}" height="${barH}" fill="${PALETTE[k % PALETTE.length]}"><title>${h(`${c.name} — ${def.label}: ${formatMetric(def, v)}`)}</title></rect>`,
      );
      if (v.ci) {
        const x1 = labelW + (v.ci.low / max) * plotW;
        const x2 = labelW + (v.ci.high / max) * plotW;
        parts.push(
          `<line x1="${x1.toFixed(1)}" x2="${x2.toFixed(1)}" y1="${by + barH / 2}" y2="${by + barH / 2}" class="ci"/><line x1="${x1.toFixed(1)}" x2="${x1.toFixed(1)}" y1="${by + 3}" y2="${by + barH - 3}" class="ci"/><line x1="${x2.toFixed(1)}" x2="${x2.toFixed(1)}" y1="${by + 3}" y2="${by + barH - 3}" class="ci"/>`,
        );
      }
      parts.push(`<text x="${labelW + plotW + 6}" y="${by + barH - 3}" class="val">${h(formatValue(def, v.value))}</text>`);
    });
    y += groupH + groupGap;
  }
  const height = y + 4;
  const width = labelW + plotW + 80;
  const axis =
    unit === 'ratio'
      ? [0, 0.25, 0.5, 0.75, 1]
          .map(
            (t) =>
              `<line x1="${labelW + t * plotW}" x2="${labelW + t * plotW}" y1="18" y2="${height - 8}" class="grid"/><text x="${labelW + t * plotW}" y="14" text-anchor="middle" class="tick">${t}</text>`,
          )
          .join('')
      : '';
  return `<figure class="chart"><figcaption>${h(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${h(title)}">${axis}${parts.join('')}</svg></figure>`;
}

function metricsTable(cs: ReturnType<typeof ran>): string {
  const head = `<tr><th>Metric</th>${cs.map((c, k) => `<th><span class="swatch" style="background:${PALETTE[k % PALETTE.length]}"></span>${h(c.name)}</th>`).join('')}</tr>`;
  const rows = METRICS.map((m) => `<tr><th title="${h(m.description)}">${h(m.label)}</th>${cs.map((c) => `<td>${h(formatMetric(m, c.metrics.overall[m.name]))}</td>`).join('')}</tr>`);
  return `<table class="metrics"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function groupTable(title: string, groups: Record<string, MetricTable>): string {
  const ms: MetricName[] = [
    'passRate',
    'hit1',
    'hit5',
    'mrr',
    'ndcg5',
    'citationPrecision',
    'citationRecall',
    'keyFactAccuracy',
    'keyFactsTargetLanguage',
    'languageMatch',
    'abstentionRecall',
    'latencyP50',
  ];
  const head = `<tr><th>${h(title)}</th><th>n</th>${ms.map((m) => `<th>${h(metricDef(m).label)}</th>`).join('')}</tr>`;
  const rows = Object.entries(groups).map(
    ([g, t]) => `<tr><th>${h(g)}</th><td>${t.passRate.n}</td>${ms.map((m) => `<td title="${h(formatMetric(metricDef(m), t[m]))}">${h(formatValue(metricDef(m), t[m].value))}</td>`).join('')}</tr>`,
  );
  return `<table class="metrics small"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function refList(refs: string[], c: ConfigurationReport, cls: (r: string) => string, mark: (r: string) => string): string {
  if (!refs.length) return '<em>none</em>';
  return refs
    .map((r) => {
      const text = c.paragraphs?.[r];
      const [doc, label] = r.split('#');
      return `<details class="ref ${cls(r)}"><summary>${h(doc)} § ${h(label)} ${mark(r)}</summary><div class="ptext">${text === undefined ? '<em>(no such paragraph)</em>' : h(text)}</div></details>`;
    })
    .join('');
}

function itemRow(c: ConfigurationReport, i: ItemResult): string {
  const gold = new Set(i.gold.map(refKey));
  const cited = [...new Set(i.citations.map(refKey))];
  const invalid = new Set(i.score.invalid);
  const history = i.history?.length ? `<div class="history">${i.history.map((t) => `<div><b>${h(t.role)}:</b> ${h(t.content)}</div>`).join('')}</div>` : '';
  const answer = i.error ? `<span class="err">${h(i.error)}</span>` : `${i.abstained ? '<span class="tag">abstained</span> ' : ''}${h(i.answer)}`;
  const quotes = i.citations
    .filter((x) => x.quote)
    .map((x) => `<div class="quote">[${h(x.ref)}] « ${h(x.quote)} »</div>`)
    .join('');
  const status = i.pass ? '<span class="pass">PASS</span>' : `<span class="fail">FAIL</span><ul class="reasons">${i.reasons.map((r) => `<li>${h(r)}</li>`).join('')}</ul>`;
  const search = `${i.id} ${i.question} ${i.answer ?? ''}`.toLowerCase();
  return `<tr data-config="${h(c.name)}" data-status="${i.pass ? 'pass' : 'fail'}" data-type="${h(i.type)}" data-lang="${h(i.language)}" data-search="${h(search)}">
<td>${h(c.name)}</td><td class="id">${h(i.id)}<div class="muted">${h(i.type)} · ${h(i.language)}${i.mustAbstain ? ' · must abstain' : ''}</div></td>
<td>${history}<div class="q">${h(i.question)}</div><details class="ref"><summary>reference answer</summary><div>${h(i.referenceAnswer)}</div></details></td>
<td>${answer}${quotes}</td>
<td><div class="muted">cited</div>${refList(
    cited,
    c,
    (r) => (invalid.has(r) ? 'invalid' : gold.has(r) ? 'hit' : 'miss'),
    (r) => (invalid.has(r) ? '✗ invalid' : gold.has(r) ? '✓ gold' : '· not gold'),
  )}<div class="muted">gold</div>${refList(
    i.gold.map(refKey),
    c,
    (r) => (cited.includes(r) ? 'hit' : 'missed'),
    (r) => (cited.includes(r) ? '✓ cited' : '✗ not cited'),
  )}</td>
<td>${status}</td><td class="num">${i.latencyMs === null ? '—' : Math.round(i.latencyMs)}</td></tr>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2937;background:#f8fafc}
header{background:#1e3a8a;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}header .meta{opacity:.85;font-size:13px}
main{padding:16px 24px;max-width:1500px}section{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px;margin:0 0 16px}
h2{font-size:18px;margin:4px 0 10px}h3{font-size:15px;margin:12px 0 6px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e5e7eb;padding:5px 8px;text-align:left;vertical-align:top}
table.metrics td{font-variant-numeric:tabular-nums;white-space:nowrap}table.small{font-size:12px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.chart{display:inline-block;margin:0 24px 8px 0}.chart figcaption{font-weight:600;margin-bottom:4px}
svg .lbl{font-size:12px;fill:#374151}svg .val{font-size:11px;fill:#374151}svg .tick{font-size:10px;fill:#6b7280}svg .grid{stroke:#e5e7eb}svg .ci{stroke:#111827;stroke-width:1.2}
.pass{color:#047857;font-weight:700}.fail{color:#b91c1c;font-weight:700}.err{color:#b91c1c}.reg{color:#b91c1c;font-weight:700}.imp{color:#047857}
.reasons{margin:4px 0 0 16px;padding:0;font-size:12px;color:#7f1d1d}.muted{color:#6b7280;font-size:12px}.id{font-family:ui-monospace,monospace;font-size:12px}
.q{font-weight:600}.history{font-size:12px;color:#4b5563;border-left:3px solid #cbd5e1;padding-left:6px;margin-bottom:4px}
.quote{font-size:12px;color:#374151;background:#f1f5f9;padding:2px 6px;margin-top:3px;border-radius:4px}.tag{background:#fde68a;border-radius:4px;padding:0 4px;font-size:12px}
details.ref summary{cursor:pointer;font-size:12px}details.ref .ptext{font-size:12px;background:#f8fafc;border:1px solid #e5e7eb;padding:4px 6px;white-space:pre-wrap}
details.hit summary{color:#047857}details.miss summary{color:#92400e}details.invalid summary{color:#b91c1c;font-weight:700}details.missed summary{color:#6b7280}
.filters{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:8px}.filters select,.filters input{font:inherit;padding:3px 6px}
td.num{text-align:right;font-variant-numeric:tabular-nums}#items td:nth-child(3){width:22%}#items td:nth-child(4){width:30%}#items td:nth-child(5){width:26%}#items td:nth-child(6){width:12%}details.ref .ptext{max-height:16em;overflow:auto}
.notrun{color:#6b7280}`;

const JS = `
(function(){var f=document.querySelectorAll('[data-filter]');var rows=document.querySelectorAll('#items tbody tr');var count=document.getElementById('count');
function apply(){var v={};f.forEach(function(e){v[e.getAttribute('data-filter')]=e.value.toLowerCase();});var n=0;
rows.forEach(function(r){var ok=(!v.config||r.dataset.config.toLowerCase()===v.config)&&(!v.status||r.dataset.status===v.status)&&(!v.type||r.dataset.type===v.type)&&(!v.lang||r.dataset.lang===v.lang)&&(!v.search||r.dataset.search.indexOf(v.search)!==-1);r.style.display=ok?'':'none';if(ok)n++;});count.textContent=n+' shown';}
f.forEach(function(e){e.addEventListener('input',apply);e.addEventListener('change',apply);});apply();})();`;

/**
 * Renders the self-contained report.html (inline CSS/JS/SVG, no external resource; all text escaped).
 * @example
 * await writeFile('report.html', renderHtml(report));
 */
export function renderHtml(r: FullReport): string {
  const cs = ran(r);
  const notRun = r.configurations.filter((c) => c.status !== 'ran');
  const sections: string[] = [];
  sections.push(
    `<section><h2>Configurations</h2>${
      cs.length ? metricsTable(cs) : '<p>No configuration ran.</p>'
    }${notRun.length ? `<ul class="notrun">${notRun.map((c) => `<li><b>${h(c.name)}</b> ${c.status === 'failed' ? 'failed to run' : 'not run'}: ${h(c.reason)} — no numbers reported.</li>`).join('')}</ul>` : ''}<p class="muted">Values with 95% percentile-bootstrap CI [low–high] (${r.meta.bootstrapSamples} resamples, seed ${r.meta.seed}) and n = items the metric is defined on.</p></section>`,
  );
  if (cs.length) {
    sections.push(
      `<section><h2>Charts</h2>${barChart('Retrieval', ['hit1', 'hit5', 'recall5', 'mrr', 'ndcg5'], cs, 'ratio')}${barChart('Answers', ['passRate', 'citationPrecision', 'citationRecall', 'keyFactAccuracy', 'keyFactsTargetLanguage', 'languageMatch'], cs, 'ratio')}${barChart('Abstention and citations', ['abstentionPrecision', 'abstentionRecall', 'invalidCitationRate'], cs, 'ratio')}${barChart('Latency', ['latencyP50', 'latencyP95'], cs, 'ms')}</section>`,
    );
  }
  if (r.baseline) {
    const rows = r.baseline.deltas.map((d) => {
      const def = metricDef(d.metric);
      return `<tr><td>${h(d.configuration)}</td><td>${h(def.label)}</td><td>${h(formatValue(def, d.baseline))}</td><td>${h(formatValue(def, d.current))}</td><td class="${d.regression ? 'reg' : d.improvement ? 'imp' : ''}">${h(formatDelta(def, d.delta))}${d.regression ? ' ▼ regression' : d.improvement ? ' ▲' : ''}</td></tr>`;
    });
    sections.push(
      `<section><h2>Baseline comparison</h2><p>Baseline <code>${h(r.baseline.file)}</code> (${h(r.baseline.createdAt)}). ${r.baseline.regressions.length ? `<span class="reg">${r.baseline.regressions.length} regression(s)</span> beyond tolerance.` : 'No regression beyond tolerance.'}${r.baseline.sameSuite ? '' : ' <b>The baseline was measured on another version of the suite.</b>'}</p><table class="metrics small"><thead><tr><th>Configuration</th><th>Metric</th><th>Baseline</th><th>Current</th><th>Δ</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    );
  }
  if (r.gate) {
    const rows = r.gate.checks.map((ch) => {
      const def = metricDef(ch.metric);
      return `<tr><td>${h(def.label)}</td><td>${h(formatValue(def, ch.value))}</td><td>${ch.min !== undefined ? `≥ ${h(formatValue(def, ch.min))}` : ''}${ch.max !== undefined ? `≤ ${h(formatValue(def, ch.max))}` : ''}</td><td>${ch.ok ? '<span class="pass">ok</span>' : '<span class="fail">FAIL</span>'}</td></tr>`;
    });
    sections.push(
      `<section><h2>Gate (${h(r.gate.configuration)}): ${r.gate.ok ? '<span class="pass">passed</span>' : '<span class="fail">failed</span>'}</h2><table class="metrics small"><thead><tr><th>Metric</th><th>Value</th><th>Bound</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    );
  }
  for (const c of cs) {
    const settings = c.settings
      ? Object.entries(c.settings)
          .map(([k, v]) => `${h(k)}=${h(v)}`)
          .join(', ')
      : h(c.target);
    sections.push(
      `<section><h2>${h(c.name)}</h2><p class="muted">${h(c.description)} — ${settings}${c.remappedGold?.length ? ` — ${c.remappedGold.length} gold label(s) remapped` : ''}</p><h3>By language</h3>${groupTable('Language', c.metrics.byLanguage)}<h3>By question type</h3>${groupTable('Type', c.metrics.byType)}</section>`,
    );
  }
  const types = [...new Set(cs.flatMap((c) => c.items.map((i) => i.type)))].sort();
  const opts = (xs: string[]) => xs.map((x) => `<option value="${h(x)}">${h(x)}</option>`).join('');
  const rows = cs.flatMap((c) => c.items.map((i) => itemRow(c, i)));
  if (cs.length) {
    sections.push(`<section><h2>Questions</h2><div class="filters">
<select data-filter="config"><option value="">all configurations</option>${opts(cs.map((c) => c.name))}</select>
<select data-filter="status"><option value="">pass and fail</option><option value="fail">fail</option><option value="pass">pass</option></select>
<select data-filter="type"><option value="">all types</option>${opts(types)}</select>
<select data-filter="lang"><option value="">fr and en</option><option value="fr">fr</option><option value="en">en</option></select>
<input data-filter="search" type="search" placeholder="search id, question, answer"><span id="count" class="muted"></span></div>
<table id="items"><thead><tr><th>Config</th><th>Id</th><th>Question</th><th>Answer</th><th>Cited vs gold</th><th>Result</th><th>ms</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`);
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Evaluation report — ${h(r.meta.suite)}</title><style>${CSS}</style></head>
<body><header><h1>Evaluation report</h1><div class="meta">Suite ${h(r.meta.suite)} · ${r.meta.items} questions · ${h(r.meta.target)}${r.meta.url ? ` ${h(r.meta.url)}` : ''} · ${h(r.meta.finishedAt)}</div></header>
<main>${sections.join('\n')}</main><script>${JS}</script></body></html>
`;
}

// ---------------------------------------------------------------- directory

/**
 * Writes report.json, summary.md, report.html and junit.xml into `dir` (created), and mirrors them
 * into `latestDir` when given.
 * @example
 * await writeReports(report, 'evals/reports/2024-06-01T10-00-00Z', 'evals/reports/latest');
 */
export async function writeReports(r: FullReport, dir: string, latestDir?: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Array<[string, string]> = [
    ['report.json', JSON.stringify(r, null, 2) + '\n'],
    ['summary.md', renderMarkdown(r)],
    ['report.html', renderHtml(r)],
    ['junit.xml', renderJunit(r)],
  ];
  for (const [name, body] of files) await writeFile(path.join(dir, name), body);
  if (latestDir && path.resolve(latestDir) !== path.resolve(dir)) {
    await rm(latestDir, { recursive: true, force: true });
    await mkdir(path.dirname(latestDir), { recursive: true });
    await cp(dir, latestDir, { recursive: true });
  }
  return files.map(([n]) => path.join(dir, n));
}
