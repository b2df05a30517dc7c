/**
 * The offline answerer: selects the sentences of the paragraphs `decide` chose that answer the question,
 * quotes them, and cites each with its paragraph number. It composes only: whether to answer is decided
 * before (server/pipeline/decide.ts). Web-standard; no LLM.
 */
import { terms } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import { formatLocator, itemContaining, unitName, unitOf } from '../corpus/units.js';
import type { Citation, Lang, Paragraph } from '../types.js';
import { DEFAULT_RANKING_PARAMS, type RankingParams } from '../pipeline/params.js';
import { ABSTENTION } from '../pipeline/refusals.js';
import { checkedAnswerTypesOf } from '../pipeline/answer-types-memo.js';
import { DATE_PATTERN, holdsAnswerType } from '../pipeline/request-type.js';
import type { CheckedAnswerType } from '../pipeline/types.js';
import type { Answerer, AnswerInput, AnswerResult, RankedParagraph } from './answerer.js';
import { citationMarker, citationOf, paragraphName, shortTitle } from './citation-format.js';
import { englishDates, glossLine, machineTranslation } from './quote-notes.js';
import { quoteBlocks, withListContext } from './sentence-blocks.js';

export { citationMarker, citationOf } from './citation-format.js';
export { englishDates, glossLine, machineTranslation } from './quote-notes.js';
export { ABSTENTION };

/** The composition tunables the extractive answerer reads. */
export type ExtractiveOptions = Pick<
  RankingParams,
  | 'maxCitations'
  | 'fullQuoteChars'
  | 'listContextChars'
  | 'minCoverage'
  | 'citeCoverageRatio'
  | 'citeCoverageRatioList'
  | 'citeScoreRatio'
  | 'citeScoreRatioList'
  | 'citeComplementScoreRatio'
  | 'sentenceRatio'
  | 'maxExplicit'
>;

/** Line-opening list markers: "• ", "- ", "a) ", "1° ", "(i) ". */
const LIST_MARKER = /(?:^|\n)\s*(?:[•\-–*]|\(?[a-z0-9]{1,4}[).°])\s+/giu;

/** A heading with its items: a unit with numbered items, or a text whose lines open with list markers. */
function isList(p: Paragraph): boolean {
  return (p.items?.length ?? 0) >= 2 || (p.text.match(LIST_MARKER)?.length ?? 0) >= 2;
}

interface Scored extends RankedParagraph {
  coverage?: number;
}

/** A cited paragraph with the sentences quoted from it (`full`: the whole paragraph, a named one). */
type Selected = { p: RankedParagraph; quote: string[]; full: boolean };

interface SentenceInfo {
  text: string;
  terms: Set<string>;
  hasDate: boolean;
  hasNumber: boolean;
}

/**
 * Extractive, grounded answerer.
 * @example
 * const answerer = new ExtractiveAnswerer();
 * const { answer, citations } = await answerer.answer({ question, language: 'fr', history: [], passages, queryTerms });
 */
export class ExtractiveAnswerer implements Answerer {
  readonly name = 'extractive';
  private readonly options: ExtractiveOptions;
  private readonly sentenceCache = new WeakMap<Paragraph, SentenceInfo[]>();

  constructor(options: Partial<ExtractiveOptions> = {}) {
    this.options = { ...DEFAULT_RANKING_PARAMS, ...options };
  }

  private sentences(p: Paragraph, lang: Lang): SentenceInfo[] {
    let cached = this.sentenceCache.get(p);
    if (!cached) {
      cached = splitSentences(p.text).map((text) => ({ text, terms: new Set(terms(text, lang)), hasDate: DATE_PATTERN.test(text), hasNumber: /\d/.test(text) }));
      this.sentenceCache.set(p, cached);
    }
    return cached;
  }

