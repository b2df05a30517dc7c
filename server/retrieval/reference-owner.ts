/** Which of the documents a question names an explicit reference belongs to. Web-standard, pure. */
import type { CorpusStore } from '../corpus/corpus-store.js';
import { unitOf } from '../corpus/units.js';
import { normaliseApostrophes } from '../text/analyzer.js';
import type { DocumentMeta, UnitKind } from '../types.js';
import type { DocumentCues } from './document-cues.js';
import { counterpartKind } from './explicit-references.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The named document a reference is attached to by "of" / « de » ("paragraph 9 of General Assembly resolution 80/41",
 * « l'article 5 de la Convention de 2005 »), when the question names several: the best cue of the fewest words after
 * "of" that name one of them (up to nine words, before the next punctuation); undefined when none does.
 * @example
 * documentAfter('What does paragraph 9 of resolution 80/41 request from the Secretary-General?', '9', ['un-sg-symposium-2011', 'un-ga-res-80-41'], cues) // 'un-ga-res-80-41'
 */
export function documentAfter(text: string, label: string, named: readonly string[], cues: Pick<DocumentCues, 'match'>): string | undefined {
  const q = normaliseApostrophes(text);
  const at = q.search(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(label)}\\s+(?:of|de|du|des|d')\\s*`, 'iu'));
  if (at < 0) return undefined;
  const words = q
    .slice(at + label.length)
    .split(/[?!;,.](?:\s|$)/)[0]
    .trim()
    .split(/\s+/)
    .slice(1, 10);
  for (let n = 1; n <= words.length; n++) {
    const found = cues.match(words.slice(0, n).join(' ')).filter((m) => m.score >= 1 && named.includes(m.documentId));
    if (found.length) return found.sort((a, b) => b.score - a.score)[0].documentId;
  }
  return undefined;
}

/**
 * True when a document has a unit of this label that its language calls by the counterpart of `kind` (an English
 * Act's section for « article », a French code's article for "section").
 * @example
 * inOtherWord(store, store.document('ca-special-economic-measures-act')!, '6.3', 'article') // true
 */
export function inOtherWord(store: Pick<CorpusStore, 'paragraph'>, d: DocumentMeta, label: string, kind: UnitKind | undefined): boolean {
  const counterpart = counterpartKind(kind, d.language);
  const p = counterpart ? store.paragraph(d.id, label) : undefined;
  return p !== undefined && unitOf(p) === counterpart;
}

/**
 * Among the documents holding a referenced unit, the one the question's cue words point to most, when one leads (a
 * partial cue: « la convention … de 2005 » shares its year with another text's title); undefined when none or a tie.
 * @example
 * bestCued([coe2005, hostages], [{ documentId: coe2005.id, score: 0.5 }]) // coe2005
 */
export function bestCued(candidates: readonly DocumentMeta[], cues: ReadonlyArray<{ documentId: string; score: number }>): DocumentMeta | undefined {
  const scored = candidates.map((d) => ({ d, score: cues.find((c) => c.documentId === d.id)?.score ?? 0 })).sort((a, b) => b.score - a.score);
  return scored[0] && scored[0].score > 0 && (scored.length < 2 || scored[0].score > scored[1].score) ? scored[0].d : undefined;
}
