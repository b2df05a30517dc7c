/** Shared domain types of the assistant. Web-standard: no Node imports. */

export type Lang = 'fr' | 'en';

/** Metadata of one source document. */
export interface DocumentMeta {
  id: string;
  title: string;
  titleEn?: string;
  shortTitle: string;
  shortTitleEn?: string;
  organisation: string;
  date: string;
  language: Lang;
  source: string;
  /** Other names users give the document ("Plan de Bucarest; Bucharest Plan"), separated by ";". */
  aliases?: string;
  /** `numbered` when the document carries its own paragraph numbers, else `sequential`. */
  numbering: 'numbered' | 'sequential';
  paragraphCount: number;
}

/** One paragraph as the document numbers it. `label` is unique within its document. */
export interface Paragraph {
  documentId: string;
  /** The label as the document numbers it ("5"), "P1" for preamble clauses, or a sequential number. */
  label: string;
  /** Position in reading order, from 0. */
  index: number;
  /** Full paragraph text, joined across hard line breaks and page breaks. */
  text: string;
  /** Heading of the section the paragraph falls under, if any. */
  section?: string;
  kind: 'numbered' | 'preamble' | 'sequential';
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  question: string;
  history?: ChatTurn[];
  lang?: Lang;
}

export interface Citation {
  ref: number;
  documentId: string;
  documentTitle: string;
  paragraph: string;
  text: string;
  quote?: string;
}

export type RetrievalMode = 'hybrid' | 'lexical' | 'dense';

export interface RetrievedPassage {
  documentId: string;
  paragraph: string;
  score: number;
}

export interface ChatResponse {
  answer: string;
  language: Lang;
  abstained: boolean;
  citations: Citation[];
  retrieval: { mode: RetrievalMode; passages: RetrievedPassage[] };
  /** Present when the LLM failed or timed out and the answer is the extractive one. */
  degraded?: 'llm_unavailable';
}
