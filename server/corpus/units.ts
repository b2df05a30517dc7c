/**
 * Citable units: their kind, their Akoma Ntoso-style eId and the way an answer writes a reference to them
 * ("art. 421-2-5", "§5", "recommandation 13", "§ 2339B(a)(1)"). Web-standard, shared by ingest, answerers and pages.
 */
import type { Lang, Paragraph, UnitItem, UnitKind } from '../types.js';

/** The unit kind of a paragraph, defaulting from its `kind` for indexes written before units existed. */
export function unitOf(p: Pick<Paragraph, 'kind' | 'unit'>): UnitKind {
  if (p.unit) return p.unit;
  return p.kind === 'numbered' ? 'paragraph' : p.kind;
}

/** An upper-case Roman numeral up to 399 ("I", "XIV", "CCXC"), as treaties number their articles; source of a RegExp, no anchors. */
/** The Latin suffix of an inserted article (« 5 bis », "3bis", « 2 quater »), as a pattern source. */
export const LATIN_SUFFIX = String.raw`(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies)`;
export const ROMAN_NUMERAL = String.raw`(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})`;
const ROMAN_ONLY = new RegExp(`^${ROMAN_NUMERAL}$`);
const ROMAN_DIGITS: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

/**
 * The value of a label written as an upper-case Roman numeral, else undefined: "Article XIV" of a treaty is its article 14.
 * @example
 * romanValue('XIV'); // 14
 * romanValue('L224-1'); // undefined
 */
export function romanValue(label: string): number | undefined {
  if (!ROMAN_ONLY.test(label)) return undefined;
  let total = 0;
  for (let i = 0; i < label.length; i++) {
    const v = ROMAN_DIGITS[label[i]];
    total += v < (ROMAN_DIGITS[label[i + 1]] ?? 0) ? -v : v;
  }
  return total;
}

/** eId component of a number: spaces and punctuation dropped except decimal points ("L. 224-1" → "L224-1", "(5)" → "5", "1°" → "1", "83.08" → "83.08"). */
export function eIdNumber(label: string): string {
  return label
    .replace(/[°º]/g, '')
    .replace(/(?<=\d)\.(?=\d)/g, '\u0000')
    .replace(/[^\p{L}\p{N}\u0000-]+/gu, '')
    .replace(/\u0000/g, '.');
}

/** The number inside a label: preamble clauses and annex paragraphs drop their `P`/`A` prefix. */
function unitNumber(unit: UnitKind, label: string): string {
  if (unit === 'preamble') return label.replace(/^P/, '');
  return unit === 'annex' ? label.replace(/^A/, '') : label;
}

const EID_PREFIX: Record<UnitKind, string> = {
  article: 'art',
  section: 'sec',
  paragraph: 'para',
  recommendation: 'para',
  recital: 'rec',
  preamble: 'preamble__p',
  annex: 'annex__para',
  sequential: 'para',
};

/**
 * The eId of a unit (Akoma Ntoso naming convention, `<abbr>_<num>`).
 * @example
 * unitEId('article', 'L. 224-1') // 'art_L224-1'
 * unitEId('preamble', 'P3') // 'preamble__p_3'
 */
export function unitEId(unit: UnitKind, label: string): string {
  return `${EID_PREFIX[unit]}_${eIdNumber(unitNumber(unit, label))}`;
}

/** The eId of a paragraph, stored or derived. */
export function eIdOf(p: Pick<Paragraph, 'kind' | 'unit' | 'label' | 'eId'>): string {
  return p.eId ?? unitEId(unitOf(p), p.label);
}

/** How each unit kind is written: the locator word of citations, the prose name, the plural (French, English). */
const UNIT_WORDS: Record<UnitKind, Record<Lang, { locator: string; name: string; plural: string }>> = {
  article: { fr: { locator: 'art.', name: 'article', plural: 'articles' }, en: { locator: 'art.', name: 'article', plural: 'articles' } },
  section: { fr: { locator: '§', name: 'section', plural: 'sections' }, en: { locator: '§', name: 'section', plural: 'sections' } },
  paragraph: { fr: { locator: '§', name: 'paragraphe', plural: 'paragraphes numérotés' }, en: { locator: '§', name: 'paragraph', plural: 'numbered paragraphs' } },
  recommendation: { fr: { locator: 'recommandation', name: 'recommandation', plural: 'recommandations' }, en: { locator: 'recommendation', name: 'recommendation', plural: 'recommendations' } },
  recital: { fr: { locator: 'considérant', name: 'considérant', plural: 'considérants' }, en: { locator: 'recital', name: 'recital', plural: 'recitals' } },
  preamble: { fr: { locator: 'préambule', name: 'préambule, alinéa', plural: 'alinéas du préambule' }, en: { locator: 'preamble', name: 'preamble, clause', plural: 'preamble clauses' } },
  annex: { fr: { locator: 'annexe', name: 'annexe, paragraphe', plural: 'paragraphes de l’annexe' }, en: { locator: 'annex', name: 'annex, paragraph', plural: 'annex paragraphs' } },
  sequential: { fr: { locator: '§', name: 'paragraphe', plural: 'paragraphes' }, en: { locator: '§', name: 'paragraph', plural: 'paragraphs' } },
};

