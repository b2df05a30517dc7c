/**
 * Stage 5, `decide`: the one place that chooses between answering and abstaining, with a reason code.
 * Signals: request type, missing references, questions about the present, names the corpus never mentions,
 * best-paragraph coverage of the question's concepts, and whether the best paragraphs hold the answer type
 * asked for. Thresholds come from `RankingParams`. Web-standard, pure.
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import { unitOf } from '../corpus/units.js';
import type { Bm25Index } from '../retrieval/bm25-index.js';
import type { DocumentCues } from '../retrieval/document-cues.js';
import { foldAccents, words, wordsPattern } from '../text/analyzer.js';
import type { RankingParams } from './params.js';
import { holdsAnswerType } from './request-type.js';
import type { AbstentionDetail, Analysis, Decision, Expansion, ScoredPassage } from './types.js';

export interface DecideDeps {
  store: CorpusStore;
  lexical: Bm25Index;
  cues: DocumentCues;
}

/** Questions that ask for several items ("Quelles mesures…", "What are the…", "Which resolutions…"). */
const LIST_QUESTION = wordsPattern('quel(?:le)?s|lesquel(?:le)?s|combien|what are|which \\w+s|list|enumerate|énumér\\p{L}*');

const foldedCache = new WeakMap<object, string[]>();
function folded(key: object, text: string): string[] {
  let ws = foldedCache.get(key);
  if (!ws) {
    ws = words(foldAccents(text));
    foldedCache.set(key, ws);
  }
  return ws;
}

/** Names, acronyms and years of the question that no indexed term renders, and that name no document. */
function unknownConcepts(a: Analysis, e: Expansion, deps: DecideDeps): string[] {
  const entities = new Set(a.entities);
  return e.concepts
    .filter((c) => !c.fromHistory && c.source.split(' ').some((w) => entities.has(w)) && !c.terms.some((t) => deps.lexical.has(t.term)))
    .filter((c) => !deps.cues.match(c.source).length)
    .map((c) => c.source);
}

/** True when the capitalised words of a rendering stand within a window of each other in one of the texts. */
function standsTogether(phrase: string, texts: string[][], params: RankingParams): boolean {
  const names = words(foldAccents(phrase)).filter((w, i, all) => /^\p{Lu}/u.test(phrase.split(/[\s']+/).find((x) => foldAccents(x).toLowerCase() === w) ?? '') && all.indexOf(w) === i);
  if (names.length < 2) return true;
  const window = names.length + params.nameWindow;
  return texts.some((ws) => ws.some((w, i) => w === names[0] && names.every((n) => ws.slice(Math.max(0, i - window), i + window).includes(n))));
}

/** True when one passage matched a search term of every concept of the name (its renderings in any language). */
function matchedTogether(phrase: string, e: Expansion, passages: ScoredPassage[]): boolean {
  const inPhrase = new Set(words(foldAccents(phrase)));
  const groups = e.concepts.filter((c) => !c.fromHistory && c.terms.length && c.source.split(' ').every((w) => inPhrase.has(foldAccents(w)))).map((c) => new Set(c.terms.map((t) => t.term)));
  return groups.length >= 2 && passages.some((p) => groups.every((g) => p.matchedTerms?.some((t) => g.has(t))));
}

/** Multi-word names none of whose renderings occurs in the retrieved paragraphs or the documents' titles. */
function unmentionedNames(e: Expansion, passages: ScoredPassage[], deps: DecideDeps, params: RankingParams): string[] {
  if (!e.namePhrases.length) return [];
  const texts = [
    ...passages.map((p) => folded(p.paragraph, p.paragraph.text)),
    ...deps.store.documents().map((d) => folded(d, [d.title, d.titleEn, d.shortTitle, d.shortTitleEn, d.aliases].join(' | '))),
  ];
  return e.namePhrases.filter((variants) => !variants.some((v) => standsTogether(v, texts, params) || matchedTogether(v, e, passages))).map((variants) => variants[variants.length - 1]);
}

function missingDetail(a: Analysis, store: CorpusStore): AbstentionDetail['missing'] {
  return a.missingReferences.map((m) => {
    const document = m.documentId ? store.document(m.documentId) : undefined;
    const unit = m.unit ?? document?.unit ?? 'paragraph';
    const numbers = document ? store.paragraphs(document.id).filter((p) => p.kind === 'numbered' && unitOf(p) === unit).map((p) => p.label) : [];
    return { label: m.label, unit, ...(document ? { documentId: document.id } : {}), ...(numbers.length ? { range: [numbers[0], numbers[numbers.length - 1]] as [string, string] } : {}) };
  });
}

const abstain = (reason: Extract<Decision, { answer: false }>['reason'], detail: AbstentionDetail = {}): Decision => ({ answer: false, reason, detail });

/**
 * Answers or abstains.
 * @example
 * const d = decide(analysis, expansion, passages, deps, DEFAULT_RANKING_PARAMS);
 * if (!d.answer) console.log(d.reason); // 'no_coverage'
 */
export function decide(a: Analysis, e: Expansion, passages: ScoredPassage[], deps: DecideDeps, params: RankingParams): Decision {
  const listQuestion = LIST_QUESTION.test(a.cleanQuestion);
  if (a.explicit.length) return { answer: true, passages, listQuestion };
  if (a.offTask) return abstain('off_task', { offTask: a.offTask });
  if (a.missingReferences.length) return abstain('missing_reference', { missing: missingDetail(a, deps.store) });
  if (!passages.length) return abstain('no_passages');
  if (a.asksPresent) return abstain('asks_present', { dates: [...new Set(passages.slice(0, 3).map((p) => p.document.date))] });
  const unknown = [...unknownConcepts(a, e, deps), ...unmentionedNames(e, passages.slice(0, params.passages), deps, params)];
  if (unknown.length) return abstain('unknown_entity', a.injection ? {} : { unknown });
  const top = passages[0];
  if (top.coverage < params.minCoverage) return abstain('no_coverage');
  if (a.expects && top.coverage < params.minCoverageWithoutType) {
    const close = passages.filter((p) => p.coverage >= top.coverage * params.citeCoverageRatio).slice(0, params.maxCitations);
    if (!close.some((p) => holdsAnswerType(p.paragraph.text, a.expects!))) return abstain('answer_type_missing');
  }
  return { answer: true, passages, listQuestion };
}
