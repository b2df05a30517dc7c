/** Finds explicit paragraph references in a question: "paragraphe 13", "§ 24", "recommendation 12", "paragraphs 5 to 7". Web-standard. */
import { normaliseApostrophes } from '../text/analyzer.js';
import { LATIN_SUFFIX, ROMAN_NUMERAL } from '../corpus/units.js';
import type { Lang, UnitKind } from '../types.js';

const KEYWORD = String.raw`(?:paragraphes?|paragraphs?|paras?\.?|§§?|alin[ée]as?|points?|recommandations?|recommendations?|clauses?|items?)`;
const NUM = String.raw`\d{1,3}`;
const SEP = String.raw`\s*(?:,|et|and|&|à|a|to|through|-|–|ou|or|au)\s*`;
const REFERENCE = new RegExp(String.raw`${KEYWORD}\s*(?:n[°o]\.?\s*|num[ée]ro\s*|number\s*|no\.?\s*)?(${NUM}(?:${SEP}${NUM})*)(?![\d/])`, 'giu');
const PREAMBLE = new RegExp(String.raw`(?:pr[ée]ambule|preamble|preambular)\D{0,25}?(${NUM}(?:${SEP}${NUM})*)(?![\d/])|\bP(${NUM})\b`, 'gu');

export interface ExplicitReference {
  label: string;
  /** The unit kind the question names (`article`, `section`, `recital`), when it names one. */
  unit?: UnitKind;
  /** Item path inside the unit ("4°", "(b)"), when the question narrows to one. */
  path?: string[];
}

const ARTICLE_NUM = String.raw`(?:premier|1er|(?:[LRD]\.?\s?)?\d{1,5}(?:-\d{1,4})*(?:\.\d{1,2}(?!\d))?(?:\s?${LATIN_SUFFIX})?)`;
const ARTICLE_REF = new RegExp(String.raw`\b(?:articles?|art\.)\s*(${ARTICLE_NUM}(?:\s*(?:,|et|and|&|ou|or)\s*${ARTICLE_NUM})*)(?![\p{L}\p{N}])`, 'giu');
/** "Article XIV" of a treaty: the numeral must be upper case, so "article ci-dessus" or "art. c)" are not references. */
const ROMAN_ONE = String.raw`${ROMAN_NUMERAL}(?![\p{L}\p{N}])`;
const ROMAN_ARTICLE_REF = new RegExp(String.raw`\b(?:[Aa]rticles?|ARTICLES?|[Aa]rt\.)\s*(${ROMAN_ONE}(?:\s*(?:,|et|and|&|ou|or)\s*${ROMAN_ONE})*)`, 'gu');
/** Between the numbers of a list of articles: "3, 4 et 5", "IV and V". */
const LIST_SEPARATOR = /\s*(?:,|\bet\b|\band\b|&|\bou\b|\bor\b)\s*/iu;
const ITEM_OF_ARTICLE = /\b(?:l[ea]\s+|the\s+)?(\d{1,3}°|[a-z]\)|\([a-z0-9]{1,4}\))\s+(?:de\s+l'|of\s+)(?=article|art\.)/giu;
const SECTION_REF = /(?:§§?\s*(?=\d{3})|\bsections?\s+|\bsec\.\s*)(\d{1,5}[A-Z]{0,2}(?:-\d+)?(?:\.\d{1,2}(?!\d))?)((?:\([a-zA-Z0-9]{1,4}\))*)/gu;
/** A subdivision named with its statute section number: "paragraph 83.18(3)(d)", "subsection 83.18(3)", « l'alinéa 83.18(3)d) » (the unit is the section's: article or section by language). */
const SUBDIVISION_REF = /(?:\b(?:sub)?(?:paragraphs?|sections?|clauses?)|\b(?:sous-)?(?:alinéas?|paragraphes?))\s+(\d{1,5}\.\d{1,3}(?!\d))((?:\([a-zA-Z0-9]{1,4}\)|[a-z]\))*)/giu;
const RECITAL_REF = /\b(?:recitals?|considérants?)\s*(?:n[°o]\.?\s*)?\(?(\d{1,3})\)?/giu;
const SUB_AFTER = /^\s*((?:\([a-zA-Z0-9]{1,4}\))+|\s?[a-z]\))/u;
/** Every pattern above needs a digit, or an article keyword ("article premier", "Article XIV"): a question with neither names no unit. */
const MAY_REFER = /\d|art/iu;
const DIGIT = /\d/;

/**
 * A unit named as the authority an instrument is made under, not as what the question asks about: "a regulation
 * made under section 4", "orders issued pursuant to sections 4 and 5", « un arrêté pris en application de l'article 3 »,
 * « les décrets pris sur le fondement de l'article L. 223-1 ». The participle of making (made, issued, enacted,
 * adopted, « pris », « édicté », « adopté ») with its "under" / « en application de » says the content asked for is
 * in the instrument made, not in the unit that empowers it.
 */
const CONTEXT_REFERENCE =
  /(?<![\p{L}])(?:made|issued|enacted|adopted|promulgated|prescribed|pris(?:es?)?|édicté\p{L}*|adopté\p{L}*|promulgué\p{L}*)\s+(?:under|pursuant to|in accordance with|by virtue of|en application|sur le fondement|en vertu|au titre)\s*(?:(?:de la|de l'|du|des|de|d')\s*)?(?:the\s+)?(?:articles?|art\.|(?:sub)?sections?|s\.|ss\.|paragraph[es]*|paragraphes?|alin[ée]as?)\s*(?:[LRD]\.?\s?)?[\p{L}\d.()°-]*\d[\p{L}\d.()°-]*(?:\s*(?:,|and|et|or|ou)\s*[\p{L}\d.()°-]*\d[\p{L}\d.()°-]*)*/giu;

