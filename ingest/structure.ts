/**
 * Segmentation of documents whose citable units are articles ("Article 12", "Art. 5", "Article L. 224-1",
 * "Article premier") or sections ("§ 2331."): recitals "(1)…" and other preamble text before the first unit,
 * headings (Titre, Chapitre, Part, Annex…) as hierarchy, items and alinéas kept inside their unit. Pure functions.
 */
import type { UnitKind } from '../server/types.js';
import { LATIN_SUFFIX, ROMAN_NUMERAL } from '../server/corpus/units.js';
import { splitPreambleClauses } from './preamble.js';
import { continuesSentence } from './segment-blocks.js';

/** A unit before ids and items are derived. */
export interface RawUnit {
  unit: UnitKind;
  label: string;
  text: string;
  title?: string;
  section?: string;
}

export type StructuredScheme = 'articles' | 'sections';

const ARTICLE = new RegExp(
  String.raw`^(?:ARTICLE|Article|Art\.)\s+(premier|1er|unique|(?:[LRDAO]\.?\s?)?\d+(?:[-‑–.]\d+)*[A-Z]?(?:\s?${LATIN_SUFFIX}\b)?|${ROMAN_NUMERAL})(?![\p{L}\p{N}])\s*(.*)$`,
  'u',
);
const SECTION_SIGN = /^§\s*(\d+[A-Za-z]{0,3}(?:[-.]\d+[A-Za-z]?)*)(?![\p{L}\p{N}])\.?\s*(.*)$/u;
const HEADING_WORDS = [
  ['LIVRE', 'Livre', 'BOOK', 'Book', 'PARTIE', 'Partie', 'PART', 'Part'],
  ['TITRE', 'Titre', 'TITLE', 'Title'],
  ['CHAPITRE', 'Chapitre', 'CHAPTER', 'Chapter'],
  ['SOUS-CHAPITRE', 'Sous-chapitre', 'SUBCHAPTER', 'Subchapter'],
  ['SECTION', 'Section'],
  ['SOUS-SECTION', 'Sous-section', 'SUBSECTION', 'Subsection'],
  ['PARAGRAPHE', 'Paragraphe'],
];
const HEADING = new RegExp(String.raw`^(${HEADING_WORDS.flat().join('|')})\s+(?:[IVXLC]+|\d+[A-Z]?|premier|première|Ier|unique|[A-Z])(?![\p{L}\p{N}])`, 'u');
const ANNEX = /^(?:ANNEXE?|Annexe?|APPENDIX|Appendix)(?:\s+(?:[IVXLC]+|\d+|[A-Z]))?(?![\p{L}\p{N}])/u;
const RECITAL = /^\((\d{1,3})\)\s+(?=\S)/;
const SENTENCE_END = /[.!?;:»”")…]$/;

function headingRank(line: string): number | undefined {
  const m = HEADING.exec(line);
  if (!m) return undefined;
  return HEADING_WORDS.findIndex((words) => words.includes(m[1]));
}

function isTitleLike(s: string): boolean {
  return s.length > 0 && s.length <= 160 && !/[.;:,]$/.test(s);
}

/** A unit may start on a line after a blank line, a heading-like line or a finished sentence, never mid-sentence. */
function opensUnit(prev: string): boolean {
  return !prev || SENTENCE_END.test(prev) || isTitleLike(prev);
}

function normaliseArticleLabel(label: string): string {
  const l = label.replace(/[‑–]/g, '-').replace(/\s+/g, ' ');
  return /^(premier|1er)$/i.test(l) ? '1' : l;
}

interface UnitStart {
  unit: UnitKind;
  label: string;
  rest: string;
}

/** A line that starts a unit of the scheme, with the text after its number. */
export function unitStart(line: string, scheme: StructuredScheme): UnitStart | undefined {
  const m = (scheme === 'articles' ? ARTICLE : SECTION_SIGN).exec(line);
  if (!m) return undefined;
  const rest = m[2].replace(/^[.:–—-]+\s*/, '').trim();
  if (rest && /^\p{Ll}/u.test(rest)) return undefined;
  if (scheme === 'articles' && /^\(\d/.test(m[2])) return undefined;
  return { unit: scheme === 'articles' ? 'article' : 'section', label: scheme === 'articles' ? normaliseArticleLabel(m[1]) : m[1], rest };
}

/**
 * Counts the distinct units of each scheme that open a line (after a blank line, a heading or a finished sentence),
 * and the sections whose opening line is a heading ("§ 1189. Designation of …").
 * @example
 * countUnitStarts('Article 1\nText.\n\nArticle 2\nText.') // { articles: 2, sections: 0, titledSections: 0 }
 */
export function countUnitStarts(lines: string[]): Record<StructuredScheme | 'titledSections', number> {
  const counts = { articles: new Set<string>(), sections: new Set<string>() };
  let headingSections = 0;
  let prev = '';
  for (const raw of lines) {
    const line = raw.trim();
    const opens = opensUnit(prev);
    if (line && opens) {
      for (const scheme of ['articles', 'sections'] as const) {
        const s = unitStart(line, scheme);
        if (s) counts[scheme].add(s.label);
        if (s && scheme === 'sections' && isTitleLike(s.rest)) headingSections++;
      }
    }
    prev = line;
  }
  return { articles: counts.articles.size, sections: counts.sections.size, titledSections: headingSections };
}

class Builder {
  readonly units: RawUnit[] = [];
  readonly headings: string[] = [];
  private path: Array<{ rank: number; text: string }> = [];
  private current?: RawUnit;
  private awaitingTitle = false;
  private pendingBreak = false;
  private headingOpen = false;
  private preamble: string[] = [];
  private preambleCount = 0;
  private annexCount = 0;
  private inAnnex = false;

  private section(): string | undefined {
    return this.path.length ? this.path.map((p) => p.text).join(' — ') : undefined;
  }

  heading(text: string, rank: number): void {
    this.close();
    this.headings.push(text);
    this.path = [...this.path.filter((p) => p.rank < rank), { rank, text }];
    this.headingOpen = true;
  }

  annex(text: string): void {
    this.heading(text, -1);
    this.inAnnex = true;
  }

  headingContinuation(text: string): boolean {
    if (!this.headingOpen || !isTitleLike(text)) return false;
    const last = this.path[this.path.length - 1];
    last.text = `${last.text} — ${text}`;
    this.headings[this.headings.length - 1] = last.text;
    return true;
  }

  start(s: UnitStart): void {
    this.close();
    this.headingOpen = false;
    this.current = { unit: s.unit, label: s.label, text: '', ...(this.section() ? { section: this.section() } : {}) };
    this.awaitingTitle = !s.rest;
    if (s.rest && isTitleLike(s.rest)) this.current.title = s.rest;
    else if (s.rest) this.current.text = s.rest;
    this.pendingBreak = false;
  }

  line(text: string, startsItem: boolean, endsBlock: boolean): void {
    this.headingOpen = false;
    if (!this.current) {
      this.preambleLine(text);
      return;
    }
    if (this.awaitingTitle && endsBlock && !startsItem && isTitleLike(text) && text.length <= 120 && !this.current.text) {
      this.current.title = this.current.title ? `${this.current.title} ${text}` : text;
      return;
    }
    this.awaitingTitle = false;
    const cur = this.current;
    if (!cur.text) cur.text = text;
    else if (startsItem) cur.text += `\n${text}`;
    else if (this.pendingBreak && SENTENCE_END.test(cur.text)) cur.text += `\n${text}`;
    else cur.text += /\p{L}-$/u.test(cur.text) ? text : ` ${text}`;
    this.pendingBreak = false;
  }

  blank(): void {
    this.pendingBreak = true;
    if (!this.current) this.flushPreamble();
  }

  private preambleLine(text: string): void {
    if (this.inAnnex) {
      this.current = { unit: 'annex', label: `A${++this.annexCount}`, text, ...(this.section() ? { section: this.section() } : {}) };
      return;
    }
    if (RECITAL.test(text) && this.preamble.length) this.flushPreamble();
    this.preamble.push(text);
  }

  private flushPreamble(): void {
    if (!this.preamble.length) return;
    const text = this.preamble
      .join(' ')
      .replace(/\s{2,}/g, ' ')
      .trim();
    this.preamble = [];
    const recital = RECITAL.exec(text);
    if (recital) {
      this.units.push({ unit: 'recital', label: `(${recital[1]})`, text: text.slice(recital[0].length), ...(this.section() ? { section: this.section() } : {}) });
      return;
    }
    if ((isTitleLike(text) && text.length <= 120) || (text.length <= 40 && /:$/.test(text))) {
      this.headings.push(text);
      return;
    }
    for (const clause of splitPreambleClauses(text)) {
      this.units.push({ unit: 'preamble', label: `P${++this.preambleCount}`, text: clause, ...(this.section() ? { section: this.section() } : {}) });
    }
  }

  close(): void {
    this.flushPreamble();
    if (this.current) {
      if (this.current.text || this.current.title) this.units.push({ ...this.current, text: this.current.text || this.current.title! });
      this.current = undefined;
    }
    this.awaitingTitle = false;
    this.pendingBreak = false;
  }
}

/**
 * Splits a document into articles or sections, with the preamble (recitals `(n)`, clauses `P1…`) before them
 * and annex blocks (`A1…`) after an Annex heading.
 * @example
 * segmentStructured('Article 1\nObjet\nLe présent texte…\n\nArticle 2\nLes États…', 'articles').units.map((u) => u.label)
 * // ['1', '2']
 */
export function segmentStructured(text: string, scheme: StructuredScheme, isItem: (line: string) => boolean): { units: RawUnit[]; headings: string[] } {
  const b = new Builder();
  let prev = '';
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) {
      b.blank();
      prev = '';
      return;
    }
    const opens = opensUnit(prev);
    const start = opens ? unitStart(line, scheme) : undefined;
    const rank = headingRank(line);
    if (start) b.start(start);
    else if (rank !== undefined && line.length <= 200 && !/[;,]$/.test(line)) b.heading(line, rank);
    else if (ANNEX.test(line) && isTitleLike(line) && line.length <= 120) b.annex(line);
    else if (!b.headingContinuation(line)) {
      const next = lines[i + 1]?.trim() ?? '';
      b.line(line, isItem(line), !next || (isItem(next) && !continuesSentence(next)) || unitStart(next, scheme) !== undefined);
    }
    prev = line;
  });
  b.close();
  return { units: b.units, headings: b.headings };
}
