/** Unit tests of the bench's pure helpers (statistics, growth fit, synthetic corpora, questions). No timing here. */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorBody } from '../bench/lib/floor-server.js';
import { chatBody, FALLBACK_QUESTIONS, goldRank, gradable, loadQuestions } from '../bench/lib/questions.js';
import { fitGrowth, mad, median, percentile, summarize } from '../bench/lib/stats.js';
import { mulberry32 } from '../evals/lib/metrics.js';
import { sentencePool, writeSyntheticCorpus } from '../bench/lib/synth.js';
import type { CorpusData } from '../server/corpus/corpus-store.js';
import { vendoredCorpus } from './helpers/corpus-app.js';

describe('stats', () => {
  it('interpolates percentiles between ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10], 99)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5], 100)).toBe(5);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('computes median and MAD robustly', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(summarize([1, 2, 3]).p50).toBe(2);
  });

  it('classifies growth from three sizes', () => {
    const ns = [1e3, 1e4, 1e5];
    expect(fitGrowth(ns, [5, 5.2, 5.1]).growth).toBe('constant');
    expect(fitGrowth(ns, [1, 10, 100]).growth).toBe('linear');
    expect(fitGrowth(ns, [100, 110, 200]).growth).toBe('linear');
    expect(fitGrowth(ns, [1, 2, 3]).growth).toBe('logarithmic');
    expect(fitGrowth(ns, [1, 100, 10000]).growth).toBe('superlinear');
    expect(fitGrowth([1e3], [1]).growth).toBe('n/a');
  });
});

describe('questions', () => {
  it('ranks the first gold paragraph', () => {
    const gold = [{ documentId: 'a', paragraph: '2' }];
    expect(
      goldRank(
        [
          { documentId: 'a', paragraph: '1' },
          { documentId: 'a', paragraph: '2' },
        ],
        gold,
      ),
    ).toBe(2);
    expect(goldRank([{ documentId: 'b', paragraph: '2' }], gold)).toBeNull();
  });

  it('falls back to the built-in list when the suite is missing, and the built-in gold exists in the corpus', () => {
    const set = loadQuestions('/nonexistent/suite.jsonl');
    expect(set.questions).toBe(FALLBACK_QUESTIONS);
    expect(gradable(set.questions).length).toBeGreaterThanOrEqual(20);
    const corpus = vendoredCorpus();
    for (const q of gradable(FALLBACK_QUESTIONS)) {
      for (const g of q.gold)
        expect(
          corpus.paragraphs.some((p) => p.documentId === g.documentId && p.label === g.paragraph),
          `${q.id} → ${g.documentId} §${g.paragraph}`,
        ).toBe(true);
    }
  });

  it('reads JSONL leniently and builds chat bodies with history', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-q-'));
    const file = path.join(dir, 's.jsonl');
    const rows = Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: `q${i}`, language: 'en', type: 'follow-up', question: `Q${i}?`, history: [{ role: 'user', content: 'before' }], gold: [] }));
    await writeFile(file, ['// comment', ...rows, '{broken', '{"no":"question"}'].join('\n'));
    const set = loadQuestions(file);
    expect(set.questions).toHaveLength(6);
    expect(JSON.parse(chatBody(set.questions[0]))).toEqual({ question: 'Q0?', history: [{ role: 'user', content: 'before' }] });
    await rm(dir, { recursive: true, force: true });
  });
});

describe('synthetic corpora', () => {
  it('is deterministic for a seed', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('writes numbered documents of 50 paragraphs plus the real documents', async () => {
    const real: CorpusData = vendoredCorpus();
    expect(sentencePool(real).length).toBeGreaterThan(50);
    const entries = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../corpus/corpus.json'), 'utf8')).documents;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-s-'));
    const s = await writeSyntheticCorpus({ dir, paragraphs: 300, real, realEntries: entries, realCorpusDir: path.resolve(import.meta.dirname, '../corpus') });
    expect(s.paragraphs).toBe(300);
    const manifest = JSON.parse(await readFile(path.join(dir, 'corpus.json'), 'utf8')).documents as Array<{ id: string; file: string }>;
    expect(manifest.length).toBe(entries.length + Math.ceil((300 - real.paragraphs.length) / 50));
    const first = await readFile(path.join(dir, (await readdir(dir)).find((f) => f.startsWith('synth-'))!), 'utf8');
    expect(first).toMatch(/\n\n1\. \S/);
    expect(first).toMatch(/\n\n50\. \S/);
    const again = await mkdtemp(path.join(os.tmpdir(), 'bench-s-'));
    await writeSyntheticCorpus({ dir: again, paragraphs: 300, real, realEntries: entries, realCorpusDir: path.resolve(import.meta.dirname, '../corpus') });
    expect(await readFile(path.join(again, 'synth-1.txt'), 'utf8')).toBe(await readFile(path.join(dir, 'synth-1.txt'), 'utf8'));
    await rm(dir, { recursive: true, force: true });
    await rm(again, { recursive: true, force: true });
  });
});

describe('floor', () => {
  it('serves a JSON body of the requested size', () => {
    const body = floorBody(2000);
    expect(body.length).toBe(2000);
    expect(() => JSON.parse(body)).not.toThrow();
  });
});
