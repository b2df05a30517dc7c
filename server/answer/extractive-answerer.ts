/**
 * The offline answerer: selects the sentences of the paragraphs `decide` chose that answer the question,
 * quotes them, and cites each with its paragraph number. It composes only: whether to answer is decided
 * before (server/pipeline/decide.ts). Web-standard; no LLM.
 */
import { analyze, terms } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import { eIdOf, formatLocator, itemContaining, unitName, unitOf } from '../corpus/units.js';
import type { Citation, DocumentMeta, Lang, Paragraph } from '../types.js';
import { DEFAULT_RANKING_PARAMS, type RankingParams } from '../pipeline/params.js';
import { ABSTENTION } from '../pipeline/refusals.js';
import { DATE_PATTERN } from '../pipeline/request-type.js';
import type { Answerer, AnswerInput, AnswerResult, Gloss, RankedParagraph } from './answerer.js';

/** The composition tunables the extractive answerer reads. */
export type ExtractiveOptions = Pick<
  RankingParams,
  | 'maxCitations'
  | 'fullQuoteChars'
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

interface SentenceInfo {
  text: string;
  terms: Set<string>;
  hasDate: boolean;
  hasNumber: boolean;
}

const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FRENCH_DATE = new RegExp(String.raw`\b(1er|\d{1,2})\s+(${MONTHS_FR.join('|')})\s+(\d{4})\b`, 'giu');

export { ABSTENTION };

/**
 * The indexed machine translation of the quoted sentences, when the answer's language is not the text's, labelled as
 * such; the original stays the quoted, cited and validated text.
 */
export function machineTranslation(p: Paragraph, quoted: string[], lang: Lang): string {
  if (!p.translation || p.translation.lang !== lang) return '';
  const sentences = splitSentences(p.text);
  // A quoted piece is a sentence, or a block of them (a lead-in with its list items): each of its sentences is looked up.
  const picked = quoted
    .flatMap((q) => (sentences.includes(q) ? [q] : splitSentences(q)))
    .flatMap((q) => {
      const i = sentences.indexOf(q);
      return i >= 0 && p.translation!.sentences[i] ? [p.translation!.sentences[i]] : [];
    });
  if (!picked.length) return '';
  // Sentences translated together (one aligned piece) carry the same translation: each piece is shown once.
  const text = [...new Set(picked)].join(' … ');
  return lang === 'en'
    ? `\nMachine translation (${p.translation.translator}; not authoritative, the original above is): “${text}”`
    : `\nTraduction automatique (${p.translation.translator} ; non officielle, seul l’original ci-dessus fait foi) : « ${text} »`;
}

/**
 * Without a translation, says in the reader's language which words of the quoted text answer the question: each quoted
 * word whose stem the question's own word was expanded to (term base, dictionary, cognates), labelled as glosses.
 * @example
 * glossLine([{ text: 'L’asile n’est pas accordé.', lang: 'fr' }], [{ source: 'asylum', terms: ['asil'] }], 'en')
 * // 'Key terms of the quoted French text (glosses from the term base and dictionary, not a translation): asile → asylum.'
 */
export function glossLine(quotes: Array<{ text: string; lang: Lang }>, glosses: Gloss[], lang: Lang, max = 8): string {
  const pairs = new Map<string, string>();
  if (!quotes.length || !glosses.length) return '';
  // The glosses that give each term, the one rendering it with the highest weight first (in question order on ties): the first whose source is not the word itself glosses it.
  const byTerm = new Map<string, Array<{ source: string; weight: number }>>();
  for (const g of glosses)
    g.terms.forEach((t, i) => {
      const list = byTerm.get(t) ?? byTerm.set(t, []).get(t)!;
      if (!list.some((x) => x.source === g.source)) list.push({ source: g.source, weight: g.weights?.[i] ?? 0 });
    });
  for (const list of byTerm.values()) list.sort((a, b) => b.weight - a.weight);
  for (const q of quotes) {
    let run: { words: string[]; source: string; end: number } | undefined;
    const flush = () => {
      const key = run?.words.join(' ').toLowerCase();
      if (run && key && !pairs.has(key) && pairs.size < max) pairs.set(key, run.source);
      run = undefined;
    };
    for (const token of analyze(q.text, q.lang)) {
      const g = byTerm.get(token.term)?.find((x) => x.source.toLowerCase() !== token.surface.toLowerCase());
      if (run && (!g || g.source !== run.source || token.position !== run.end + 1)) flush();
      if (!g) continue;
      if (run) {
        run.words.push(token.surface);
        run.end = token.position;
      } else run = { words: [token.surface], source: g.source, end: token.position };
    }
    flush();
  }
  if (!pairs.size) return '';
  const list = [...pairs].map(([w, s]) => `${w} → ${s}`).join('; ');
  const other = quotes[0].lang === 'fr' ? { en: 'French', fr: 'français' } : { en: 'English', fr: 'anglais' };
  return lang === 'en'
    ? `Key terms of the quoted ${other.en} text (glosses from the term base and dictionary, not a translation): ${list}.`
    : `Termes clés du texte ${other.fr} cité (gloses du lexique et du dictionnaire, pas une traduction) : ${list}.`;
}

/** Citation marker as it appears in answers: `[Plan d'action de Bucarest, §5]`, `[Code X, art. 421-2-6, II, 1°]`. */
export function citationMarker(doc: DocumentMeta, paragraph: Pick<Paragraph, 'kind' | 'unit' | 'label'>, lang: Lang, path: readonly string[] = []): string {
  return `[${shortTitle(doc, lang)}, ${formatLocator(paragraph, lang, path)}]`;
}

