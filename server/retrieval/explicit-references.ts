/** Finds explicit paragraph references in a question: "paragraphe 13", "§ 24", "recommendation 12", "paragraphs 5 to 7". Web-standard. */
import { normaliseApostrophes } from '../text/analyzer.js';

const KEYWORD = String.raw`(?:paragraphes?|paragraphs?|paras?\.?|§§?|alin[ée]as?|points?|recommandations?|recommendations?|clauses?|items?)`;
const NUM = String.raw`\d{1,3}`;
const SEP = String.raw`\s*(?:,|et|and|&|à|a|to|through|-|–|ou|or|au)\s*`;
const REFERENCE = new RegExp(String.raw`${KEYWORD}\s*(?:n[°o]\.?\s*|num[ée]ro\s*|number\s*|no\.?\s*)?(${NUM}(?:${SEP}${NUM})*)(?![\d/])`, 'giu');
const PREAMBLE = new RegExp(String.raw`(?:pr[ée]ambule|preamble|preambular)\D{0,25}?(${NUM}(?:${SEP}${NUM})*)(?![\d/])|\bP(${NUM})\b`, 'gu');

export interface ExplicitReference {
  label: string;
}

function expand(list: string): string[] {
  const out: string[] = [];
  const re = new RegExp(String.raw`(${NUM})(?:\s*(?:à|a|to|through|-|–|au)\s*(${NUM}))?`, 'giu');
  for (const m of list.matchAll(re)) {
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
 */
export function findExplicitReferences(question: string): ExplicitReference[] {
  const q = normaliseApostrophes(question);
  const labels: string[] = [];
  for (const m of q.matchAll(PREAMBLE)) {
    if (m[1]) labels.push(...expand(m[1]).map((n) => `P${n}`));
    else if (m[2]) labels.push(`P${Number(m[2])}`);
  }
  for (const m of q.replace(PREAMBLE, ' ').matchAll(REFERENCE)) labels.push(...expand(m[1]));
  return [...new Set(labels)].map((label) => ({ label }));
}
