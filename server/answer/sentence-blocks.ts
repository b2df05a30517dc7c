/**
 * Quoted sentences with their list context: a sentence that introduces list items ("… a motion … signed by" then
 * "- (a) not less than fifty members …") is quoted with the items, and an item with the sentence that introduces it
 * ("… does not create a presumption" then "- (a) that the disclosing institution …"); contiguous sentences are quoted
 * as one block (items on their own lines), blocks apart from each other are joined by " … " where they are quoted.
 * Web-standard, pure.
 */
import { LIST_BULLET } from '../text/sentences.js';

const MARKER = /^\(?(?:[a-z]{1,4}|\d{1,3}(?:\.\d{1,2})?)(?:[.)]|°)\s*/i;
/** Module-level: esbuild's node20 target rewrites a `\p{…}` literal as `new RegExp(…)`, re-created on every call. */
const LOWER_START = /^\p{Ll}/u;

/**
 * True when a sentence is a list item: a bulleted line, or one whose words after an item marker go on in lower case
 * ("a.any signature;", "(b) not less than twenty senators").
 * @example
 * isListItem('- (a) is guilty of an offence') // true
 * isListItem('(2) Where an order has been laid …') // false
 */
export function isListItem(sentence: string): boolean {
  if (LIST_BULLET.test(sentence)) return true;
  const m = MARKER.exec(sentence);
  return !!m && LOWER_START.test(sentence.slice(m[0].length));
}

/** True when a sentence stops where a list goes on: a colon, or no final punctuation. */
const opensList = (sentence: string) => /:\s*$/.test(sentence) || !/[.!?;»”")…]\s*$/.test(sentence);

/** The items right after sentence `i`, within `chars` characters. */
function itemsAfter(i: number, sentences: readonly string[], chars: number): number[] {
  const out: number[] = [];
  let used = 0;
  for (let k = i + 1; k < sentences.length && isListItem(sentences[k]); k++) {
    used += sentences[k].length;
    if (used > chars && out.length) break;
    out.push(k);
  }
  return out;
}

/** The sentence introducing the list item `i`: the nearest earlier sentence that is not an item, when it opens a list. */
function leadInOf(i: number, sentences: readonly string[]): number | undefined {
  let k = i - 1;
  while (k >= 0 && isListItem(sentences[k])) k--;
  return k >= 0 && opensList(sentences[k]) ? k : undefined;
}

/**
 * The chosen sentence indices with their list context, in text order. For a list question (`list`), an item also
 * brings the other items of its lead-in, within the budget.
 * @example
 * withListContext([0], ['Every person who contravenes section 4', '- (a) is guilty of an offence; or', '- (b) is liable to a fine.'], 600) // [0, 1, 2]
 */
export function withListContext(chosen: readonly number[], sentences: readonly string[], chars: number, list = false): number[] {
  const out = new Set(chosen);
  const withItems = (lead: number) => {
    out.add(lead);
    for (const k of itemsAfter(lead, sentences, chars)) out.add(k);
  };
  for (const i of chosen) {
    if (isListItem(sentences[i])) {
      const lead = leadInOf(i, sentences);
      if (lead !== undefined && list) withItems(lead);
      else if (lead !== undefined) out.add(lead);
    } else if (opensList(sentences[i])) withItems(i);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Contiguous sentences as one block: an item on its own line, another sentence after a space.
 * @example
 * quoteBlocks([0, 1, 3], ['Lead in', '- (a) item;', 'Skipped.', 'Last.']) // ['Lead in\n- (a) item;', 'Last.']
 */
export function quoteBlocks(indices: readonly number[], sentences: readonly string[]): string[] {
  const out: string[] = [];
  indices.forEach((i, n) => {
    if (n > 0 && indices[n - 1] === i - 1) out[out.length - 1] += `${isListItem(sentences[i]) ? '\n' : ' '}${sentences[i]}`;
    else out.push(sentences[i]);
  });
  return out;
}
