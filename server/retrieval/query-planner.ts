/** Turns a question (and its conversation) into what retrieval needs. Web-standard. */
import type { CorpusStore } from '../corpus/corpus-store.js';
import { analyze, isStopWord, normaliseApostrophes, terms } from '../text/analyzer.js';
import type { Concept, Glossary } from '../text/glossary.js';
import { detectLanguage } from '../text/language.js';
import type { ChatTurn, Lang } from '../types.js';
import type { Bm25Index } from './bm25-index.js';
import type { DocumentCues } from './document-cues.js';
import { findExplicitReferences } from './explicit-references.js';

export interface ParagraphRef {
  documentId: string;
  label: string;
}

export interface QueryPlan {
  language: Lang;
  /** The question with injected instructions removed. */
  cleanQuestion: string;
  /** Text to embed for dense retrieval (includes the previous question for follow-ups). */
  searchText: string;
  concepts: Concept[];
  /** Paragraphs named explicitly, resolved to documents, in order. */
  explicit: ParagraphRef[];
  /** Score multiplier per document: above 1 for documents the question names, below 1 for the others. */
  documentBoost: Map<string, number>;
  /** Paragraphs cited in the last answer, when this question follows up on it. */
  followUpRefs: ParagraphRef[];
  followUp: boolean;
  injection: boolean;
  /** The kind of answer the question asks for, when recognisable. */
  expects?: 'date';
}

