/**
 * Stage 7, `validate`: keeps only citations that exist in the corpus, were among the passages handed to the
 * answerer, and whose quote is verbatim in the cited unit; an answer left without a valid citation is reported
 * as such (`dropped`). Web-standard, pure.
 */
import type { AnswerResult, RankedParagraph } from '../answer/answerer.js';
import type { CorpusStore } from '../corpus/corpus-store.js';
import type { Citation } from '../types.js';

export interface Validated {
  result: AnswerResult;
  /** Citations removed, with why. */
  dropped: Array<{ citation: Citation; why: 'not_in_corpus' | 'not_retrieved' | 'quote_not_verbatim' }>;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Paragraph texts with whitespace squashed, per paragraph text (corpus texts: bounded by the corpus). */
const squashed = new Map<string, string>();
function squashedText(text: string): string {
  let t = squashed.get(text);
  if (t === undefined) {
    if (squashed.size >= 10_000) squashed.clear();
    t = squash(text);
    squashed.set(text, t);
  }
  return t;
}

/**
 * True when a quote is made of verbatim runs of the text (quotes join the sentences they pick), whitespace aside.
 * Every word of a run that occurs in the text occurs in it, so this holds exactly when each word of the quote does.
 */
function verbatim(quote: string, text: string): boolean {
  const t = squashedText(text);
  const q = squash(quote.replace(/\s…\s/g, ' '));
  // One run found whole has every word in the text: the common case, without splitting.
  return t.includes(q) || q.split(' ').every((w) => !w || t.includes(w));
}

/**
 * Validates an answer's citations against the corpus and the retrieved passages.
 * @example
 * const { result, dropped } = validate(answer, passages, store);
 */
export function validate(result: AnswerResult, passages: readonly RankedParagraph[], store: CorpusStore): Validated {
  const dropped: Validated['dropped'] = [];
  const retrieved = new Set(passages.map((p) => `${p.document.id}#${p.paragraph.label}`));
  const citations = result.citations.filter((c) => {
    const p = store.paragraph(c.documentId, c.paragraph);
    const why = !p ? 'not_in_corpus' : !retrieved.has(`${c.documentId}#${p.label}`) ? 'not_retrieved' : c.quote !== undefined && !verbatim(c.quote, p.text) ? 'quote_not_verbatim' : undefined;
    if (why) dropped.push({ citation: c, why });
    return !why;
  });
  return { result: dropped.length ? { ...result, citations } : result, dropped };
}
