import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.js';
import { compareWithBaseline, checkThresholds, isRegression, toBaseline } from './compare.js';
import type { ConfigurationReport, ItemResult } from './evaluate.js';
import { renderHtml, renderJunit, renderMarkdown, type FullReport } from './reports.js';
import { scoreItem } from './score.js';

const B = 'osce-bucharest-plan-2001';
const evil = '<script>alert("x")</script> & "quotes" \u0001';

function itemResult(pass: boolean): ItemResult {
  const item = { id: `q-${pass}`, language: 'fr' as const, type: 'adversarial' as const, question: evil, referenceAnswer: evil, gold: [{ documentId: B, paragraph: '5' }], keyFacts: ['2002'] };
  const response = {
    answer: pass ? `Réponse 2002 ${evil}` : evil,
    language: 'fr' as const,
    abstained: false,
    citations: [{ ref: 1, documentId: B, documentTitle: 'Plan', paragraph: '5', text: '', quote: evil }],
    retrieval: { mode: 'lexical' as const, passages: [{ documentId: B, paragraph: '5', score: 1 }] },
  };
  const { score, reasons } = scoreItem(item, response, new Set([`${B}#5`]));
  return {
    ...item,
    mustAbstain: false,
    answer: response.answer,
    answerLanguage: 'fr',
    abstained: false,
    citations: response.citations,
    retrievalMode: 'lexical',
    passages: response.retrieval.passages,
    latencyMs: 12,
    score,
    pass,
    reasons: pass ? [] : [...reasons, evil],
  };
}

function report(): FullReport {
  const items = [itemResult(true), itemResult(false)];
  const cfg: ConfigurationReport = {
    name: 'lexical+glossary',
    description: evil,
    status: 'ran',
    metrics: aggregate(items, { samples: 50, seed: 1 }),
    items,
    paragraphs: { [`${B}#5`]: `Texte ${evil}` },
    durationMs: 30,
  };
  return {
    meta: { tool: 'evals/run.ts', startedAt: 't0', finishedAt: 't1', suite: 'evals/suites/x.jsonl', suiteSha256: 'abc', items: 2, target: 'in-process', seed: 1, bootstrapSamples: 50, node: 'v20' },
    configurations: [cfg, { name: 'dense', description: 'vectors', status: 'not-configured', reason: `no provider ${evil}` }],
  };
}

describe('report writers', () => {
  it('escapes every text in the HTML report and loads nothing external', () => {
    const html = renderHtml(report());
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('<svg');
    expect(html).toContain('dense</b> not run');
    expect(html).not.toMatch(/dense<\/th>/);
  });

  it('writes one JUnit test case per question, escaped, and a skipped case for configurations that did not run', () => {
    const xml = renderJunit(report());
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<testsuites name="evals" tests="3" failures="1" errors="0" skipped="1">');
    expect(xml).toContain('<skipped message="not run: no provider &lt;script&gt;');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toContain('<script>');
  });

  it('summarises in Markdown without numbers for configurations that did not run', () => {
    const md = renderMarkdown(report());
    expect(md).toContain('| Metric | lexical+glossary |');
    expect(md).toContain('**dense** not run');
    expect(md).not.toContain('| Metric | lexical+glossary | dense |');
    expect(md).toContain('&lt;script&gt;');
  });
});

describe('baseline and gate', () => {
  it('flags regressions beyond tolerance, direction-aware', () => {
    expect(isRegression('hit5', 0.95, 0.94)).toBe(false);
    expect(isRegression('hit5', 0.95, 0.92)).toBe(true);
    expect(isRegression('invalidCitationRate', 0, 0.05)).toBe(true);
    expect(isRegression('invalidCitationRate', 0.05, 0)).toBe(false);
    expect(isRegression('latencyP95', 100, 140)).toBe(false);
    expect(isRegression('latencyP95', 100, 160)).toBe(true);
    expect(isRegression('latencyP95', 2, 20)).toBe(false);
  });

  it('compares a report with its own baseline (no delta) and a worse one', () => {
    const r = report();
    const base = toBaseline(r);
    expect(Object.keys(base.configurations)).toEqual(['lexical+glossary']);
    const same = compareWithBaseline(r, base, 'b.json');
    expect(same.regressions).toEqual([]);
    expect(same.sameSuite).toBe(true);
    const better = { ...base, configurations: { 'lexical+glossary': { ...base.configurations['lexical+glossary'], passRate: 1 } } };
    const cmp = compareWithBaseline(r, better, 'b.json');
    expect(cmp.regressions.map((d) => d.metric)).toEqual(['passRate']);
    expect(renderMarkdown({ ...r, baseline: cmp })).toContain('**REGRESSION**');
  });

  it('checks thresholds and refuses a configuration that did not run', () => {
    const r = report();
    expect(checkThresholds(r, { configuration: 'lexical+glossary', suite: 'x', metrics: { passRate: { min: 0.5 }, invalidCitationRate: { max: 0 } } }).ok).toBe(true);
    expect(checkThresholds(r, { configuration: 'lexical+glossary', suite: 'x', metrics: { passRate: { min: 0.6 } } }).ok).toBe(false);
    expect(() => checkThresholds(r, { configuration: 'dense', suite: 'x', metrics: {} })).toThrow(/did not run/);
  });
});
