/**
 * Splits a plain-text document into paragraphs that follow the document's own numbering.
 * Web-standard (pure functions); used by ingest for the vendored corpus and for users' documents.
 */
import { unitEId } from '../server/corpus/units.js';
import type { Paragraph, UnitKind } from '../server/types.js';
import { deriveItems, readMarker } from './items.js';
import { countUnitStarts, segmentStructured, type RawUnit, type StructuredScheme } from './structure.js';

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

type BlockKind = 'numbered' | 'heading' | 'lead-in' | 'list' | 'body';
interface Block {
  kind: BlockKind;
  text: string;
  number?: number;
  /** The number as written ("7", "7.1"); `number` is its integer part. */
  written?: string;
  /** Decimal part of a number like 7.1 (0 when none). */
  minor?: number;
  /** A line holding only a unit number (a repealed section, "9" then "[Repealed, …]"): numbered only where it fills a gap in a run. */
  bare?: boolean;
}

const BOILERPLATE: RegExp[] = [
  /^skip links?$/i,
  /^languages?\s*:/i,
  /^(?:aller au contenu|skip to (?:main )?content)$/i,
  /UNIQUE ID:\s*\S+/,
  /^joint press releases?$/i,
  /^ONU Bienvenue aux Nations Unies\b/i,
  /^\(lien externe\)$/i,
];
const TRAILING_DOC_CODE = /([.!?»)])\s?([A-Z]{3,}\d{3,}[A-Z0-9]*)\s*$/;
const NUMBERED = /^(?:§\s*)?(\d{1,3})(?:\.(\d{1,4}))?(?:\.|\s*\))?[ \t]+(?=\S)/;
const BARE_NUMBER = /^(?:§\s*)?(\d{1,3})(?:\.(\d{1,4}))?\.?$/;
const ROMAN_HEADING = /^(?:[IVXLC]+|[A-H])\.\s+\S/;
const LIST_ITEM = /^(?:[•▪◦‣∙·*]|[-–—](?=\s))\s*/;
const SENTENCE_END = /[.!?;»”")…]$/;

/**
 * Normalises raw text: line endings, non-breaking spaces, tabs, trailing spaces.
 * @example
 * normaliseText('a\u00a0b\r\n') // 'a b\n'
 */
export function normaliseText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n');
}

function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) out = line;
    else if (LIST_ITEM.test(line)) out += '\n' + line;
    else if (/\p{L}-$/u.test(out)) out += line;
    else out += ' ' + line;
  }
  return out.replace(/[ ]{2,}/g, ' ');
}

function isShort(text: string): boolean {
  return text.length <= 160 && !text.includes('\n');
}

/**
 * Opening of a preambular clause of a resolution or convention ("Recalling…", "Deeply concerned…", "Rappelant…",
 * "Profondément préoccupée…", "Mindful…"): a capitalised participle, optionally after an adverb, or one of the
 * adjectives such clauses open with.
 */
const PARTICIPIAL =
  /^(?:(?:\p{Lu}\p{Ll}+ly|Profondément|Vivement|Gravement|Très)\s+)?(?:\p{Lu}\p{Ll}+(?:ing|ant|ed|ée?s?|és)|Mindful|Aware|Conscious|Convinced|Determined|Desirous|Conscient\p{Ll}*|Convaincu\p{Ll}*|Résolu\p{Ll}*|Soucieu\p{Ll}*|Ayant|Having|Bearing in mind|Gardant à l’esprit)(?![\p{L}])/u;

const wordCount = (text: string) => text.split(/\s+/).length;

