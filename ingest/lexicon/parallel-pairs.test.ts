import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256 } from './compile-dictionary.js';
import { LEXICON_DIR, parseParallelPairs, vendoredParallelPairs } from './index-lexicon.js';

describe('vendored parallel-text pairs (parallel-ca-statutes.tsv)', () => {
  const info = JSON.parse(readFileSync(`${LEXICON_DIR}parallel-ca-statutes.json`, 'utf8')) as { sha256: string; definedPairs: number; minedPairs: number; excludedActs: string[] };
  const text = readFileSync(`${LEXICON_DIR}parallel-ca-statutes.tsv`, 'utf8');

  it('matches its recorded checksum and counts, and stays compact', () => {
    expect(sha256(text)).toBe(info.sha256);
    expect(vendoredParallelPairs()).toHaveLength(info.definedPairs + info.minedPairs);
    expect(text.length).toBeLessThan(500_000);
  });

  it('names its sources and cites no Act vendored in evals/documents', () => {
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.every((l) => /\t(defined|mined)\t[\d.]*\t\d+\t\S/.test(l))).toBe(true);
    const cited = new Set(
      lines.flatMap((l) =>
        l
          .split('\t')[5]
          .split('; ')
          .map((s) => s.split(' ')[0]),
      ),
    );
    for (const act of info.excludedActs) expect(cited.has(act)).toBe(false);
  });

  it('holds legal terms of art both ways', () => {
    const pairs = vendoredParallelPairs();
    expect(pairs).toContainEqual({ en: 'peac offic', fr: 'agent paix' });
    expect(pairs).toContainEqual({ en: 'forfeitur', fr: 'confisc' });
  });

  it('names the file of a malformed line', () => {
    expect(() => parseParallelPairs('a\tb\n', 'p.tsv')).toThrow(/p\.tsv:1/);
  });
});
