/**
 * Blocks of a plain-text document for the paragraph segmenter: blank-line-separated blocks classified as numbered,
 * heading, lead-in, list or body, and the longest numbered run among them. Web-standard (pure functions).
 */
import { LIST_BULLET } from '../server/text/sentences.js';
import { readMarker } from './items.js';

export type BlockKind = 'numbered' | 'heading' | 'lead-in' | 'list' | 'body';
export interface Block {
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
export const TRAILING_DOC_CODE = /([.!?»)])\s?([A-Z]{3,}\d{3,}[A-Z0-9]*)\s*$/;
const NUMBERED = /^(?:§\s*)?(\d{1,3})(?:\.(\d{1,4}))?(?:\.|\s*\))?[ \t]+(?=\S)/;
const BARE_NUMBER = /^(?:§\s*)?(\d{1,3})(?:\.(\d{1,4}))?\.?$/;
const ROMAN_HEADING = /^(?:[IVXLC]+|[A-H])\.\s+\S/;
export const LIST_ITEM = LIST_BULLET;
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

/** An item marker after the list bullet: "(a)", "a)", "1.", "(iv)". */
const ITEM_MARKER = /^\(?(?:[a-z]{1,4}|\d{1,3}(?:\.\d{1,2})?)[.)]\s+/i;

/**
 * True when a list item carries on the sentence above it: its words after the bullet and marker start in lower case
 * ("- (a) is guilty of an offence…" after "Every person who contravenes…"). A heading is followed by items that open
 * sentences of their own.
 * @example
 * continuesSentence('- (a) is guilty of an offence') // true
 * continuesSentence('- (a) The Minister shall report.') // false
 */
export function continuesSentence(item: string): boolean {
  return /^\p{Ll}/u.test(item.replace(LIST_ITEM, '').replace(ITEM_MARKER, ''));
}

/** A short unpunctuated line whose sentence goes on in the list right after it introduces that list: a lead-in, not a heading. */
function leadInsBeforeLists(blocks: Block[]): Block[] {
  return blocks.map((b, i) => {
    const next = blocks[i + 1];
    return b.kind === 'heading' && !ROMAN_HEADING.test(b.text) && next?.kind === 'list' && continuesSentence(next.text) ? { ...b, kind: 'lead-in' } : b;
  });
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
  return leadInsBeforeLists(blocks);
}

/**
 * Appends a continuation block to a unit's text: list items and item markers on their own line, a lower-case
 * continuation of an unfinished sentence after a space, anything else as a new paragraph.
 * @example
 * appendContinuation('The State shall', 'adopt measures.') // 'The State shall adopt measures.'
 */
export function appendContinuation(prev: string, next: string): string {
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

/**
 * Finds the longest run of blocks numbered n, n+1, n+2… (decimals allowed, see {@link follows}) in reading order; a run from 1 wins ties.
 * @example
 * numberedRun(splitBlocks('1. A.\n\n2. B.\n\n3. C.')) // Set {0, 1, 2}
 */
export function numberedRun(blocks: Block[]): Set<number> {
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
