/**
 * One concept per word of a hyphenated compound. The analyser reads "hostage-taker" as hostag, taker and their
 * concatenation (so that a text writing « antiterroriste » meets a question writing « anti-terroriste »); as a
 * concept of its own, that concatenation counted the compound's meaning a third time in coverage. Its terms join
 * the concepts of the parts instead. Web-standard, pure.
 */
import type { Concept } from './glossary.js';

const squeeze = (s: string) => s.replace(/[\s-]+/g, '').toLowerCase();

/** Terms of `a` and `b`, each once, with the larger weight. */
function mergeTerms(a: Concept['terms'], b: Concept['terms']): Concept['terms'] {
  const out = new Map(a.map((t) => [t.term, t]));
  for (const t of b) {
    const known = out.get(t.term);
    if (!known || known.weight < t.weight) out.set(t.term, t);
  }
  return [...out.values()];
}

/** How many concepts just before `i` spell, squeezed, the source of concept `i` (0 when none do). */
function partsBefore(concepts: readonly Concept[], i: number): number {
  const whole = squeeze(concepts[i].source);
  if (/\s/.test(concepts[i].source.trim())) return 0;
  let spelt = '';
  for (let n = 1; n <= i && spelt.length < whole.length; n++) {
    spelt = squeeze(concepts[i - n].source) + spelt;
    if (n >= 2 && spelt === whole) return n;
    if (n === 1 && spelt === whole) return /[\s-]/.test(concepts[i - 1].source.trim()) ? 1 : 0;
  }
  return 0;
}

/**
 * The concepts with each compound's concatenation folded into its parts' concepts.
 * @example
 * foldCompounds([{ source: 'hostage', terms: [{ term: 'hostag', weight: 1 }] }, { source: 'taker', terms: [{ term: 'taker', weight: 1 }] },
 *   { source: 'hostagetaker', terms: [{ term: 'hostagetak', weight: 1 }] }]).map((c) => c.source) // ['hostage', 'taker']
 */
export function foldCompounds(concepts: readonly Concept[]): Concept[] {
  const out: Concept[] = [];
  for (let i = 0; i < concepts.length; i++) {
    const n = partsBefore(concepts, i);
    if (!n || out.length < n) {
      out.push(concepts[i]);
      continue;
    }
    for (let k = out.length - n; k < out.length; k++) out[k] = { ...out[k], terms: mergeTerms(out[k].terms, concepts[i].terms) };
  }
  return out;
}
