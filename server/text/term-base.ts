/**
 * The domain term base (institutions, acronyms, legal and policy terms), English → French, as data:
 * `data-vendored/lexicon/term-base.json`. Every entry names its source: a vendored document whose French
 * text contains the rendering, or an official terminology. Web-standard (bundled as JSON).
 */
import data from '../../data-vendored/lexicon/term-base.json' with { type: 'json' };

export interface TermBaseEntry {
  /** English variants; multi-word variants match as phrases. */
  en: string[];
  /** French renderings; the first is the main one. */
  fr: string[];
  kind: 'name' | 'term';
  /** A corpus document id (corpus/corpus.json) or a terminology (`UNTERM`, `IATE`, `Wiktionary`). */
  source: string;
  /** For a terminology source: where the pair is attested (entry and sense). */
  attestation?: string;
}

export const TERM_BASE: ReadonlyArray<TermBaseEntry> = data.entries as TermBaseEntry[];

/**
 * The entries as `[english variants, french variants]` joined by "|", the form the glossary matcher reads.
 * @example
 * termBasePairs([{ en: ['OSCE'], fr: ['OSCE'], kind: 'name', source: 'osce-counter-terrorism' }]) // [['OSCE', 'OSCE']]
 */
export function termBasePairs(entries: ReadonlyArray<TermBaseEntry> = TERM_BASE): Array<readonly [string, string]> {
  return entries.map((e) => [e.en.join('|'), e.fr.join('|')] as const);
}