  /**
   * Picks the sentences of a paragraph that carry the question's terms: the whole paragraph when it is
   * short, else the best sentence and the next best ones that score close to it, in text order.
   */
  private pickSentences(p: RankedParagraph, weights: Map<string, number>, input: Pick<AnswerInput, 'expects' | 'question' | 'concepts'>, list = false): string[] {
    const expects = input.expects;
    const sents = this.sentences(p.paragraph, p.document.language);
    if (sents.length <= 1 || p.paragraph.text.length <= this.options.fullQuoteChars || (list && isList(p.paragraph))) return [p.paragraph.text];
    const scored = sents.map((s, i) => {
      let v = expects === 'date' && s.hasDate ? 1 : 0;
      for (const [t, w] of weights) if (s.terms.has(t)) v += w;
      if (list && s.hasNumber) v += 0.5;
      return { s, i, v: v - i * 0.01 };
    });
    const ranked = [...scored].sort((a, b) => b.v - a.v);
    const best = ranked[0];
    const chosen =
      best.v <= 0
        ? [0]
        : [
            best,
            ...byFreshConcepts(
              best,
              ranked.slice(1).filter((x) => x.v >= best.v * this.options.sentenceRatio),
              input.concepts ?? [],
            ).slice(0, list ? 2 : 1),
          ].map((c) => c.i);
    const texts = sents.map((s) => s.text);
    const typed = best.v > 0 ? withAnswerTypes(chosen, ranked, texts, checkedAnswerTypesOf(input.question, expects), input.question) : chosen;
    return quoteBlocks(withListContext(typed, texts, this.options.listContextChars, list), texts);
  }

  /**
   * Further paragraphs for a question that spans several: each brings a concept of the question that the paragraphs
   * already chosen do not hold, with enough coverage and score.
   */
  private complements(scored: Scored[], picked: Scored[], input: AnswerInput, list: boolean): Scored[] {
    const o = this.options;
    const groups = input.concepts ?? [];
    if (groups.length < 2) return [];
    const holds = (p: Scored) => new Set(groups.flatMap((g, i) => (g.some((t) => p.matchedTerms?.includes(t)) ? [i] : [])));
    const covered = new Set(picked.flatMap((p) => [...holds(p)]));
    const out: Scored[] = [];
    for (const p of scored) {
      if (picked.length + out.length >= o.maxCitations + (list ? 1 : 0)) break;
      if (picked.includes(p) || (p.coverage ?? 0) < o.minCoverage || p.score < scored[0].score * o.citeComplementScoreRatio) continue;
      const fresh = [...holds(p)].filter((i) => !covered.has(i));
      if (!fresh.length) continue;
      fresh.forEach((i) => covered.add(i));
      out.push(p);
    }
    return out;
  }

