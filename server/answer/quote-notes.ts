/** Notes added under a quote in the reader's language: the indexed machine translation, glosses of the key terms, English renderings of French dates. Web-standard. */
import { analyze, type Token } from '../text/analyzer.js';
import { BoundedMemo } from '../text/bounded-memo.js';
import { splitSentences } from '../text/sentences.js';
import type { Lang, Paragraph } from '../types.js';
import type { Gloss } from './answerer.js';

const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Quoted texts are corpus sentences, analysed once each (bounded by the corpus, whatever users ask; emptied when full like the analyser's caches). */
const QUOTE_MEMO_LIMIT = 20_000;
const quoteTokens = new BoundedMemo<string, readonly Token[]>(QUOTE_MEMO_LIMIT);
const tokensOfQuote = (text: string, lang: Lang): readonly Token[] => quoteTokens.get(`${lang}\u0000${text}`, () => analyze(text, lang));

const FRENCH_DATE = new RegExp(String.raw`\b(1er|\d{1,2})\s+(${MONTHS_FR.join('|')})\s+(\d{4})\b`, 'giu');

/**
 * The indexed machine translation of the quoted sentences, when the answer's language is not the text's, labelled as
 * such; the original stays the quoted, cited and validated text.
 * @example
 * machineTranslation(paragraph, [paragraph.text], 'en'); // '\nMachine translation (opus-mt; not authoritative, the original above is): “…”', or '' without one
 */
export function machineTranslation(p: Paragraph, quoted: string[], lang: Lang): string {
  if (!p.translation || p.translation.lang !== lang) return '';
  const sentences = splitSentences(p.text);
  // A quoted piece is a sentence, or a block of them (a lead-in with its list items): each of its sentences is looked up.
  const picked = quoted
    .flatMap((q) => (sentences.includes(q) ? [q] : splitSentences(q)))
    .flatMap((q) => {
      const i = sentences.indexOf(q);
      return i >= 0 && p.translation!.sentences[i] ? [p.translation!.sentences[i]] : [];
    });
  if (!picked.length) return '';
  // Sentences translated together (one aligned piece) carry the same translation: each piece is shown once.
  const text = [...new Set(picked)].join(' … ');
  return lang === 'en'
    ? `\nMachine translation (${p.translation.translator}; not authoritative, the original above is): “${text}”`
    : `\nTraduction automatique (${p.translation.translator} ; non officielle, seul l’original ci-dessus fait foi) : « ${text} »`;
}

/**
 * Without a translation, says in the reader's language which words of the quoted text answer the question: each quoted
 * word whose stem the question's own word was expanded to (term base, dictionary, cognates), labelled as glosses.
 * @example
 * glossLine([{ text: 'L’asile n’est pas accordé.', lang: 'fr' }], [{ source: 'asylum', terms: ['asil'] }], 'en')
 * // 'Key terms of the quoted French text (glosses from the term base and dictionary, not a translation): asile → asylum.'
 */
export function glossLine(quotes: Array<{ text: string; lang: Lang }>, glosses: Gloss[], lang: Lang, max = 8): string {
  const pairs = new Map<string, string>();
  if (!quotes.length || !glosses.length) return '';
  // The glosses that give each term, the one rendering it with the highest weight first (in question order on ties): the first whose source is not the word itself glosses it.
  const byTerm = new Map<string, Array<{ source: string; weight: number }>>();
  for (const g of glosses)
    g.terms.forEach((t, i) => {
      const list = byTerm.get(t) ?? byTerm.set(t, []).get(t)!;
      if (!list.some((x) => x.source === g.source)) list.push({ source: g.source, weight: g.weights?.[i] ?? 0 });
    });
  for (const list of byTerm.values()) list.sort((a, b) => b.weight - a.weight);
  for (const q of quotes) {
    let run: { words: string[]; source: string; end: number } | undefined;
    const flush = () => {
      const key = run?.words.join(' ').toLowerCase();
      if (run && key && !pairs.has(key) && pairs.size < max) pairs.set(key, run.source);
      run = undefined;
    };
    for (const token of tokensOfQuote(q.text, q.lang)) {
      const g = byTerm.get(token.term)?.find((x) => x.source.toLowerCase() !== token.surface.toLowerCase());
      if (run && (!g || g.source !== run.source || token.position !== run.end + 1)) flush();
      if (!g) continue;
      if (run) {
        run.words.push(token.surface);
        run.end = token.position;
      } else run = { words: [token.surface], source: g.source, end: token.position };
    }
    flush();
  }
  if (!pairs.size) return '';
  const list = [...pairs].map(([w, s]) => `${w} → ${s}`).join('; ');
  const other = quotes[0].lang === 'fr' ? { en: 'French', fr: 'français' } : { en: 'English', fr: 'anglais' };
  return lang === 'en'
    ? `Key terms of the quoted ${other.en} text (glosses from the term base and dictionary, not a translation): ${list}.`
    : `Termes clés du texte ${other.fr} cité (gloses du lexique et du dictionnaire, pas une traduction) : ${list}.`;
}

/**
 * English renderings of French dates found in a quote ("31 décembre 2002" → "31 December 2002").
 * @example
 * englishDates('le 31 décembre 2002 et le 1er mars 2003'); // ['31 December 2002', '1 March 2003']
 */
export function englishDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FRENCH_DATE)) {
    const month = MONTHS_EN[MONTHS_FR.indexOf(m[2].toLowerCase())];
    out.push(`${m[1] === '1er' ? '1' : m[1]} ${month} ${m[3]}`);
  }
  return [...new Set(out)];
}
