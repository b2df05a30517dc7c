/** What each stage of the answering pipeline hands to the next. Each stage returns a new value; none mutates its input. Web-standard. */
import type { RankedParagraph } from '../answer/answerer.js';
import type { Concept } from '../text/glossary.js';
import type { ChatTurn, Lang, RetrievalMode } from '../types.js';
import type { MissingReference, ParagraphRef } from '../retrieval/query-planner.js';

/** Kinds of request the assistant does not serve, whatever the corpus. */
export type OffTaskKind = 'credentials' | 'code' | 'creative' | 'arithmetic' | 'harm' | 'roleplay' | 'everyday' | 'unsourced';

/** The kind of answer a question asks for (`duration`: a length of time, `amount`: a sum of money). */
export type AnswerType = 'date' | 'number' | 'agent' | 'duration' | 'amount';

/** The answer types `decide` may require of the paragraphs it cites: the question's own (`AnswerType`), a penalty (a term of imprisonment or a fine, with its length or sum), or a definition. */
export type CheckedAnswerType = AnswerType | 'penalty' | 'definition';

/** Why the pipeline refuses to answer. */
export type AbstentionReason = 'off_task' | 'missing_reference' | 'asks_present' | 'unknown_entity' | 'answer_type_missing' | 'no_coverage' | 'no_passages';

/** Input of the pipeline. */
export interface PipelineInput {
  question: string;
  history?: ChatTurn[];
  lang?: Lang;
}

/** `analyse`: the question read once — language, tokens, request type, explicit references, conversation. */
export interface Analysis {
  language: Lang;
  /** The question with injected instructions removed. */
  cleanQuestion: string;
  injection: boolean;
  /** Analysed terms of the question in its language (stems, no stop words). */
  tokens: string[];
  /** Set when the request is of a kind the assistant does not serve. */
  offTask?: OffTaskKind;
  expects?: AnswerType;
  /** The question asks about the present ("currently"), which dated texts cannot answer. */
  asksPresent: boolean;
  /** Capitalised words (not opening a sentence), acronyms and years, lower-cased. */
  entities: string[];
  /** Acronyms of the question, lower-cased. */
  acronyms: string[];
  /** Documents the question names (cue score ≥ 1), and every cue match. */
  namedDocuments: string[];
  cueMatches: Array<{ documentId: string; score: number }>;
  explicit: ParagraphRef[];
  missingReferences: MissingReference[];
  /** The conversation: previous question (injection removed), its language, and the paragraphs its turn cited or named. */
  previous?: { question: string; language: Lang; refs: ParagraphRef[]; namedDocuments: string[] };
}

/** `expand`: the question's concepts with their search terms (own and from the conversation), and what steers ranking. */
export interface Expansion {
  concepts: Concept[];
  /** True when the question leans on the previous turn (decided from the conversation, not from pronouns). */
  followUp: boolean;
  /** Paragraphs of the previous turn kept as context (only in the named documents, if the question names any). */
  followUpRefs: ParagraphRef[];
  /** Score multiplier per document, for the documents whose multiplier is not the default: 1, or `otherDocumentDamp` when the question names documents (only the named ones are then listed). */
  documentBoost: Map<string, number>;
  /** Multi-word proper names of the question, each with its renderings (French texts', English texts'), to check against the texts. */
  namePhrases: string[][];
  /** Text to embed for dense retrieval. */
  searchText: string;
}

/** Analysis and expansion together: what retrieval was asked (kept as `plan` in results). */
export type QueryPlan = Analysis & Expansion;

/** One candidate of `retrieve`: its index position, lexical/dense scores and ranks, matched terms. */
export interface Candidate {
  position: number;
  lexicalScore: number;
  lexRank?: number;
  denseScore?: number;
  denseRank?: number;
  matched: ReadonlySet<string>;
}

export interface Retrieved {
  mode: RetrievalMode;
  candidates: Candidate[];
  /** Query terms sent to BM25 with their IDF. */
  idf: ReadonlyMap<string, number>;
}

export interface ScoredPassage extends RankedParagraph {
  /** Share of the question's concepts (IDF-weighted) found in the paragraph, 0–1. */
  coverage: number;
  lexicalScore: number;
  denseScore?: number;
}

export type Decision =
  | { answer: true; passages: ScoredPassage[]; listQuestion: boolean }
  | { answer: false; reason: AbstentionReason /** What the refusal may say: missing references, unknown names, dates of the texts. */; detail: AbstentionDetail };

export interface AbstentionDetail {
  missing?: Array<{ label: string; unit?: import('../types.js').UnitKind; documentId?: string; range?: [string, string] }>;
  unknown?: string[];
  dates?: string[];
  offTask?: OffTaskKind;
  /** The answer type the cited paragraphs lack (`answer_type_missing`). */
  expects?: CheckedAnswerType;
}
