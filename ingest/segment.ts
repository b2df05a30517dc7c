/**
 * Splits a plain-text document into paragraphs that follow the document's own numbering.
 * Web-standard (pure functions); used by ingest for the vendored corpus and for users' documents.
 */
import { unitEId } from '../server/corpus/units.js';
import type { Paragraph, UnitKind } from '../server/types.js';
import { deriveItems, readMarker } from './items.js';
import { appendContinuation, LIST_ITEM, normaliseText, numberedRun, splitBlocks, TRAILING_DOC_CODE } from './segment-blocks.js';
import { countUnitStarts, segmentStructured, type RawUnit, type StructuredScheme } from './structure.js';

export { normaliseText, splitBlocks } from './segment-blocks.js';

/** Numbering schemes the segmenter recognises (`auto` detects one). */
export const NUMBERING_SCHEMES = ['auto', 'articles', 'sections', 'paragraphs', 'sequential'] as const;
export type NumberingScheme = (typeof NUMBERING_SCHEMES)[number];

export interface SegmentOptions {
  /** Forces a scheme when detection is wrong (front matter `numbering:` or `--numbering`). */
  numbering?: NumberingScheme | string;
  /** What the document calls its numbered paragraphs (`recommendation`); default `paragraph`. */
  unit?: UnitKind;
  /** The document's language: statutes whose numbered units carry titles ("7.1 Listed persons") are sections in English, articles in French. */
  language?: 'fr' | 'en';
}

export interface SegmentResult {
  numbering: 'numbered' | 'sequential';
  /** The scheme that was applied. */
  scheme: Exclude<NumberingScheme, 'auto'>;
  /** The document's top-level unit kind. */
  unit: UnitKind;
  paragraphs: Paragraph[];
  /** Headings met in reading order (document titles, section headings). */
  headings: string[];
}

/**
 * Segments a document into paragraphs, keeping its own numbering when it has one.
 * Numbered documents: paragraphs labelled by their number; unnumbered blocks after a number are
 * continuation paragraphs of it; blocks before the first number are preamble clauses `P1…Pn`.
 * Unnumbered documents: sequential labels `1…n` in reading order. Headings become `section` metadata.
 * @example
 * const { paragraphs } = segmentDocument('doc', '1. First.\n\n2. Second.\n\n3. Third.');
 * paragraphs.map((p) => p.label) // ['1', '2', '3']
 */
export function segmentDocument(documentId: string, raw: string, options: SegmentOptions = {}): SegmentResult {
  const requested = (options.numbering ?? 'auto') as NumberingScheme;
  if (!NUMBERING_SCHEMES.includes(requested)) throw new Error(`unknown numbering scheme "${requested}" (expected one of ${NUMBERING_SCHEMES.join(', ')})`);
  const scheme = requested === 'auto' ? detectStructuredScheme(raw) : requested;
  if (scheme === 'articles' || scheme === 'sections') return structured(documentId, raw, scheme);
  return withUnits(segmentParagraphs(documentId, raw, scheme === 'sequential'), options);
}

const TITLE_FIRST = /^([^\n]{1,120})\n\n(?=\S)/;

/** Splits "Short title\n\nThis Act may be cited…" into a title and a text when most numbered units start that way. */
function splitTitles(paragraphs: Paragraph[]): Paragraph[] | undefined {
  const numbered = paragraphs.filter((p) => p.kind === 'numbered');
  const titled = numbered.filter((p) => {
    const m = TITLE_FIRST.exec(p.text);
    return m && !/[.;:,!?]$/.test(m[1]);
  });
  if (numbered.length < 3 || titled.length < numbered.length * 0.6) return undefined;
  return paragraphs.map((p) => {
    const m = p.kind === 'numbered' ? TITLE_FIRST.exec(p.text) : null;
    return m && titled.includes(p) ? { ...p, title: m[1], text: p.text.slice(m[0].length) } : p;
  });
}