/** The citation of a paragraph: label, eId and locator of the unit, or of its item that holds the quote. */
export function citationOf(ref: number, doc: DocumentMeta, paragraph: Paragraph, lang: Lang, quote?: string): Citation {
  const item = quote ? itemContaining(paragraph, quote) : undefined;
  return {
    ref,
    documentId: doc.id,
    documentTitle: docTitle(doc, lang),
    paragraph: paragraph.label,
    text: paragraph.text,
    ...(quote !== undefined ? { quote } : {}),
    eId: item?.eId ?? eIdOf(paragraph),
    unit: unitOf(paragraph),
    locator: formatLocator(paragraph, lang, item?.path),
  };
}

/** The document's short title in the answer's language. */
function shortTitle(doc: DocumentMeta, lang: Lang): string {
  return lang === 'en' ? (doc.shortTitleEn ?? doc.shortTitle) : doc.shortTitle;
}

/** English renderings of French dates found in a quote ("31 décembre 2002" → "31 December 2002"). */
export function englishDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FRENCH_DATE)) {
    const month = MONTHS_EN[MONTHS_FR.indexOf(m[2].toLowerCase())];
    out.push(`${m[1] === '1er' ? '1' : m[1]} ${month} ${m[3]}`);
  }
  return [...new Set(out)];
}

function docTitle(doc: DocumentMeta, lang: Lang): string {
  return lang === 'en' ? (doc.titleEn ?? doc.title) : doc.title;
}

function paragraphName(doc: DocumentMeta, paragraph: Paragraph, lang: Lang): string {
  return `${shortTitle(doc, lang)}, ${unitName(paragraph, lang)}`;
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
  private pickSentences(p: RankedParagraph, weights: Map<string, number>, expects?: AnswerInput['expects'], list = false): string[] {
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
    if (best.v <= 0) return [sents[0].text];
    const chosen = [
      best,
      ...ranked
        .slice(1)
        .filter((x) => x.v >= best.v * this.options.sentenceRatio)
        .slice(0, list ? 2 : 1),
    ];
    return chosen.sort((a, b) => a.i - b.i).map((c) => c.s.text);
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

  private compose(input: AnswerInput): AnswerResult {
    const { language: lang, passages } = input;
    const scored = passages as Scored[];
    const explicit = scored.filter((p) => p.explicit);
    if (!passages.length) return { answer: ABSTENTION[lang], abstained: true, citations: [] };

    const weights = new Map<string, number>();
    for (const t of input.queryTerms) weights.set(t, (weights.get(t) ?? 0) + 1);

    let selected: Array<{ p: RankedParagraph; quote: string[]; full: boolean }>;
    if (explicit.length) {
      selected = explicit.slice(0, this.options.maxExplicit).map((p) => ({ p, quote: [p.paragraph.text], full: true }));
    } else {
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
      selected = cited.map((p) => ({ p, quote: this.pickSentences(p, weights, input.expects, list), full: false }));
      const seen = new Set<string>();
      selected = selected.filter((s) => {
        const key = s.quote.join(' ');
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }

    const citations: Citation[] = selected.map((s, i) => citationOf(i + 1, s.p.document, s.p.paragraph, lang, s.full ? undefined : s.quote.join(' ')));

    const parts: string[] = [];
    if (explicit.length) {
      for (const s of selected) {
        const name = paragraphName(s.p.document, s.p.paragraph, lang);
        const section = s.p.paragraph.section ? s.p.paragraph.section.split(' — ').pop() : undefined;
        const where = section ? (lang === 'en' ? ` (section “${section}”)` : ` (section « ${section} »)`) : '';
        const original = s.p.document.language === 'fr' ? ', in the original French' : '';
        const lead = lang === 'en' ? `${name}${where} reads${original}:` : `${name}${where} :`;
        parts.push(`${lead} « ${s.p.paragraph.text} » ${citationMarker(s.p.document, s.p.paragraph, lang)}${machineTranslation(s.p.paragraph, splitSentences(s.p.paragraph.text), lang)}`);
      }
    } else {
      selected.forEach((s, i) => {
        const title = shortTitle(s.p.document, lang);
        const path = itemContaining(s.p.paragraph, s.quote[0] ?? '')?.path ?? [];
        const para = unitOf(s.p.paragraph) === 'preamble' ? unitName(s.p.paragraph, lang) : formatLocator(s.p.paragraph, lang, path);
        let lead: string;
        const original = s.p.document.language === 'fr' ? ' (French original)' : '';
        if (lang === 'en') lead = i === 0 ? `According to the ${title} (${para}), the text states${original}:` : `The ${title} (${para}) adds:`;
        else lead = i === 0 ? `Selon le texte « ${title} » (${para}) :` : `Le texte « ${title} » (${para}) précise en outre :`;
        const quote = s.quote.join(' … ');
        parts.push(`${lead} « ${quote} » ${citationMarker(s.p.document, s.p.paragraph, lang, path)}${machineTranslation(s.p.paragraph, s.quote, lang)}`);
      });
    }
    const glossed = glossLine(
      selected.filter((s) => s.p.document.language !== lang && !machineTranslation(s.p.paragraph, s.quote, lang)).map((s) => ({ text: s.quote.join(' '), lang: s.p.document.language })),
      input.glosses ?? [],
      lang,
    );
    if (glossed) parts.push(glossed);
    if (lang === 'en') {
      const dates = englishDates(selected.map((s) => s.quote.join(' ')).join(' '));
      if (dates.length) parts.push(`Date${dates.length > 1 ? 's' : ''} mentioned: ${dates.join('; ')}.`);
    }
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
