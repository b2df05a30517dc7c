/**
 * Stage 1, `analyse`: reads the question once — injection removed, language, tokens, request type, answer type,
 * names, documents named, explicit references — and the conversation it belongs to. Web-standard, pure.
 */
import type { CorpusStore } from '../corpus/corpus-store.js';
import { analyze, normaliseApostrophes, terms, wordsPattern } from '../text/analyzer.js';
import type { Concept } from '../text/glossary.js';
import { detectLanguage } from '../text/language.js';
import type { DocumentCues } from '../retrieval/document-cues.js';
import { acronymsOf, entitiesOf, stripInjection, type ParagraphRef, type QueryPlanner } from '../retrieval/query-planner.js';
import { answerTypeOf, offTaskKind } from './request-type.js';
import type { Analysis, PipelineInput } from './types.js';

export interface AnalyseDeps {
  store: CorpusStore;
  cues: DocumentCues;
  /** Language detection, cited-paragraph parsing and reference resolution (query-planner.ts). */
  planner: Pick<QueryPlanner, 'languageOf' | 'citedIn' | 'resolveReferences' | 'conceptsOf'>;
}

const ASKS_PRESENT = wordsPattern(
  "actuellement|aujourd'hui|à ce jour|à l'heure actuelle|en ce moment|de nos jours|jusqu'à présent|jusqu'ici|currently|today|nowadays|at present|as of (?:now|today)|right now|these days|so far|to date|up to now",
);

/** A word one of {@link ASKS_PRESENT}'s alternatives holds (same flags): a necessary condition, tried first (most questions hold none). */
const ASKS_PRESENT_NEEDS = /actuel|jour|moment|sent|ici|current|today|now|days|far|date/iu;

function dedupe(refs: ParagraphRef[]): ParagraphRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.documentId}#${r.label}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Cue matches of a question, plus the document it names by its whole title (in either language, through its concepts' renderings; one title word written as a name) at cue score 1. */
function documentCues(question: string, language: Analysis['language'], deps: AnalyseDeps): Array<{ documentId: string; score: number }> {
  const matches = deps.cues.match(question);
  const concepts = deps.planner.conceptsOf(question, language);
  // `titled` reads only title terms: the question's other terms are not collected.
  const vocabulary = deps.cues.titleVocabulary;
  const collect = (into: Set<string>, text: string, from: readonly Concept[]) => {
    for (const lang of ['fr', 'en'] as const) for (const t of analyze(text, lang)) if (vocabulary.has(t.term)) into.add(t.term);
    for (const c of from) for (const t of c.terms) if (vocabulary.has(t.term)) into.add(t.term);
    return into;
  };
  const questionTerms = collect(new Set(), question, concepts);
  const names = () => {
    const ws = [...entitiesOf(question)];
    return collect(
      new Set(),
      ws.join(' '),
      concepts.filter((c) => ws.some((w) => c.source.split(' ').includes(w))),
    );
  };
  for (const documentId of deps.cues.titled(questionTerms, names)) {
    const m = matches.find((x) => x.documentId === documentId);
    if (!m) matches.push({ documentId, score: 1 });
    else if (m.score < 1) m.score = 1;
  }
  return matches.sort((a, b) => b.score - a.score);
}

function conversation(input: PipelineInput, deps: AnalyseDeps, language: Analysis['language']): Analysis['previous'] {
  const history = input.history ?? [];
  const lastUser = [...history].reverse().find((t) => t.role === 'user')?.content;
  if (!lastUser) return undefined;
  const lastAssistant = [...history].reverse().find((t) => t.role === 'assistant')?.content;
  const question = stripInjection(lastUser).text;
  const cues = documentCues(question, language, deps);
  const cited = lastAssistant ? deps.planner.citedIn(lastAssistant) : [];
  const named = deps.planner.resolveReferences(question, cues, cited).resolved;
  return { question, language: detectLanguage(question, language), refs: dedupe([...cited, ...named]), namedDocuments: cues.filter((m) => m.score >= 1).map((m) => m.documentId) };
}

/**
 * Analyses a question and its conversation.
 * @example
 * const a = analyse({ question: 'Que dit le paragraphe 5 du Plan de Bucarest ?' }, deps);
 * a.explicit // [{ documentId: 'osce-bucharest-plan-2001', label: '5' }]
 */
export function analyse(input: PipelineInput, deps: AnalyseDeps): Analysis {
  const { text: cleanQuestion, injection } = stripInjection(input.question);
  const language = deps.planner.languageOf(cleanQuestion || input.question, input.lang);
  const normalised = normaliseApostrophes(cleanQuestion);
  const cueMatches = documentCues(cleanQuestion, language, deps);
  const previous = conversation(input, deps, language);
  const { resolved: explicit, missing: missingReferences } = deps.planner.resolveReferences(cleanQuestion, cueMatches, previous?.refs ?? []);
  const offTask = offTaskKind(cleanQuestion);
  const expects = answerTypeOf(normalised);
  return {
    language,
    cleanQuestion,
    injection,
    tokens: terms(cleanQuestion, language),
    ...(offTask ? { offTask } : {}),
    ...(expects ? { expects } : {}),
    asksPresent: ASKS_PRESENT_NEEDS.test(normalised) && ASKS_PRESENT.test(normalised),
    entities: [...entitiesOf(cleanQuestion)],
    acronyms: [...acronymsOf(cleanQuestion)],
    namedDocuments: cueMatches.filter((m) => m.score >= 1).map((m) => m.documentId),
    cueMatches,
    explicit,
    missingReferences,
    ...(previous ? { previous } : {}),
  };
}
