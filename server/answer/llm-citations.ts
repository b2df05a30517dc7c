/** Checking an LLM answer's citations against the passages it was given: `[Sn]` tags to markers, quotes, or abstention. Web-standard. */
import { formatLocator } from '../corpus/units.js';
import { terms } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import type { Citation, Lang } from '../types.js';
import type { AnswerInput, AnswerResult, RankedParagraph } from './answerer.js';
import { citationMarker, citationOf } from './extractive-answerer.js';
import { abstention, NO_ANSWER } from './llm-prompt.js';

const MAX_BRACKET_CHARS = 160;

/** A bracket group short enough to be a citation, with the whitespace before it (dropped with it). */
const BRACKET = new RegExp(`(\\s*)\\[([^\\[\\]\\n]{1,${MAX_BRACKET_CHARS}})\\]`, 'g');
const OPEN_BRACKET_TAIL = new RegExp(`^[^\\[\\]\\n]{0,${MAX_BRACKET_CHARS}}$`);

/**
 * Validates a raw model answer against the passages it was given: converts `[Sn]` tags to citation markers,
 * drops unknown tags and stray bracketed citations, builds the citations (with quotes), or abstains.
 * @example
 * const result = validateLlmAnswer('Les États doivent ratifier les conventions [S1].', input);
 * // → { answer: 'Les États doivent ratifier les conventions [Plan d'action de Bucarest, §5].', abstained: false, citations: [...] }
 */
export function validateLlmAnswer(raw: string, input: AnswerInput): AnswerResult {
  if (raw.includes(NO_ANSWER)) return abstention(input.language);
  const order: number[] = [];
  const citing = new Map<number, string[]>();
  for (const match of raw.matchAll(BRACKET)) {
    const sources = resolveBracket(match[2], input.passages);
    if (sources === 'keep') continue;
    const start = match.index + match[1].length;
    const sentence = citingSentence(raw, start, start + match[0].length - match[1].length);
    for (const i of sources) {
      if (!citing.has(i)) {
        order.push(i);
        citing.set(i, []);
      }
      citing.get(i)!.push(sentence);
    }
  }
  if (order.length === 0) return abstention(input.language);
  const answer = renderTags(raw, input).trim();
  const citations: Citation[] = order.map((i, n) => {
    const { document, paragraph } = input.passages[i];
    const quote = bestQuote(paragraph.text, citing.get(i)!, document.language);
    return citationOf(n + 1, document, paragraph, input.language, quote || undefined);
  });
  return { answer, abstained: false, citations };
}

function marker(passage: RankedParagraph, language: Lang): string {
  return citationMarker(passage.document, passage.paragraph, language);
}

/**
 * Source indexes (0-based) a bracket group cites, `[]` for a citation to drop, `'keep'` for ordinary brackets ("[sic]", "[…]").
 * Accepts `[S1]`, `[S1, S2]`, and a marker the model copied verbatim (`[Plan d'action de Bucarest, §5]`).
 */
function resolveBracket(content: string, passages: RankedParagraph[]): number[] | 'keep' {
  if (/^\s*S\s*\d+\b/i.test(content)) {
    const found = [...content.matchAll(/\bS\s*(\d+)\b/gi)].map((m) => Number(m[1]) - 1);
    return [...new Set(found.filter((i) => i >= 0 && i < passages.length))];
  }
  const wanted = squash(content);
  const copied = passages.findIndex((p) =>
    [p.document.shortTitle, p.document.shortTitleEn].some(
      (t) => t !== undefined && (['fr', 'en'] as const).some((l) => squash(`${t}, ${formatLocator(p.paragraph, l)}`) === wanted || squash(`${t}, §${p.paragraph.label}`) === wanted),
    ),
  );
  if (copied !== -1) return [copied];
  if (content.includes('§') || LOCATOR_WORD.test(content) || /^\s*(?:sources?|src|r[ée]f\.?|doc(?:ument)?)?\s*#?\s*\d+(?:\s*[,;–-]\s*\d+)*\s*$/i.test(content)) return [];
  return 'keep';
}

const LOCATOR_WORD = /,\s*(?:art\.|recommandation|recommendation|considérant|recital|préambule|preamble|annexe?)\s/i;

function squash(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Replaces each citation bracket of `text` by its markers, or removes it (with the whitespace before it).
 * @example
 * renderTags('Ils doivent ratifier [S1].', input); // "Ils doivent ratifier [Plan d'action de Bucarest, §5]."
 */
export function renderTags(text: string, input: AnswerInput): string {
  return text.replace(BRACKET, (whole: string, space: string, content: string) => {
    const sources = resolveBracket(content, input.passages);
    if (sources === 'keep') return whole;
    if (sources.length === 0) return '';
    return space + sources.map((i) => marker(input.passages[i], input.language)).join('');
  });
}

/**
 * Length of the prefix of `pending` that is safe to emit: no unfinished `[…` and no trailing whitespace (it may precede a dropped tag).
 * @example
 * safeCut('Ils doivent [S'); // 11
 */
export function safeCut(pending: string): number {
  let cut = pending.length;
  const open = pending.lastIndexOf('[');
  if (open !== -1 && OPEN_BRACKET_TAIL.test(pending.slice(open + 1))) cut = open;
  while (cut > 0 && /\s/.test(pending[cut - 1])) cut--;
  return cut;
}

/**
 * The start of the answer without leading whitespace and markup, to spot `NO_ANSWER` (possibly as `**NO_ANSWER**`).
 * @example
 * leadingHead(' **NO_ANSWER**'); // 'NO_ANSWER**'
 */
export function leadingHead(raw: string): string {
  return raw.replace(/^[\s*`"'«»]+/, '');
}

/** The answer sentence a citation at `[start, end)` supports: the sentence it closes ("… text. [S1]"), else the one it sits in. */
function citingSentence(raw: string, start: number, end: number): string {
  const boundary = /[.!?…](?=\s|$)|\n/g;
  const before = raw.slice(0, start).replace(BRACKET, ' ').trimEnd();
  if (/[.!?…]$/.test(before)) {
    const body = before.slice(0, -1);
    const last = Math.max(...[...body.matchAll(boundary)].map((m) => m.index), -1);
    return body.slice(last + 1).trim();
  }
  const last = Math.max(...[...before.matchAll(boundary)].map((m) => m.index), -1);
  const after = raw.slice(end).replace(BRACKET, ' ');
  const next = after.search(/[.!?…](?=\s|$)|\n/);
  return `${before.slice(last + 1)} ${next === -1 ? after : after.slice(0, next)}`.trim();
}

/** The paragraph sentence sharing the most content words with any of the citing sentences, if one shares any. */
function bestQuote(paragraph: string, citingSentences: string[], language: Lang): string | undefined {
  const targets = citingSentences.map((s) => contentWords(s, language));
  let best: string | undefined;
  let bestScore = 0;
  for (const sentence of splitSentences(paragraph)) {
    const words = contentWords(sentence, 'fr');
    for (const target of targets) {
      let shared = 0;
      for (const w of words) if (target.has(w)) shared++;
      if (shared > bestScore) {
        bestScore = shared;
        best = sentence;
      }
    }
  }
  return best;
}

/** Analysed terms (the shared French/English analysis), in both analysers for text in the answer's language. */
function contentWords(text: string, language: Lang): Set<string> {
  return new Set(language === 'fr' ? terms(text, 'fr') : [...terms(text, 'fr'), ...terms(text, 'en')]);
}
