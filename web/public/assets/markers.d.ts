/** Types of markers.js (shared by the browser UI and server/web). */
import type { Citation, DocumentMeta } from '../../../server/types.js';

export type DocumentTitles = Pick<DocumentMeta, 'id' | 'title' | 'shortTitle' | 'titleEn' | 'shortTitleEn'>;
export type AnswerSegment = { type: 'text'; text: string } | { type: 'cite'; label: string; citation: Citation | null; documentId: string; paragraph: string };

export function foldKey(s: string): string;
export function splitAnswer(text: string, citations?: Citation[], documents?: DocumentTitles[], lang?: 'fr' | 'en'): AnswerSegment[];
export function citationLabel(citation: Pick<Citation, 'documentId' | 'documentTitle' | 'paragraph' | 'locator'>, documents?: DocumentTitles[], lang?: 'fr' | 'en'): string;
export function findQuote(text: string, quote: string | undefined | null): { start: number; end: number } | null;
export function splitOnQuote(text: string, quote: string | undefined | null): { before: string; match: string; after: string } | null;
export function quoteRanges(text: string, quote: string | undefined | null): Array<{ start: number; end: number }>;
export function quoteLinkParams(quote: string | undefined | null): { hl?: string; hle?: string };
export function linkRange(text: string, hl: string | undefined | null, hle?: string | null): { start: number; end: number } | null;
export function segmentsByRanges(text: string, ranges: Array<{ start: number; end: number }>): Array<{ text: string; mark: boolean }>;