/** Joins an item path as the document writes it: "(a)(1)(A)" for bracketed items, "II, 1°" otherwise. */
export function formatItemPath(path: readonly string[]): string {
  if (!path.length) return '';
  if (path.every((n) => /^\(.*\)$/.test(n))) return path.join('');
  return path.join(', ');
}

/**
 * The reference an answer writes for a unit, optionally narrowed to one of its items.
 * @example
 * formatLocator({ kind: 'numbered', unit: 'article', label: '421-2-6' }, 'fr', ['II', '1°']) // 'art. 421-2-6, II, 1°'
 * formatLocator({ kind: 'numbered', label: '5' }, 'en') // '§5'
 */
export function formatLocator(p: Pick<Paragraph, 'kind' | 'unit' | 'label'>, lang: Lang, path: readonly string[] = []): string {
  const unit = unitOf(p);
  const word = UNIT_WORDS[unit][lang].locator;
  const head = word === '§' ? (unit === 'section' ? `§ ${p.label}` : `§${p.label}`) : `${word} ${p.label}`;
  if (!path.length) return head;
  const sub = formatItemPath(path);
  if (sub.startsWith('(') && unit !== 'article') return `${head}${sub}`;
  return unit === 'article' || unit === 'recital' ? `${head}, ${sub}` : `${head} ${sub}`;
}

/** The innermost item of a unit whose text contains `fragment`, if any. */
export function itemContaining(p: Pick<Paragraph, 'text' | 'items'>, fragment: string): UnitItem | undefined {
  if (!p.items?.length || !fragment) return undefined;
  const at = p.text.indexOf(fragment.slice(0, 80));
  if (at < 0) return undefined;
  let best: UnitItem | undefined;
  for (const item of p.items) {
    if (item.start <= at && at < item.end && (!best || item.path.length >= best.path.length)) best = item;
  }
  return best;
}

/** The item of a unit at an item path ("(a)", "1°"), compared loosely. */
export function itemAtPath(p: Pick<Paragraph, 'items'>, path: readonly string[]): UnitItem | undefined {
  const key = (s: string) => eIdNumber(s).toLowerCase();
  const wanted = path.map(key).join('/');
  return p.items?.find((i) => i.path.map(key).join('/') === wanted) ?? p.items?.find((i) => i.path.map(key).join('/').endsWith(wanted));
}

/**
 * The unit written out in prose: "article 421-2-5", "paragraph 5", "préambule, alinéa 3".
 * @example
 * unitName({ kind: 'preamble', label: 'P3' }, 'en') // 'preamble, clause 3'
 */
export function unitName(p: Pick<Paragraph, 'kind' | 'unit' | 'label'>, lang: Lang): string {
  const unit = unitOf(p);
  return `${UNIT_WORDS[unit][lang].name} ${unitNumber(unit, p.label)}`;
}

/** Plural names of unit kinds, for "its articles run from 1 to 19". */
export function unitPlural(unit: UnitKind, lang: Lang): string {
  return UNIT_WORDS[unit][lang].plural;
}

/** A citation marker `[Short title, <locator>]` as answers write it; group 1 the title, 2 the unit word, 3 the label and item path. */
export const CITATION_MARKER = /\[([^\][]+?),\s*(§\s*|art\.\s*|recommandation\s+|recommendation\s+|considérant\s+|recital\s+|préambule\s+|preamble\s+|annexe?\s+)([^\][]+?)\]/gu;

/**
 * Candidate unit labels of the label-and-path part of a locator, most specific first: "2339B(a)(1)" → ["2339B(a)(1)", "2339B"].
 * @example
 * labelCandidates('421-2-6, II, 1°') // ['421-2-6, II, 1°', '421-2-6']
 */
export function labelCandidates(text: string): string[] {
  const t = text.trim();
  const base = t.split(',')[0].trim();
  const head = /^\(\d+\)$/.test(base) ? base : base.replace(/\(.*$/, '').split(/\s+/)[0];
  return [...new Set([t, base, head].filter(Boolean))];
}