  /** The paragraphs cited and the sentences quoted from each, duplicates of a quote dropped. */
  private select(scored: Scored[], input: AnswerInput): Selected[] {
    const weights = new Map<string, number>();
    for (const t of input.queryTerms) weights.set(t, (weights.get(t) ?? 0) + 1);
    const top = scored[0];
    const o = this.options;
    const list = input.listQuestion ?? false;
    const picked = scored
      .filter(
        (p, i) =>
          i === 0 ||
          ((p.coverage ?? 0) >= Math.max(o.minCoverage, (top.coverage ?? 0) * (list ? o.citeCoverageRatioList : o.citeCoverageRatio)) &&
            p.score >= top.score * (list ? o.citeScoreRatioList : o.citeScoreRatio)),
      )
      .slice(0, this.options.maxCitations + (list ? 1 : 0));
    const cited = [...picked, ...this.complements(scored, picked, input, list)];
    const selected = cited.map((p) => ({ p, quote: this.pickSentences(p, weights, input, list), full: false }));
    const seen = new Set<string>();
    return selected.filter((s) => {
      const key = s.quote.join(' ');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private compose(input: AnswerInput): AnswerResult {
    const { language: lang, passages } = input;
    const scored = passages as Scored[];
    const explicit = scored.filter((p) => p.explicit);
    if (!passages.length) return { answer: ABSTENTION[lang], abstained: true, citations: [] };
    const selected: Selected[] = explicit.length ? explicit.slice(0, this.options.maxExplicit).map((p) => ({ p, quote: [p.paragraph.text], full: true })) : this.select(scored, input);
    const citations: Citation[] = selected.map((s, i) => citationOf(i + 1, s.p.document, s.p.paragraph, lang, s.full ? undefined : s.quote.join(' ')));
    const parts = explicit.length ? selected.map((s) => explicitPart(s, lang)) : selected.map((s, i) => quotedPart(s, i, lang));
    parts.push(...notes(selected, input));
    return { answer: parts.join('\n\n'), abstained: false, citations };
  }

  async answer(input: AnswerInput): Promise<AnswerResult> {
    return this.compose(input);
  }

  async *stream(input: AnswerInput): AsyncGenerator<string, AnswerResult, void> {
    const result = this.compose(input);
    const chunks = result.answer.match(/[^\s]+\s*/g) ?? [result.answer];
    for (let i = 0; i < chunks.length; i += 8) yield chunks.slice(i, i + 8).join('');
    return result;
  }
}

/** The chosen sentences, plus for each answer type the question asks for (a duration, a sum, a date…) that none of them holds the best-scoring sentence holding it that shares a term with the question. */
function withAnswerTypes(
  chosen: number[],
  ranked: ReadonlyArray<{ s: SentenceInfo; i: number; v: number }>,
  texts: readonly string[],
  types: readonly CheckedAnswerType[],
  question: string,
): number[] {
  const out = [...chosen];
  for (const t of types) {
    if (out.some((i) => holdsAnswerType(texts[i], t, question))) continue;
    const add = ranked.find((r) => r.v > 0 && holdsAnswerType(r.s.text, t, question));
    if (add) out.push(add.i);
  }
  return out;
}

/** Candidate sentences, those holding concepts of the question the best sentence lacks first (then by score). */
function byFreshConcepts<T extends { s: SentenceInfo; v: number }>(best: T, candidates: T[], concepts: readonly string[][]): T[] {
  const lacking = concepts.filter((g) => !g.some((t) => best.s.terms.has(t)));
  const fresh = (x: T) => lacking.filter((g) => g.some((t) => x.s.terms.has(t))).length;
  return [...candidates].sort((a, b) => fresh(b) - fresh(a) || b.v - a.v);
}

/** A paragraph the question names, quoted whole. */
function explicitPart(s: Selected, lang: Lang): string {
  const name = paragraphName(s.p.document, s.p.paragraph, lang);
  const section = s.p.paragraph.section ? s.p.paragraph.section.split(' — ').pop() : undefined;
  const where = section ? (lang === 'en' ? ` (section “${section}”)` : ` (section « ${section} »)`) : '';
  const original = s.p.document.language === 'fr' ? ', in the original French' : '';
  const lead = lang === 'en' ? `${name}${where} reads${original}:` : `${name}${where} :`;
  return `${lead} « ${s.p.paragraph.text} » ${citationMarker(s.p.document, s.p.paragraph, lang)}${machineTranslation(s.p.paragraph, splitSentences(s.p.paragraph.text), lang)}`;
}

/** The `i`-th cited paragraph with its quoted sentences. */
function quotedPart(s: Selected, i: number, lang: Lang): string {
  const title = shortTitle(s.p.document, lang);
  const path = itemContaining(s.p.paragraph, s.quote[0] ?? '')?.path ?? [];
  const para = unitOf(s.p.paragraph) === 'preamble' ? unitName(s.p.paragraph, lang) : formatLocator(s.p.paragraph, lang, path);
  let lead: string;
  const original = s.p.document.language === 'fr' ? ' (French original)' : '';
  if (lang === 'en') lead = i === 0 ? `According to the ${title} (${para}), the text states${original}:` : `The ${title} (${para}) adds:`;
  else lead = i === 0 ? `Selon le texte « ${title} » (${para}) :` : `Le texte « ${title} » (${para}) précise en outre :`;
  const quote = s.quote.join(' … ');
  return `${lead} « ${quote} » ${citationMarker(s.p.document, s.p.paragraph, lang, path)}${machineTranslation(s.p.paragraph, s.quote, lang)}`;
}

/** The glosses of untranslated quotes in another language, and in English the dates quoted. */
function notes(selected: Selected[], input: AnswerInput): string[] {
  const lang = input.language;
  const out: string[] = [];
  const glossed = glossLine(
    selected.filter((s) => s.p.document.language !== lang && !machineTranslation(s.p.paragraph, s.quote, lang)).map((s) => ({ text: s.quote.join(' '), lang: s.p.document.language })),
    input.glosses ?? [],
    lang,
  );
  if (glossed) out.push(glossed);
  if (lang === 'en') {
    const dates = englishDates(selected.map((s) => s.quote.join(' ')).join(' '));
    if (dates.length) out.push(`Date${dates.length > 1 ? 's' : ''} mentioned: ${dates.join('; ')}.`);
  }
  return out;
}
