/**
 * Splits a plain-text document into paragraphs that follow the document's own numbering.
 * Web-standard (pure functions); used by ingest for the vendored corpus and for users' documents.
 */
import type { Paragraph } from '../server/types.js';

export interface SegmentResult {
  numbering: 'numbered' | 'sequential';
  paragraphs: Paragraph[];
  /** Headings met in reading order (document titles, section headings). */
  headings: string[];
}

/** Overrides of detection; `numbering` comes from `--numbering` or front matter (the lead's segmenter uses it). */
export interface SegmentOptions {
  numbering?: string;
}

type BlockKind = 'numbered' | 'heading' | 'lead-in' | 'list' | 'body';
interface Block {
  kind: BlockKind;
  text: string;
  number?: number;
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
const NUMBERED = /^(?:§\s*)?(\d{1,3})(?:\.|\s*\))?[ \t]+(?=\S)/;
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

function classify(text: string): Block {
  const m = NUMBERED.exec(text);
  if (m) return { kind: 'numbered', number: Number(m[1]), text: text.slice(m[0].length).trim() };
  if (LIST_ITEM.test(text)) return { kind: 'list', text };
  if (ROMAN_HEADING.test(text) && text.length <= 200 && !/[.;]$/.test(text)) return { kind: 'heading', text };
  if (isShort(text) && /[,:]$/.test(text)) return { kind: 'lead-in', text };
  if (isShort(text) && (/^\(.*\)$/.test(text) || !/[.!?;»”"…]\)?$/.test(text))) return { kind: 'heading', text };
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
  if (!SENTENCE_END.test(prev) && !/:$/.test(prev) && /^[\p{Ll}(«]/u.test(next)) return prev + ' ' + next;
  return prev + '\n\n' + next;
}

/** Finds the longest run of blocks numbered 1,2,3… (or n, n+1, …) in order. */
function numberedRun(blocks: Block[]): Set<number> {
  const accepted = new Set<number>();
  let expected = -1;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind !== 'numbered' || b.number === undefined) continue;
    if (expected === -1 ? b.number <= 1 : b.number === expected) {
      accepted.add(i);
      expected = b.number + 1;
    }
  }
  return accepted;
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
export function segmentDocument(documentId: string, raw: string, _options: SegmentOptions = {}): SegmentResult {
  const blocks = splitBlocks(raw);
  blocks.forEach((b, i) => {
    if (b.kind === 'lead-in' && blocks[i + 1]?.kind === 'heading') b.kind = 'heading';
  });
  const run = numberedRun(blocks);
  const numberedChars = [...run].reduce((s, i) => s + blocks[i].text.length, 0);
  const bodyChars = blocks.filter((b) => b.kind !== 'heading').reduce((s, b) => s + b.text.length, 0);
  const numbered = run.size >= 3 && numberedChars >= bodyChars * 0.5;

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
      push(String(b.number), 'numbered', b.text);
      return;
    }
    const text = b.kind === 'numbered' ? `${b.number}. ${b.text}` : b.text;
    if (numbered && inNumbered && last) {
      last.text = appendContinuation(last.text, leadIn ? `${leadIn} ${text}` : text);
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
