/**
 * Hostile files: every loader runs under limits (size, nesting depth, time, paragraphs) and fails with a
 * message naming the file and the limit, or finishes with a bounded result. Cases that were quadratic or
 * worse before (node-html-parser on unclosed tags, inline Markdown patterns on long lines) stay linear; the
 * times are printed, not asserted (each test has a generous timeout as the only guard).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../../tests/fixtures/make-pdf.js';
import { loadFile } from './load-file.js';

let dir: string;
const times: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-hostile-'));
});
afterAll(async () => {
  console.log(`hostile files: ${times.join('; ')}`);
  await rm(dir, { recursive: true, force: true });
});

async function load(name: string, content: string | Uint8Array, limits: Parameters<typeof loadFile>[1] = {}) {
  const file = path.join(dir, name);
  await writeFile(file, content);
  const started = performance.now();
  const result = await loadFile(file, limits).then(
    (r) => ({ ok: true as const, text: r.text }),
    (err: Error) => ({ ok: false as const, message: err.message }),
  );
  times.push(`${name} ${(content.length / 1024).toFixed(0)} KB → ${result.ok ? 'text' : 'error'} in ${Math.round(performance.now() - started)} ms`);
  return { file, ...result };
}

describe('hostile HTML', () => {
  it('50,000 unclosed <div>: a nesting-depth error naming the file', async () => {
    const r = await load('unclosed-divs.html', `<html><body>${'<div>x '.repeat(50000)}</body></html>`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^.*unclosed-divs\.html: limit exceeded: elements nested 256\+ deep \(limit 256, INGEST_MAX_DEPTH\)$/);
  }, 30_000);

  it('8,000 nested closed <div>: the same clear error, no stack overflow', async () => {
    const r = await load('nested-divs.html', `${'<div>'.repeat(8000)}deep${'</div>'.repeat(8000)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/nested-divs\.html: limit exceeded: elements nested 256\+ deep/);
  }, 30_000);

  it('20,000 unclosed <p> and <li> (implied end tags): converted, not nested', async () => {
    const p = await load('unclosed-p.html', `<body>${Array.from({ length: 20000 }, (_, i) => `<p>${i + 1}. Texte`).join('\n')}</body>`);
    expect(p.ok && p.text.split('\n\n').length).toBe(20000);
    const li = await load('unclosed-li.html', `<ul>${'<li>item '.repeat(20000)}</ul>`);
    expect(li.ok && li.text.split('\n').length).toBe(20000);
  }, 30_000);

  it('a deadline stops a conversion that takes too long', async () => {
    const r = await load('slow.html', `<body>${'<p><b>a</b> <i>b</i></p>'.repeat(100000)}</body>`, { timeoutMs: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/slow\.html: limit exceeded: conversion took too long \(limit 1 ms, INGEST_TIMEOUT_MS\)/);
  }, 30_000);
});

describe('hostile Markdown', () => {
  it('10,000 nested quotes: a nesting-depth error naming the file and line', async () => {
    const r = await load('quotes.md', `# T\n\n${'>'.repeat(10000)} deep`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/quotes\.md: limit exceeded: quotes or lists nested 256\+ deep at line 3/);
  }, 30_000);

  it('100 KB lines of unclosed emphasis and brackets: converted in linear time', async () => {
    for (const [name, line] of [
      ['stars.md', '**a '.repeat(25000)],
      ['brackets.md', '['.repeat(100000)],
      ['links.md', '[a]('.repeat(25000)],
    ] as const) {
      const r = await load(name, `${line}\n\nfin.`);
      expect(r.ok, name).toBe(true);
    }
  }, 60_000);
});

describe('hostile PDF and limits shared by every format', () => {
  it('a file over INGEST_MAX_FILE_MB is refused before it is read', async () => {
    const r = await load('big.pdf', makePdf([['x']]), { maxFileBytes: 100 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/big\.pdf: limit exceeded: file of 0\.0 MB \(limit 0 MB, INGEST_MAX_FILE_MB\)/);
  });

  it('a 400-page PDF under a 1 ms budget stops with the time limit', async () => {
    const pages = Array.from({ length: 400 }, (_, i) => [`${i + 1}. Page ${i + 1}.`]);
    const r = await load('many-pages.pdf', makePdf(pages), { timeoutMs: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/many-pages\.pdf: limit exceeded: conversion took too long/);
  }, 60_000);

  it('a PDF with a 100,000-deep nested array: a clear error or text, never a crash', async () => {
    const pdf = Buffer.from(makePdf([['1. Texte.']])).toString('latin1');
    const hostile = pdf.replace('/Type /Catalog', `/Type /Catalog /Evil ${'['.repeat(100000)}${']'.repeat(100000)}`);
    const r = await load('nested-arrays.pdf', Buffer.from(hostile, 'latin1'));
    if (!r.ok) expect(r.message).toMatch(/^.*nested-arrays\.pdf: /);
  }, 60_000);
});