/** `articles` or `sections` when at least two distinct units of that kind open a line (or one titled `§` section), else `paragraphs`. */
export function detectStructuredScheme(raw: string): 'articles' | 'sections' | 'paragraphs' {
  const counts = countUnitStarts(normaliseText(raw).split('\n'));
  if (counts.articles >= 2 && counts.articles >= counts.sections) return 'articles';
  if (counts.sections >= 2 || (counts.sections === 1 && counts.titledSections === 1)) return 'sections';
  return 'paragraphs';
}

const isItemLine = (line: string) => readMarker(line) !== undefined || LIST_ITEM.test(line);

function structured(documentId: string, raw: string, scheme: StructuredScheme): SegmentResult {
  const { units, headings } = segmentStructured(normaliseText(raw).replace(TRAILING_DOC_CODE, '$1'), scheme, isItemLine);
  const seen = new Set<string>();
  const paragraphs: Paragraph[] = [];
  for (const u of units) {
    const label = uniqueLabel(u.label, seen);
    paragraphs.push(toParagraph(documentId, { ...u, label }, paragraphs.length));
  }
  return { numbering: 'numbered', scheme, unit: scheme === 'articles' ? 'article' : 'section', paragraphs, headings };
}

function uniqueLabel(label: string, seen: Set<string>): string {
  let out = label;
  for (let n = 2; seen.has(out); n++) out = `${label} (${n})`;
  seen.add(out);
  return out;
}

function toParagraph(documentId: string, u: RawUnit, index: number): Paragraph {
  const kind: Paragraph['kind'] = u.unit === 'preamble' || u.unit === 'recital' ? 'preamble' : 'numbered';
  const eId = unitEId(u.unit, u.label);
  const items = deriveItems(u.text, eId, u.unit);
  return {
    documentId,
    label: u.label,
    index,
    text: u.text,
    ...(u.section ? { section: u.section } : {}),
    kind,
    unit: u.unit,
    eId,
    ...(u.title ? { title: u.title } : {}),
    ...(items.length ? { items } : {}),
  };
}

function withUnits(seg: Omit<SegmentResult, 'scheme' | 'unit'>, options: SegmentOptions): SegmentResult {
  const titled = splitTitles(seg.paragraphs);
  const numberedUnit: UnitKind = options.unit ?? (titled ? (options.language === 'fr' ? 'article' : 'section') : 'paragraph');
  const paragraphs = (titled ?? seg.paragraphs).map((p) => {
    const unit: UnitKind = p.kind === 'numbered' ? numberedUnit : p.kind;
    const eId = unitEId(unit, p.label);
    const items = p.kind === 'sequential' ? [] : deriveItems(p.text, eId, unit);
    return { ...p, unit, eId, ...(items.length ? { items } : {}) };
  });
  const numbered = seg.numbering === 'numbered';
  return { ...seg, paragraphs, scheme: numbered ? 'paragraphs' : 'sequential', unit: numbered ? numberedUnit : 'sequential' };
}

/** A unit's text after its lead-in: a list item on its own line, anything else after a space. */
const joinLeadIn = (leadIn: string, text: string) => (leadIn ? `${leadIn}${LIST_ITEM.test(text) ? '\n' : ' '}${text}` : text);

