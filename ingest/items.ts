/**
 * Numbered items inside a unit ("I.-", "1°", "a)", "(a)", "(1)", "(A)", "(i)", "1."): recognised at the start of a
 * line of the unit's text, nested by the order in which marker styles first appear. Pure functions.
 */
import { eIdNumber } from '../server/corpus/units.js';
import type { UnitItem, UnitKind } from '../server/types.js';

type Style = 'roman' | 'degree' | 'number' | 'paren-number' | 'paren-lower' | 'paren-upper' | 'paren-roman' | 'paren-upper-roman' | 'letter';

interface Marker {
  style: Style;
  /** As written, trimmed of trailing separators: "II", "1°", "(a)", "a)", "1.". */
  written: string;
  /** Numeric or alphabetic value for the eId. */
  num: string;
}

const ROMAN_DASH = /^([IVXL]{1,6})\s*\.?\s*[-–—]\s*(?=\S)/;
const DEGREE = /^(\d{1,3})\s?°(?:\s*(bis|ter|quater))?\s*/;
const NUMBER = /^(\d{1,3})[.)]\s+(?=\S)/;
const PAREN = /^\((\d{1,3}|[a-z]{1,2}|[A-Z]{1,2}|[ivxl]{1,6}|[IVXL]{1,6})\)\s*(?=\S)/;
const LETTER = /^([a-z])\)\s+(?=\S)/;

/** Converts a Roman numeral (I–L range) to its value, or NaN. */
export function romanValue(s: string): number {
  const v: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };
  const chars = s.toLowerCase().split('');
  if (!chars.every((c) => c in v)) return Number.NaN;
  let total = 0;
  chars.forEach((c, i) => {
    const cur = v[c];
    const next = v[chars[i + 1]] ?? 0;
    total += cur < next ? -cur : cur;
  });
  return total;
}

const isRomanish = (s: string) => /^[ivxl]+$/i.test(s) && romanValue(s) > 0;

/** Reads the item marker at the start of a line, if any. `prevLetter` disambiguates "(i)" after "(h)". */
export function readMarker(line: string, prevLetter?: { lower?: string; upper?: string }): Marker | undefined {
  let m = ROMAN_DASH.exec(line);
  if (m) return { style: 'roman', written: m[1], num: String(romanValue(m[1])) };
  m = DEGREE.exec(line);
  if (m) return { style: 'degree', written: `${m[1]}°${m[2] ? ` ${m[2]}` : ''}`, num: m[1] + (m[2] ?? '') };
  m = PAREN.exec(line);
  if (m) {
    const v = m[1];
    if (/^\d+$/.test(v)) return { style: 'paren-number', written: `(${v})`, num: v };
    const lower = v === v.toLowerCase();
    const prev = lower ? prevLetter?.lower : prevLetter?.upper;
    const continuesLetters = prev !== undefined && v.length === 1 && v.charCodeAt(0) === prev.charCodeAt(0) + 1;
    if (isRomanish(v) && !continuesLetters && (v.length > 1 || !prev)) return { style: lower ? 'paren-roman' : 'paren-upper-roman', written: `(${v})`, num: v };
    return { style: lower ? 'paren-lower' : 'paren-upper', written: `(${v})`, num: v };
  }
  m = LETTER.exec(line);
  if (m) return { style: 'letter', written: `${m[1]})`, num: m[1] };
  m = NUMBER.exec(line);
  if (m) return { style: 'number', written: m[1], num: m[1] };
  return undefined;
}

const SECTION_LEVELS = ['subsec', 'para', 'subpara', 'clause', 'subclause'];

function levelName(unit: UnitKind, depth: number, style: Style): string {
  if (unit === 'section') return SECTION_LEVELS[Math.min(depth, SECTION_LEVELS.length - 1)];
  if (unit === 'article' && depth === 0 && (style === 'roman' || style === 'number' || style === 'paren-number')) return 'para';
  return 'point';
}

/**
 * Finds the numbered items of a unit's text, one per line that starts with an item marker; an item runs until
 * the next item of the same or a higher level.
 * @example
 * deriveItems('Sont punis :\n1° Le fait …;\n2° Le fait …', 'art_421-1', 'article').map((i) => i.eId)
 * // ['art_421-1__point_1', 'art_421-1__point_2']
 */
export function deriveItems(text: string, unitEId: string, unit: UnitKind): UnitItem[] {
  const items: UnitItem[] = [];
  const stack: Array<{ style: Style; marker: Marker; item: UnitItem }> = [];
  const prevLetter: { lower?: string; upper?: string } = {};
  let offset = 0;
  const close = (depth: number, end: number) => {
    while (stack.length > depth) stack.pop()!.item.end = end;
  };
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const marker = readMarker(line.trim().replace(/^[-–•*]\s+(?=[(\p{L}\d])/u, ''), prevLetter);
    if (!marker) continue;
    if (marker.style === 'paren-lower' || marker.style === 'letter') prevLetter.lower = marker.num;
    if (marker.style === 'paren-upper') prevLetter.upper = marker.num;
    const existing = stack.findIndex((s) => s.style === marker.style);
    const depth = existing >= 0 ? existing : stack.length;
    close(depth, start - 1);
    const parent = stack[depth - 1]?.item;
    const path = [...(parent?.path ?? []), marker.written];
    const eId = `${parent?.eId ?? unitEId}__${levelName(unit, depth, marker.style)}_${eIdNumber(marker.num)}`;
    const item: UnitItem = { path, eId, start, end: text.length };
    if (items.some((i) => i.eId === item.eId)) continue;
    items.push(item);
    stack.push({ style: marker.style, marker, item });
  }
  close(0, text.length);
  return items;
}
