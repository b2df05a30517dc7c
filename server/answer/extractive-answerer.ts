/**
 * The offline answerer: selects the sentences of the retrieved paragraphs that answer the question,
 * quotes them, and cites each with its paragraph number. Abstains when the texts do not answer.
 * Web-standard; no LLM.
 */
import { terms, wordsPattern } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import { eIdOf, formatLocator, itemContaining, unitName, unitOf, unitPlural } from '../corpus/units.js';
import type { Citation, DocumentMeta, Lang, Paragraph } from '../types.js';
import { DATE_PATTERN } from '../retrieval/query-planner.js';
import type { Answerer, AnswerInput, AnswerResult, RankedParagraph } from './answerer.js';

export interface ExtractiveOptions {
  /** Minimum share of the question's concepts the best paragraph must cover (0–1). */
  minCoverage: number;
  /** Most paragraphs cited in one answer. */
  maxCitations: number;
  /** Paragraphs up to this length are quoted whole. */
  fullQuoteChars: number;
}

/** Questions that ask for several items ("Quelles mesures…", "What are the…", "Which resolutions…"). */
const LIST_QUESTION = wordsPattern('quel(?:le)?s|lesquel(?:le)?s|combien|what are|which \\w+s|list|enumerate|énumér\\p{L}*');

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

export const ABSTENTION: Record<Lang, string> = {
  fr: 'Les textes disponibles ne permettent pas de répondre à cette question : aucun paragraphe du corpus ne traite de ce point. Reformulez la question ou précisez le document et le paragraphe visés.',
  en: 'The available texts do not answer this question: no paragraph of the corpus addresses this point. Try rephrasing, or name the document and paragraph you mean.',
};

/** Abstention note for names, acronyms or years of the question that no text mentions (never quoting them). */
const UNKNOWN_NOTE: Record<Lang, (n: number) => string> = {
  en: (n) => (n === 1 ? ' The question names something (a name, acronym or year) that none of the texts mentions.' : ' The question names things (names, acronyms or years) that none of the texts mentions.'),
  fr: (n) => (n === 1 ? ' La question cite un nom, un sigle ou une année qu’aucun des textes ne mentionne.' : ' La question cite des noms, sigles ou années qu’aucun des textes ne mentionne.'),
};

/** "The X has no article 421-9 (its articles run from 421-1 to 421-8)." */
function missingNote(m: NonNullable<AnswerInput['missingReferences']>[number], lang: Lang): string {
  const title = m.document ? shortTitle(m.document, lang) : undefined;
  const unit = m.unit ?? 'paragraph';
  const name = unitName({ kind: 'numbered', unit, label: m.label }, lang);
  const plural = unitPlural(unit, lang);
  if (lang === 'en') {
    const range = m.range ? ` (its ${plural} run from ${m.range[0]} to ${m.range[1]})` : '';
    return title ? `The ${title} has no ${name}${range}.` : `No document of the corpus has ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}.`;
  }
  const range = m.range ? ` (ses ${plural} vont de ${m.range[0]} à ${m.range[1]})` : '';
  const de = /^[aeiouéh]/i.test(name) ? 'd’' : 'de ';
  return title ? `Le texte « ${title} » ne comporte pas ${de}${name}${range}.` : `Aucun document du corpus ne comporte ${de}${name}.`;
}

/**
 * The indexed machine translation of the quoted sentences, when the answer's language is not the text's, labelled as
 * such; the original stays the quoted, cited and validated text.
 */
export function machineTranslation(p: Paragraph, quoted: string[], lang: Lang): string {
  if (!p.translation || p.translation.lang !== lang) return '';
  const sentences = splitSentences(p.text);
  const picked = quoted.flatMap((q) => {
    const i = sentences.indexOf(q);
    return i >= 0 && p.translation!.sentences[i] ? [p.translation!.sentences[i]] : [];
  });
  if (!picked.length) return '';
  const text = picked.join(' … ');
  return lang === 'en'
    ? `\nMachine translation (${p.translation.translator}; not authoritative, the original above is): “${text}”`
    : `\nTraduction automatique (${p.translation.translator} ; non officielle, seul l’original ci-dessus fait foi) : « ${text} »`;
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
    this.options = { minCoverage: 0.2, maxCitations: 3, fullQuoteChars: 450, ...options };
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
  private pickSentences(p: RankedParagraph, weights: Map<string, number>, expects?: 'date', list = false): string[] {
    const sents = this.sentences(p.paragraph, p.document.language);
    if (sents.length <= 1 || p.paragraph.text.length <= this.options.fullQuoteChars) return [p.paragraph.text];
    const scored = sents.map((s, i) => {
      let v = expects === 'date' && s.hasDate ? 1 : 0;
      for (const [t, w] of weights) if (s.terms.has(t)) v += w;
      if (list && s.hasNumber) v += 0.5;
      return { s, i, v: v - i * 0.01 };
    });
    const ranked = [...scored].sort((a, b) => b.v - a.v);
    const best = ranked[0];
    if (best.v <= 0) return [sents[0].text];
    const chosen = [best, ...ranked.slice(1).filter((x) => x.v >= best.v * 0.6).slice(0, list ? 2 : 1)];
    return chosen.sort((a, b) => a.i - b.i).map((c) => c.s.text);
  }

  private compose(input: AnswerInput): AnswerResult {
    const { language: lang, passages } = input;
    const scored = passages as Scored[];
    const explicit = scored.filter((p) => p.explicit);
    const missing = input.missingReferences ?? [];
    if (!explicit.length && missing.length) return { answer: missing.map((m) => missingNote(m, lang)).join(' '), abstained: true, citations: [] };
    if (!passages.length) return { answer: ABSTENTION[lang], abstained: true, citations: [] };
    if (!explicit.length && input.asksPresent) {
      const dates = [...new Set(scored.slice(0, 3).map((p) => p.document.date))].join(', ');
      const note =
        lang === 'en'
          ? ` The question is about the present situation, and the texts are dated documents (${dates}): they cannot say what is the case today.`
          : ` La question porte sur la situation actuelle ; or les textes sont des documents datés (${dates}) qui ne peuvent pas renseigner sur l’état présent.`;
      return { answer: ABSTENTION[lang] + note, abstained: true, citations: [] };
    }
    const unknown = input.unknownEntities ?? [];
    if (!explicit.length && unknown.length) {
      // The user's own words are never repeated: in « » they would read as a quotation from the texts.
      return { answer: ABSTENTION[lang] + UNKNOWN_NOTE[lang](unknown.length), abstained: true, citations: [] };
    }

    const weights = new Map<string, number>();
    for (const t of input.queryTerms) weights.set(t, (weights.get(t) ?? 0) + 1);

    let selected: Array<{ p: RankedParagraph; quote: string[]; full: boolean }>;
    if (explicit.length) {
      selected = explicit.slice(0, 6).map((p) => ({ p, quote: [p.paragraph.text], full: true }));
    } else {
      const top = scored[0];
      const { minCoverage } = this.options;
      if ((top.coverage ?? 1) < minCoverage) return { answer: ABSTENTION[lang], abstained: true, citations: [] };
      const list = LIST_QUESTION.test(input.question);
      const picked = scored
        .filter((p, i) => i === 0 || ((p.coverage ?? 0) >= Math.max(minCoverage, (top.coverage ?? 0) * (list ? 0.75 : 0.85)) && p.score >= top.score * (list ? 0.45 : 0.6)))
        .slice(0, this.options.maxCitations + (list ? 1 : 0));
      selected = picked.map((p) => ({ p, quote: this.pickSentences(p, weights, input.expects, list), full: false }));
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