/** A number or a range of numbers ("5 à 7", "12 to 14"), built once. */
const NUMBER_RANGE = new RegExp(String.raw`(${NUM})(?:\s*(?:à|a|to|through|-|–|au)\s*(${NUM}))?`, 'giu');

function expand(list: string): string[] {
  const out: string[] = [];
  for (const m of list.matchAll(NUMBER_RANGE)) {
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    if (to >= from && to - from <= 10) for (let n = from; n <= to; n++) out.push(String(n));
    else out.push(String(from));
  }
  return out;
}

/**
 * Extracts the paragraph labels a question names explicitly, in order, without duplicates.
 * @example
 * findExplicitReferences('Que dit le § 24 du Plan de Bucarest ?') // [{ label: '24' }]
 * findExplicitReferences('paragraphs 5 to 7') // labels 5, 6, 7
 * findExplicitReferences('What does Article XIV say?') // [{ label: 'XIV', unit: 'article' }]
 */
export function findExplicitReferences(question: string): ExplicitReference[] {
  let q = normaliseApostrophes(question);
  if (!MAY_REFER.test(q)) return [];
  // Only the article patterns can match without a digit, and blanking a match adds none: the others are skipped.
  const digits = DIGIT.test(q);
  if (digits) q = q.replace(CONTEXT_REFERENCE, ' ');
  const refs: ExplicitReference[] = [];
  const itemOf = [...q.matchAll(ITEM_OF_ARTICLE)].map((m) => m[1]);
  q = blankMatches(q, ARTICLE_REF, (m) => {
    const labels = m[1].split(LIST_SEPARATOR).filter(Boolean);
    for (const raw of labels) refs.push({ label: articleLabel(raw), unit: 'article', ...(itemOf.length ? { path: itemOf } : {}) });
  });
  q = blankMatches(q, ROMAN_ARTICLE_REF, (m) => {
    for (const label of m[1].split(LIST_SEPARATOR).filter(Boolean)) refs.push({ label, unit: 'article', ...(itemOf.length ? { path: itemOf } : {}) });
  });
  if (!digits) return unique(refs);
  q = blankMatches(q, SECTION_REF, (m) => {
    const path = m[2] ? (m[2].match(/\([^)]+\)/g) ?? []) : [];
    refs.push({ label: m[1], unit: 'section', ...(path.length ? { path } : {}) });
  });
  q = blankMatches(q, SUBDIVISION_REF, (m) => {
    const path = m[2] ? (m[2].match(/\([^)]+\)|[a-z]\)/g) ?? []) : [];
    refs.push({ label: m[1], ...(path.length ? { path } : {}) });
  });
  q = blankMatches(q, RECITAL_REF, (m) => refs.push({ label: `(${Number(m[1])})`, unit: 'recital' }));
  const rest = blankMatches(q, PREAMBLE, (m) => {
    if (m[1]) refs.push(...expand(m[1]).map((n) => ({ label: `P${n}` })));
    else if (m[2]) refs.push({ label: `P${Number(m[2])}` });
  });
  for (const m of rest.matchAll(REFERENCE)) {
    const numbers = expand(m[1]);
    const sub = SUB_AFTER.exec(q.slice((m.index ?? 0) + m[0].length));
    const path = sub ? (sub[1].match(/\([^)]+\)|[a-z]\)/g) ?? []) : [];
    // "recommendation 13" names the unit kind as "article 5" does: only documents numbered in recommendations have one.
    const unit = /^recomm[ae]ndations?/iu.test(m[0]) ? ({ unit: 'recommendation' } as const) : {};
    refs.push(...numbers.map((label, i) => ({ label, ...unit, ...(path.length && i === numbers.length - 1 ? { path } : {}) })));
  }
  return unique(refs);
}

/** Calls `each` on every match of the global `re` in `q`, in order; returns `q` with the matches blanked (`q` itself, without a second pass, when none). */
function blankMatches(q: string, re: RegExp, each: (m: RegExpMatchArray) => void): string {
  let found = false;
  for (const m of q.matchAll(re)) {
    found = true;
    each(m);
  }
  return found ? q.replace(re, ' ') : q;
}

/** The references without repeats (same unit and label), first kept. */
function unique(refs: ExplicitReference[]): ExplicitReference[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.unit ?? ''}:${r.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function articleLabel(raw: string): string {
  const l = raw.trim().replace(/\s+/g, ' ');
  if (/^(premier|1er)$/i.test(l)) return '1';
  return l.replace(/^([LRD])\.?\s?(?=\d)/, '$1. ');
}

/**
 * The unit kind a statute's other-language version uses for the same unit: an English "section" is a French
 * « article » (Canada's bilingual statutes number both alike), and a French « article » of an English statute is its
 * section.
 * @example
 * counterpartKind('section', 'fr'); // 'article'
 */
export function counterpartKind(kind: UnitKind | undefined, documentLanguage: Lang): UnitKind | undefined {
  if (kind === 'section' && documentLanguage === 'fr') return 'article';
  if (kind === 'article' && documentLanguage === 'en') return 'section';
  return undefined;
}