const ASKS_DATE = /\b(?:when|what date|which date|by when|what year|which year|deadline|quand|quelle date|à quelle date|d'ici quand|quelle année|en quelle année|date limite|échéance)\b/iu;
/** Dates as the texts write them: "31 décembre 2002", "décembre 2001", "19 September 2011", "2002". */
export const DATE_PATTERN = /\b(?:\d{1,2}(?:er)?\s+)?(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b(?:en|in|pour|for|d'ici|by)\s+(?:19|20)\d{2}\b/iu;

const INJECTION = [
  /\b(?:ignore|disregard|forget|override|bypass)\b[^.?!\n]{0,40}\b(?:instructions?|prompts?|rules?|guidelines|directives?|context)\b[^.?!\n]*[.?!]?/giu,
  /\b(?:ignore[rz]?|oublie[rz]?|néglige[rz]?|ne tiens? pas compte)\b[^.?!\n]{0,40}\b(?:instructions?|consignes?|règles?|directives?|contexte)\b[^.?!\n]*[.?!]?/giu,
  /\b(?:you are now|from now on,? you|act as|pretend (?:to be|you are)|tu es maintenant|à partir de maintenant,? tu|fais comme si|agis comme)\b[^.?!\n]*[.?!]?/giu,
  /\b(?:system prompt|prompt système|jailbreak|developer mode|mode développeur)\b[^.?!\n]*[.?!]?/giu,
  /\b(?:print|reveal|show|display|répète|affiche|révèle|montre)\b[^.?!\n]{0,30}\b(?:instructions?|prompt|consignes?)\b[^.?!\n]*[.?!]?/giu,
];
const ANAPHORA_EN = /\b(?:it|its|this|that|these|those|they|them|their|same|above|previous|mentioned|there|and what about|what about|which one)\b/i;
const ANAPHORA_FR = /\b(?:il|elle|ils|elles|ce|cet|cette|ces|celui|celle|ceux|celles|ledit|ladite|lesdits|même|y|en|leur|leurs|précédent|précédente|qu'en est-il|et pour|et quelle?s?)\b/i;
const CITATION_MARKER = /\[([^\][]+?),\s*§\s*([^\][,]+?)\]/g;

export interface PlannerDeps {
  store: CorpusStore;
  lexical: Bm25Index;
  cues: DocumentCues;
  glossary: Glossary | null;
}

/** Removes instructions aimed at the assistant from a question; reports whether any were found. */
export function stripInjection(question: string): { text: string; injection: boolean } {
  let text = question;
  let injection = false;
  for (const re of INJECTION) {
    text = text.replace(re, () => {
      injection = true;
      return ' ';
    });
  }
  return { text: text.replace(/\s+/g, ' ').trim(), injection };
}

/** Words that frame a question rather than name its subject; they count for less in ranking and coverage. */
const FRAME_WORDS = new Set(
  [
    ...'rôle role roles objectif objectifs but buts purpose aim aims goal goals fonction function mission missions tâche tâches task tasks contenu content contents prévoit prévoir provide provides provided envisage envisager mention mentionne mentionner mentions dispose disposer stipule stipulate states stated date dates quand moment lequel laquelle lesquels lesquelles type types sorte kind kinds genre nature exemple exemples example examples principal principale principaux main key point points prendre prendront prend pris take taken takes faire fait font make makes made mettre met mettent put do does doing aspect aspects question questions sujet subject thème theme topic chose things thing information détail détails detail details'.split(' '),
  ].flatMap((w) => [...terms(w, 'fr'), ...terms(w, 'en')]),
);
const ACRONYM_SURFACE = /^[\p{Lu}][\p{Lu}\d/]{1,}$/u;

function weighConcepts(concepts: Concept[], surfaces: Set<string>): Concept[] {
  return concepts.map((c) => {
    const n = c.terms.length;
    const spread = n > 1 ? 1 / Math.sqrt(n) : 1;
    const frame = c.terms.length > 0 && c.terms.every((t) => FRAME_WORDS.has(t.term)) ? 0.3 : 1;
    const entity = c.source.split(' ').some((w) => surfaces.has(w)) ? 1.5 : 1;
    return { ...c, importance: frame * entity, terms: c.terms.map((t) => ({ term: t.term, weight: t.weight * spread * frame * entity })) };
  });
}

function acronymsOf(text: string): Set<string> {
  return new Set((text.match(/[\p{L}\d/]+/gu) ?? []).filter((w) => ACRONYM_SURFACE.test(w) && /\p{L}{2}/u.test(w)).map((w) => w.toLowerCase()));
}

function frenchConcepts(text: string): Concept[] {
  return analyze(text, 'fr').map((t) => ({ terms: [{ term: t.term, weight: 1 }], source: t.surface }));
}

/**
 * Plans retrieval for a question: language, concepts (French terms, with the glossary for English),
 * explicit paragraph references, named documents and follow-up context.
 * @example
 * const plan = new QueryPlanner(deps).plan('What does paragraph 5 of the Bucharest Plan say?', []);
 * plan.explicit // [{ documentId: 'osce-bucharest-plan-2001', label: '5' }]
 */
export class QueryPlanner {
  constructor(private readonly deps: PlannerDeps) {}

  private titleToDocument(title: string): string | undefined {
    const t = title.trim().toLowerCase();
    return this.deps.store.documents().find((d) => [d.shortTitle, d.shortTitleEn, d.title, d.titleEn].some((x) => x?.toLowerCase() === t))?.id;
  }

  /** Paragraphs cited (as `[Title, §label]`) in an assistant message. */
  citedIn(content: string): ParagraphRef[] {
    const out: ParagraphRef[] = [];
    for (const m of content.matchAll(CITATION_MARKER)) {
      const documentId = this.titleToDocument(m[1]);
      if (documentId && this.deps.store.paragraph(documentId, m[2].trim())) out.push({ documentId, label: m[2].trim() });
    }
    return out;
  }

  private englishConcepts(text: string): Concept[] {
    const { lexical, glossary } = this.deps;
    const base = glossary ? glossary.expand(text) : analyze(text, 'en').map((t) => ({ terms: [], source: t.surface }) as Concept);
    return base.map((c) => {
      if (c.terms.length) return c;
      const fr = terms(c.source, 'fr');
      const en = terms(c.source, 'en');
      const found = [...new Set([...fr, ...en])].filter((t) => lexical.has(t));
      return { ...c, terms: found.map((term) => ({ term, weight: 0.8 })), ...(found.length ? {} : { terms: [] }) };
    });
  }

  private languageOf(text: string, override?: Lang): Lang {
    if (override) return override;
    const guess = detectLanguage(text, 'fr');
    if (guess === 'en') return 'en';
    const ws = analyze(text, 'fr');
    if (!ws.length || !this.deps.glossary) return guess;
    const known = ws.filter((t) => this.deps.lexical.has(t.term)).length;
    const english = this.deps.glossary.expand(text).filter((c) => c.entry).length;
    return english > known ? 'en' : guess;
  }

  plan(question: string, history: ChatTurn[], override?: Lang): QueryPlan {
    const { text: cleanQuestion, injection } = stripInjection(question);
    const language = this.languageOf(cleanQuestion || question, override);
    let concepts = language === 'en' ? this.englishConcepts(cleanQuestion) : frenchConcepts(cleanQuestion);
    if (language === 'fr' && this.deps.glossary) {
      concepts = concepts.flatMap((c) => {
        if (c.terms.some((t) => this.deps.lexical.has(t.term))) return [c];
        const en = this.englishConcepts(c.source).filter((x) => x.terms.length);
        return en.length ? en : [c];
      });
    }

    concepts = weighConcepts(concepts, acronymsOf(cleanQuestion));

    const lastUser = [...history].reverse().find((t) => t.role === 'user')?.content;
    const lastAssistant = [...history].reverse().find((t) => t.role === 'assistant')?.content;
    const contentWords = concepts.filter((c) => !isStopWord(c.source, language)).length;
    const anaphora = (language === 'en' ? ANAPHORA_EN : ANAPHORA_FR).test(cleanQuestion);
    const followUp = Boolean(lastUser) && (anaphora || contentWords <= 3);
    const followUpRefs = followUp && lastAssistant ? this.citedIn(lastAssistant) : [];

    if (followUp && lastUser) {
      const prevLang = detectLanguage(lastUser, language);
      const previousRaw = prevLang === 'en' ? this.englishConcepts(stripInjection(lastUser).text) : frenchConcepts(stripInjection(lastUser).text);
      const previous = weighConcepts(previousRaw, acronymsOf(lastUser));
      for (const c of previous) concepts.push({ ...c, fromHistory: true, importance: (c.importance ?? 1) * 0.4, terms: c.terms.map((t) => ({ ...t, weight: t.weight * 0.4 })), source: `(${c.source})` });
    }

    const cueText = [cleanQuestion, followUp && lastUser ? lastUser : ''].join(' ');
    const cueMatches = this.deps.cues.match(cueText);
    const documentBoost = new Map<string, number>();
    const namedDocs = cueMatches.filter((m) => m.score >= 1).map((m) => m.documentId);
    for (const d of this.deps.store.documents()) {
      const m = cueMatches.find((x) => x.documentId === d.id);
      if (namedDocs.includes(d.id)) documentBoost.set(d.id, 2);
      else if (namedDocs.length) documentBoost.set(d.id, 0.6);
      else if (m) documentBoost.set(d.id, 1 + Math.min(0.3, 0.3 * m.score));
    }
    const { cues } = this.deps;
    for (const { documentId } of cues.match(cleanQuestion).filter((m) => m.score >= 1)) {
      const isName = (c: Concept) => c.terms.length > 0 && c.terms.every((t) => cues.names(t.term, documentId));
      const isPart = (c: Concept) => c.terms.length > 0 && c.terms.every((t) => cues.partOfName(t.term, documentId));
      const mute = new Set<number>();
      concepts.forEach((c, i) => {
        if (!isName(c) || c.fromHistory) return;
        mute.add(i);
        for (let j = i - 1; j >= 0 && isPart(concepts[j]); j--) mute.add(j);
        for (let j = i + 1; j < concepts.length && isPart(concepts[j]); j++) mute.add(j);
      });
      concepts = concepts.map((c, i) => (mute.has(i) ? { ...c, importance: 0.2, terms: c.terms.map((t) => ({ ...t, weight: t.weight * 0.2 })) } : c));
    }

    const explicit: ParagraphRef[] = [];
    for (const ref of findExplicitReferences(cleanQuestion)) {
      const candidates = this.deps.store.documents().filter((d) => this.deps.store.paragraph(d.id, ref.label));
      if (!candidates.length) continue;
      const named = cueMatches.find((m) => candidates.some((d) => d.id === m.documentId));
      const fromHistory = followUpRefs.find((r) => candidates.some((d) => d.id === r.documentId)) ?? (lastAssistant ? this.citedIn(lastAssistant).find((r) => candidates.some((d) => d.id === r.documentId)) : undefined);
      const numbered = candidates.filter((d) => d.numbering === 'numbered');
      const chosen = named?.documentId ?? fromHistory?.documentId ?? (numbered.length === 1 ? numbered[0].id : undefined);
      if (chosen) explicit.push({ documentId: chosen, label: ref.label });
      else for (const d of numbered.length ? numbered : candidates) explicit.push({ documentId: d.id, label: ref.label });
    }

    const searchText = followUp && lastUser ? `${lastUser}\n${cleanQuestion}` : cleanQuestion;
    const expects = ASKS_DATE.test(normaliseApostrophes(cleanQuestion)) ? ('date' as const) : undefined;
    return { language, cleanQuestion, searchText, concepts, explicit, documentBoost, followUpRefs, followUp, injection, ...(expects ? { expects } : {}) };
  }
}
