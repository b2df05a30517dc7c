import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { terms } from './analyzer.js';
import { TERM_BASE } from './term-base.js';

const corpus = JSON.parse(readFileSync(new URL('../../corpus/corpus.json', import.meta.url), 'utf8')) as { documents: Array<{ id: string; file: string }> };
const stemsOf = new Map(corpus.documents.map((d) => [d.id, terms(readFileSync(new URL(`../../corpus/${d.file}`, import.meta.url), 'utf8'), 'fr')]));
const TERMINOLOGIES = new Set(['UNTERM', 'IATE', 'Wiktionary']);

function occursIn(stems: string[], phrase: string): boolean {
  const p = terms(phrase, 'fr');
  return p.length > 0 && stems.some((_, i) => p.every((t, j) => stems[i + j] === t));
}

describe('term base (data-vendored/lexicon/term-base.json)', () => {
  it('has well-formed entries, each with a known source', () => {
    expect(TERM_BASE.length).toBeGreaterThan(300);
    for (const e of TERM_BASE) {
      expect(e.en.length && e.fr.length, JSON.stringify(e)).toBeTruthy();
      expect(['name', 'term']).toContain(e.kind);
      expect(stemsOf.has(e.source) || TERMINOLOGIES.has(e.source), `${e.en[0]}: unknown source ${e.source}`).toBe(true);
      // A terminology entry says where the pair is attested.
      if (TERMINOLOGIES.has(e.source)) expect(e.attestation?.length, `${e.en[0]}: no attestation`).toBeGreaterThan(20);
    }
  });

  it('cites a document only where one of its French renderings occurs in that document', () => {
    const unattested = TERM_BASE.filter((e) => stemsOf.has(e.source) && !e.fr.some((f) => occursIn(stemsOf.get(e.source)!, f))).map((e) => `${e.en[0]} → ${e.fr[0]} (${e.source})`);
    expect(unattested).toEqual([]);
  });

  it('no longer holds the copied phrases and the one-question fixes it used to', () => {
    const all = TERM_BASE.map((e) => [e.en, e.fr] as const);
    expect(all.some(([, fr]) => fr.includes('gestion et de sécurité des stocks'))).toBe(false);
    expect(all.some(([en, fr]) => en.includes('often') && fr.includes('chaque année'))).toBe(false);
    expect(all.some(([en, fr]) => en.includes('chair') && fr.includes('coprésidé'))).toBe(false);
  });
});