function segmentParagraphs(documentId: string, raw: string, forceSequential: boolean): Omit<SegmentResult, 'scheme' | 'unit'> {
  const blocks = splitBlocks(raw);
  blocks.forEach((b, i) => {
    if (b.kind === 'lead-in' && blocks[i + 1]?.kind === 'heading') b.kind = 'heading';
  });
  const run = numberedRun(blocks);
  blocks.forEach((b, i) => {
    if (b.bare && !run.has(i)) Object.assign(b, { kind: 'heading', text: b.written });
  });
  const formula = blocks.findIndex((b, i) => b.kind === 'lead-in' && /,$/.test(b.text) && i < Math.min(...run));
  for (let i = 0; i < formula; i++) if (blocks[i].kind === 'body') blocks[i].kind = 'heading';
  const numberedChars = [...run].reduce((s, i) => s + blocks[i].text.length, 0);
  const bodyChars = blocks.filter((b) => b.kind !== 'heading').reduce((s, b) => s + b.text.length, 0);
  const firstRun = Math.min(...run);
  const charsFromFirst = blocks.filter((b, i) => i >= firstRun && b.kind !== 'heading').reduce((s, b) => s + b.text.length, 0);
  const fromOne = run.size > 0 && blocks[firstRun].number === 1;
  const mostlyNumbered = numberedChars >= bodyChars * 0.5 || charsFromFirst >= bodyChars * 0.8 || (fromOne && (numberedChars >= bodyChars * 0.25 || charsFromFirst >= bodyChars * 0.6));
  const numbered = !forceSequential && (run.size >= 3 ? mostlyNumbered : run.size === 2 && charsFromFirst >= bodyChars * 0.8);

  const paragraphs: Paragraph[] = [];
  const headings: string[] = [];
  let section: string | undefined;
  let headingRun: string[] = [];
  let leadIn = '';
  let preambleCount = 0;
  let seq = 0;
  let inNumbered = false;

  // A numbered unit's section is the heading run met just before it (lead-ins aside), else the previous unit's: a
  // heading followed by more of a unit (a statute's "Historical Note", a subsection's marginal note) is inside it.
  let pendingSection: string | undefined;
  let unitSection: string | undefined;
  const push = (label: string, kind: Paragraph['kind'], text: string, at = section) => {
    const full = joinLeadIn(leadIn, text);
    leadIn = '';
    paragraphs.push({ documentId, label, index: paragraphs.length, text: full, ...(at ? { section: at } : {}), kind });
  };

  blocks.forEach((b, i) => {
    if (b.kind === 'heading') {
      headings.push(b.text);
      headingRun.push(b.text);
      section = headingRun.join(' — ');
      pendingSection = section;
      return;
    }
    headingRun = [];
    if (b.kind === 'lead-in') {
      leadIn = leadIn ? `${leadIn} ${b.text}` : b.text;
      return;
    }
    const last = paragraphs[paragraphs.length - 1];
    if (numbered && run.has(i)) {
      inNumbered = true;
      unitSection = pendingSection ?? unitSection;
      pendingSection = undefined;
      push(b.written ?? String(b.number), 'numbered', b.text, unitSection);
      return;
    }
    if (numbered && inNumbered) pendingSection = undefined;
    const text = b.kind === 'numbered' ? `${b.written ?? b.number}. ${b.text}` : b.text;
    if (numbered && inNumbered && last) {
      const more = joinLeadIn(leadIn, text);
      last.text = last.text ? appendContinuation(last.text, more) : more;
      leadIn = '';
      return;
    }
    if (b.kind === 'list' && last && /:$/.test(last.text)) {
      last.text = appendContinuation(last.text, text);
      return;
    }
    if (b.kind === 'list' && leadIn) {
      push(numbered ? `P${++preambleCount}` : String(++seq), numbered ? 'preamble' : 'sequential', '\n' + text);
      paragraphs[paragraphs.length - 1].text = paragraphs[paragraphs.length - 1].text.replace(' \n', '\n');
      return;
    }
    if (numbered) push(`P${++preambleCount}`, 'preamble', text);
    else push(String(++seq), 'sequential', text);
  });
  if (leadIn) {
    if (paragraphs.length) paragraphs[paragraphs.length - 1].text += '\n\n' + leadIn;
    else push(numbered ? 'P1' : '1', numbered ? 'preamble' : 'sequential', '');
  }
  return { numbering: numbered ? 'numbered' : 'sequential', paragraphs, headings };
}
