/**
 * Key facts in the reader's language: for a question over documents in the other language (English over French, French
 * over English), which key facts the answer states outside the quoted originals — in its own frame, glosses, dates or the
 * labelled translation — so that a reader who does not read the original's language still finds them.
 */
import { splitSentences } from '../../server/text/sentences.js';
import type { ChatResponse, Citation, Lang } from '../../server/types.js';
import type { EvalItem } from './suite.js';
import { checkKeyFacts, fold } from './text.js';

/**
 * The answer with every quoted original removed: each cited unit's text, its quote and their sentences (longest
 * first), compared after {@link fold}. The result is folded text.
 * @example
 * outsideOriginals('Le texte : « L’asile n’est pas accordé. » Glosses: asile → asylum.', [{ text: 'L’asile n’est pas accordé.' }])
 * // "le texte : « » glosses: asile → asylum."
 */
export function outsideOriginals(answer: string, citations: ReadonlyArray<Pick<Citation, 'text' | 'quote'>>): string {
  const pieces = new Set<string>();
  for (const c of citations)
    for (const t of [c.text, c.quote ?? '']) {
      if (!t) continue;
      pieces.add(fold(t));
      for (const s of splitSentences(t)) pieces.add(fold(s));
    }
  let out = fold(answer);
  for (const p of [...pieces].filter((x) => x.length > 1).sort((a, b) => b.length - a.length)) out = out.split(p).join(' ');
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The documents an item is about: those of its gold paragraphs, else those the answer cites.
 * @example
 * itemDocuments(item, response) // ['osce-bucharest-plan-2001']
 */
function itemDocuments(item: EvalItem, response: ChatResponse): string[] {
  const gold = item.gold.map((g) => g.documentId);
  return [...new Set(gold.length ? gold : response.citations.map((c) => c.documentId))];
}

/**
 * Share of the item's key facts found outside the quoted originals, for an answer expected on documents all in the
 * other language than the question's; null for any other item (same-language, no key facts, no answer expected).
 * @example
 * keyFactsInReaderLanguage(item, response, new Map([['osce-bucharest-plan-2001', 'fr']]), true) // 0.5
 */
export function keyFactsInReaderLanguage(item: EvalItem, response: ChatResponse | null, languages: ReadonlyMap<string, Lang>, answerExpected: boolean): number | null {
  if (!answerExpected || !item.keyFacts.length) return null;
  const docs = response ? itemDocuments(item, response) : item.gold.map((g) => g.documentId);
  if (!docs.length || !docs.every((d) => languages.has(d) && languages.get(d) !== item.language)) return null;
  if (!response || response.abstained) return 0;
  const { found } = checkKeyFacts(item.keyFacts, outsideOriginals(response.answer, response.citations));
  return found.length / item.keyFacts.length;
}
