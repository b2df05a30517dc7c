/** The contract every answerer (extractive, LLM) implements: it composes an answer from the paragraphs `decide` chose. Web-standard. */
import type { ChatTurn, Citation, DocumentMeta, Lang, Paragraph } from '../types.js';

/** A paragraph chosen by retrieval, with its fused score. */
export interface RankedParagraph {
  paragraph: Paragraph;
  document: DocumentMeta;
  score: number;
  /** True when the question named this paragraph explicitly ("paragraphe 13"). */
  explicit?: boolean;
  /** Query terms (analysed) that matched this paragraph lexically. */
  matchedTerms?: string[];
}

/** A question word with the other-language terms it may gloss; `weights` (parallel to `terms`) choose among words glossing one term. */
export interface Gloss {
  source: string;
  terms: string[];
  weights?: number[];
}

export interface AnswerInput {
  question: string;
  language: Lang;
  history: ChatTurn[];
  /** Retrieved paragraphs, best first. Only these may be cited. */
  passages: RankedParagraph[];
  /** Analysed query terms (French stems after glossary expansion), for sentence selection. */
  queryTerms: string[];
  /** The kind of answer the question asks for, when recognisable. */
  expects?: 'date' | 'number' | 'agent' | 'duration' | 'amount';
  /** The question's own words with the other-language terms they were expanded to (term base, dictionary, cognates), for glosses. */
  glosses?: Gloss[];
  /** Search terms of each of the question's own concepts, for citing every paragraph a multi-part question needs. */
  concepts?: string[][];
  /** The question asks for several items: cite more paragraphs, quote lists whole. */
  listQuestion?: boolean;
}

export interface AnswerResult {
  answer: string;
  abstained: boolean;
  citations: Citation[];
  /** Set when the configured answerer failed and this answer comes from the extractive fallback. */
  degraded?: 'llm_unavailable';
}

/**
 * Produces a grounded, cited answer from retrieved paragraphs.
 * `stream` yields text chunks of the answer, then returns the final result (citations validated).
 */
export interface Answerer {
  readonly name: string;
  answer(input: AnswerInput, signal?: AbortSignal): Promise<AnswerResult>;
  stream(input: AnswerInput, signal?: AbortSignal): AsyncGenerator<string, AnswerResult, void>;
}
