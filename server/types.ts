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
  /** The document's own top-level unit (`article`, `section`, `paragraph`, `recommendation`…); `sequential` when it has none. */
  unit?: UnitKind;
  paragraphCount: number;
}

/**
 * Kinds of citable units, named after the Akoma Ntoso (OASIS LegalDocML) vocabulary where it has one.
 * `recommendation` is a numbered paragraph the document calls a recommendation; `sequential` a block the
 * document does not number (labelled 1…n in reading order).
 */
export type UnitKind = 'article' | 'section' | 'paragraph' | 'recommendation' | 'recital' | 'preamble' | 'annex' | 'sequential';

/** A numbered item inside a unit ("II", "1°", "(a)"), addressable in citations and lookups. */
export interface UnitItem {
  /** Path of item numbers from the unit down, as the document writes them: ["II", "1°"]. */
  path: string[];
  /** Akoma Ntoso eId: `art_421-2-6__para_2__point_1`. */
  eId: string;
  /** Offsets of the item's text (marker included) in the unit's `text`. */
  start: number;
  end: number;
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
  /** What the document calls the unit; defaults from `kind` (numbered → paragraph). */
  unit?: UnitKind;
  /** Stable Akoma Ntoso-style id (`art_12`, `para_5`, `preamble__p_3`, `rec_4`, `sec_2339A`). */
  eId?: string;
  /** The unit's own heading ("Terrorist offences"), when it has one. */
  title?: string;
  /** Numbered items inside the unit. */
  items?: UnitItem[];
  /** Machine translation into the other language, sentence by sentence (`splitSentences(text)`), when a translator ran at ingest. */
  translation?: { lang: Lang; translator: string; sentences: string[] };
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
  /** Akoma Ntoso eId of the cited unit (or of the item the quote lies in). */
  eId?: string;
  /** Kind of the cited unit. */
  unit?: UnitKind;
  /** The reference as the answer writes it: "art. 421-2-5", "§5", "recommandation 13", "§ 2339B(a)(1)". */
  locator?: string;
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
  /** Present when the assistant abstained: why (`off_task`, `missing_reference`, `asks_present`, `unknown_entity`, `answer_type_missing`, `no_coverage`, `no_passages`). */
  abstention?: { reason: string };
  /** Present when the LLM failed or timed out and the answer is the extractive one. */
  degraded?: 'llm_unavailable';
}