function classify(text: string): Block {
  const m = NUMBERED.exec(text);
  if (m) return { kind: 'numbered', number: Number(m[1]), minor: Number(m[2] ?? 0), written: m[2] ? `${m[1]}.${m[2]}` : m[1], text: text.slice(m[0].length).trim() };
  const bare = BARE_NUMBER.exec(text);
  if (bare) return { kind: 'numbered', bare: true, number: Number(bare[1]), minor: Number(bare[2] ?? 0), written: bare[2] ? `${bare[1]}.${bare[2]}` : bare[1], text: '' };
  if (LIST_ITEM.test(text)) return { kind: 'list', text };
  if (readMarker(text)) return { kind: 'body', text };
  if (PARTICIPIAL.test(text) && text.length > 30 && /,\s*\d{0,2}$/.test(text)) return { kind: 'body', text };
  if (ROMAN_HEADING.test(text) && text.length <= 200 && !/[.;]$/.test(text)) return { kind: 'heading', text };
  if (isShort(text) && /[,:]$/.test(text)) return { kind: 'lead-in', text };
  if (isShort(text) && wordCount(text) <= 24 && !/[.!?;]\s/.test(text) && (/^\(.*\)$/.test(text) || !/[.!?;»”"…]\)?$/.test(text))) return { kind: 'heading', text };
  return { kind: 'body', text };
}

/** Splits text into blank-line-separated blocks, joining hard line breaks, dropping web boilerplate. */
export function splitBlocks(raw: string): Block[] {
  const lines = normaliseText(raw).split('\n');
  const groups: string[][] = [];
  let cur: string[] = [];
  let lastNumber = 0;
  for (const line of lines) {
    const trimmed = line.trim();
    const m = NUMBERED.exec(trimmed);
    if (m && cur.length === 0) lastNumber = Number(m[1]);
    else if (m && Number(m[1]) === lastNumber + 1) {
      groups.push(cur);
      cur = [];
      lastNumber += 1;
    }
    if (trimmed === '') {
      if (cur.length) groups.push(cur);
      cur = [];
    } else cur.push(line);
  }
  if (cur.length) groups.push(cur);
  const blocks: Block[] = [];
  for (const g of groups) {
    let text = joinLines(g);
    text = text.replace(TRAILING_DOC_CODE, '$1');
    if (!text || BOILERPLATE.some((re) => re.test(text))) continue;
    blocks.push(classify(text));
  }
  return blocks;
}

function appendContinuation(prev: string, next: string): string {
  if (LIST_ITEM.test(next)) return prev + '\n' + next;
  if (readMarker(next)) return prev + '\n\n' + next;
  if (!SENTENCE_END.test(prev) && !/:$/.test(prev) && /^[\p{Ll}(«]/u.test(next)) return prev + ' ' + next;
  return prev + '\n\n' + next;
}

/**
 * True when `next` may follow `cur` in a numbering: n → n+1 for whole numbers; with decimals (7 → 7.1 → 7.2 → 8,
 * 83.03 → 83.031 → 83.04 → 83.1), any greater value within the same or the next whole number.
 */
function follows(cur: Block, next: Block): boolean {
  if (!cur.minor && !next.minor) return next.number === cur.number! + 1;
  const value = (b: Block) => Number(b.written ?? b.number);
  return value(next) > value(cur) && next.number! - cur.number! <= 1;
}

/**
 * A bare number (blocks[i]) joins a run only between two titled numbers it links: the next titled number
 * follows it, and does not already follow the run's last unit (so page numbers and stray figures stay out).
 */
function fillsGap(blocks: Block[], i: number, cur: Block): boolean {
  const next = blocks.slice(i + 1).find((b) => b.kind === 'numbered' && !b.bare && b.number !== undefined);
  return next !== undefined && follows(blocks[i], next) && !follows(cur, next);
}

/** Finds the longest run of blocks numbered n, n+1, n+2… (decimals allowed, see {@link follows}) in reading order; a run from 1 wins ties. */
function numberedRun(blocks: Block[]): Set<number> {
  let best = new Set<number>();
  const tried = new Set<string>();
  blocks.forEach((b, first) => {
    if (b.kind !== 'numbered' || b.bare || b.number === undefined || tried.has(b.written!) || best.has(first)) return;
    tried.add(b.written!);
    const accepted = new Set<number>([first]);
    let cur = b;
    for (let i = first + 1; i < blocks.length; i++) {
      const c = blocks[i];
      if (c.kind === 'numbered' && c.number !== undefined && follows(cur, c) && (!c.bare || fillsGap(blocks, i, cur))) {
        accepted.add(i);
        cur = c;
      }
    }
    const bestStart = best.size ? blocks[Math.min(...best)].number! : Infinity;
    if (accepted.size > best.size || (accepted.size === best.size && b.number! <= 1 && bestStart > 1)) best = accepted;
  });
  return best;
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

  const push = (label: string, kind: Paragraph['kind'], text: string) => {
    const full = leadIn ? `${leadIn} ${text}` : text;
    leadIn = '';
    paragraphs.push({ documentId, label, index: paragraphs.length, text: full, ...(section ? { section } : {}), kind });
  };

  blocks.forEach((b, i) => {
    if (b.kind === 'heading') {
      headings.push(b.text);
      headingRun.push(b.text);
      section = headingRun.join(' — ');
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
      push(b.written ?? String(b.number), 'numbered', b.text);
      return;
    }
    const text = b.kind === 'numbered' ? `${b.written ?? b.number}. ${b.text}` : b.text;
    if (numbered && inNumbered && last) {
      const more = leadIn ? `${leadIn} ${text}` : text;
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
