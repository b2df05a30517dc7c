/** Turns a question (and its conversation) into what retrieval needs. Web-standard. */
import type { CorpusStore } from '../corpus/corpus-store.js';
import { analyze, foldAccents, isStopWord, normaliseApostrophes, terms, words, wordsPattern } from '../text/analyzer.js';
import { type Concept, Glossary } from '../text/glossary.js';
import { detectLanguage } from '../text/language.js';
import type { ChatTurn, DocumentMeta, Lang, UnitKind } from '../types.js';
import type { Bm25Index } from './bm25-index.js';
import type { DocumentCues } from './document-cues.js';
import { CITATION_MARKER, labelCandidates, unitOf } from '../corpus/units.js';
import { findExplicitReferences } from './explicit-references.js';

export interface ParagraphRef {
  documentId: string;
  label: string;
}

/** A paragraph the question names that does not exist (in the named document, or anywhere). */
export interface MissingReference {
  label: string;
  documentId?: string;
  /** The unit kind the question named ("article"), if any. */
  unit?: UnitKind;
}

function dedupeRefs(refs: ParagraphRef[]): ParagraphRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.documentId}#${r.label}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
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
  /** Paragraphs named explicitly that do not exist. */
  missingReferences: MissingReference[];
  /** Score multiplier per document: above 1 for documents the question names, below 1 for the others. */
  documentBoost: Map<string, number>;
  /** Paragraphs cited in (or named by) the previous turn, kept only in the documents the question names, if it names any. */
  followUpRefs: ParagraphRef[];
  followUp: boolean;
  injection: boolean;
  /** The kind of answer the question asks for, when recognisable. */
  expects?: 'date';
  /** Names, acronyms and years in the question that occur nowhere in the corpus ("Australie", "OTAN", "2024"). */
  unknownEntities: string[];
  /** Multi-word proper names of a French question ("Conseil de l'Europe"), to check against the retrieved text. */
  namePhrases: string[];
  /** The question asks about the present ("actuellement", "currently"), which dated texts cannot answer. */
  asksPresent: boolean;
}

const ASKS_PRESENT = wordsPattern("actuellement|aujourd'hui|à ce jour|à l'heure actuelle|en ce moment|de nos jours|jusqu'à présent|jusqu'ici|currently|today|nowadays|at present|as of (?:now|today)|right now|these days|so far|to date|up to now");
const NAME_PHRASE_EN = /\p{Lu}[\p{L}'-]+(?:\s+(?:(?:of|for|on|against|and)\s+(?:the\s+)?)?\p{Lu}[\p{L}'-]+)+/gu;
const NAME_PHRASE = /\p{Lu}[\p{L}'-]+(?:\s+(?:(?:de|du|des|pour|sur|contre|et)\s+(?:la\s+|l'|les\s+)?|d'|l')?\p{Lu}[\p{L}'-]+)+/gu;

const ASKS_DATE = wordsPattern("when|what date|which date|by when|what year|which year|deadline|quand|quelle date|à quelle date|d'ici quand|quelle année|en quelle année|date limite|échéances?");
/** Dates as the texts write them: "31 décembre 2002", "décembre 2001", "19 September 2011", "2002". */
export const DATE_PATTERN = /\b(?:\d{1,2}(?:er)?\s+)?(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b(?:en|in|pour|for|d'ici|by)\s+(?:19|20)\d{2}\b/iu;

const INJECTION = [
  /\b(?:ignore|disregard|forget|override|bypass)\b[^.?!\n]{0,40}\b(?:instructions?|prompts?|rules?|guidelines|directives?|context)\b[^.?!\n]*[.?!]?/giu,
  /\b(?:ignore[rz]?|oublie[rz]?|néglige[rz]?|ne tiens? pas compte)\b[^.?!\n]{0,40}\b(?:instructions?|consignes?|règles?|directives?|contexte)\b[^.?!\n]*[.?!]?/giu,
  /\b(?:you are now|from now on,? you|act as|pretend (?:to be|you are)|tu es maintenant|à partir de maintenant,? tu|fais comme si|agis comme)\b[^.?!\n]*[.?!]?/giu,
  /\b(?:system prompt|prompt système|jailbreak|developer mode|mode développeur)\b[^.?!\n]*[.?!]?/giu,
  /\b(?:print|reveal|show|display|répète|affiche|révèle|montre)\b[^.?!\n]{0,30}\b(?:instructions?|prompt|consignes?)\b[^.?!\n]*[.?!]?/giu,
];
const ANAPHORA_EN = wordsPattern('it|its|this|that|these|those|they|them|their|same|above|previous|mentioned|there|and what about|what about|which one|comparable|similar|likewise|as well|too|also|else');
const ANAPHORA_FR = wordsPattern("il|elle|ils|elles|ce|cet|cette|ces|celui|celle|ceux|celles|ledit|ladite|lesdits|même|y|en|leur|leurs|précédent|précédente|qu'en est-il|et pour|et quelle?s?|comparable|similaire|aussi|également|de même|pareillement");

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
    ...'rôle role roles objectif objectifs but buts purpose aim aims goal goals fonction function mission missions tâche tâches task tasks contenu content contents prévoit prévoir provide provides provided envisage envisager mention mentionne mentionner mentions dispose disposer stipule stipulate states stated date dates quand moment lequel laquelle lesquels lesquelles type types sorte kind kinds genre nature exemple exemples example examples principal principale principaux main key point points prendre prendront prend pris take taken takes faire fait font make makes made mettre met mettent put do does doing devait devaient devrait devraient devront doit lieu aspect aspects question questions sujet subject thème theme topic chose things thing information détail détails detail details'.split(' '),
  ].flatMap((w) => [...terms(w, 'fr'), ...terms(w, 'en')]),
);
const ACRONYM_SURFACE = /^[\p{Lu}][\p{Lu}\d/]{1,}$/u;

function weighConcepts(concepts: Concept[], surfaces: Set<string>, idf: (term: string) => number): Concept[] {
  return concepts.map((c) => {
    const n = c.terms.length;
    const rarest = n > 1 ? c.terms.reduce((a, b) => (idf(b.term) > idf(a.term) ? b : a)).term : undefined;
    const frame = c.terms.length > 0 && c.terms.every((t) => FRAME_WORDS.has(t.term)) ? 0.3 : 1;
    const entity = c.source.split(' ').some((w) => surfaces.has(w)) ? 1.5 : 1;
    const importance = frame * entity * (c.importance ?? 1);
    return { ...c, importance, terms: c.terms.map((t) => ({ term: t.term, weight: t.weight * (n > 1 && t.term !== rarest ? 1 / Math.sqrt(n) : 1) * frame * entity * (c.importance ?? 1) })) };
  });
}

/** Capitalised words (not opening a sentence), acronyms and years of a question, lower-cased. */
function entitiesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const sentence of text.split(/(?<=[.?!])\s+/)) {
    const ws = sentence.match(/[\p{L}\d][\p{L}\d'’-]*/gu) ?? [];
    ws.forEach((w, i) => {
      const bare = w.replace(/^(?:[ldjmnstc]|qu)['’]/i, '');
      if (/^(?:1[89]|20)\d{2}$/.test(bare) || ACRONYM_SURFACE.test(bare) || (i > 0 && /^\p{Lu}\p{Ll}/u.test(bare))) out.add(bare.toLowerCase());
    });
  }
  return out;
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
  /** Users' English documents are searched with the English words of the question too. */
  private readonly englishDocuments: boolean;

  constructor(private readonly deps: PlannerDeps) {
    this.englishDocuments = deps.store.documents().some((d) => d.language === 'en');
  }

  private titleToDocument(title: string): string | undefined {
    const t = title.trim().toLowerCase();
    return this.deps.store.documents().find((d) => [d.shortTitle, d.shortTitleEn, d.title, d.titleEn].some((x) => x?.toLowerCase() === t))?.id;
  }

  /** Paragraphs cited (as `[Title, §label]`) in an assistant message. */
  citedIn(content: string): ParagraphRef[] {
    const out: ParagraphRef[] = [];
    for (const m of content.matchAll(CITATION_MARKER)) {
      const documentId = this.titleToDocument(m[1]);
      const label = documentId ? labelCandidates(m[3]).find((l) => this.deps.store.paragraph(documentId, l)) : undefined;
      if (documentId && label) out.push({ documentId, label });
    }
    return out;
  }

  private englishConcepts(text: string): Concept[] {
    const { lexical, glossary } = this.deps;
    const base = glossary ? glossary.expand(text) : analyze(text, 'en').map((t) => ({ terms: [], source: t.surface }) as Concept);
    return base.map((c) => {
      if (c.terms.length) {
        if (!this.englishDocuments) return c;
        const own = terms(c.source, 'en').filter((t) => lexical.has(t) && !c.terms.some((x) => x.term === t));
        return own.length ? { ...c, terms: [...c.terms, ...own.map((term) => ({ term, weight: 1 }))] } : c;
      }
      const fr = terms(c.source, 'fr');
      const en = terms(c.source, 'en');
      let found = [...new Set([...fr, ...en, ...c.source.split(' ')])].filter((t) => lexical.has(t));
      if (!found.length && c.source.length >= 5) {
        const cognate = lexical.longestPrefixTerm(foldAccents(c.source), 3);
        if (cognate && c.source.length - cognate.length <= 3) found = [cognate];
      }
      return { ...c, terms: found.map((term) => ({ term, weight: 0.8 })) };
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

  /**
   * Resolves "paragraphe 13", "article 421-2-5", "§ 2339B" references to documents: the one named, else the
   * conversation's, else every document that has such a unit. Unit-less numbers next to an article or section
   * reference ("paragraph 2 of Article 5") address items of that unit, not paragraphs of other documents.
   */
  resolveReferences(text: string, cueMatches: Array<{ documentId: string; score: number }>, contextRefs: ParagraphRef[]): { resolved: ParagraphRef[]; missing: MissingReference[] } {
    const { store } = this.deps;
    const resolved: ParagraphRef[] = [];
    const missing: MissingReference[] = [];
    const named = cueMatches.filter((m) => m.score >= 1).map((m) => m.documentId);
    const all = findExplicitReferences(text);
    const refs = all.some((r) => r.unit === 'article' || r.unit === 'section') ? all.filter((r) => r.unit) : all;
    for (const ref of refs) {
      const fits = (d: DocumentMeta) => {
        const p = store.paragraph(d.id, ref.label);
        return p !== undefined && (!ref.unit || unitOf(p) === ref.unit);
      };
      const candidates = store.documents().filter(fits);
      if (named.length && !candidates.some((d) => named.includes(d.id))) {
        missing.push({ label: ref.label, documentId: named[0], ...(ref.unit ? { unit: ref.unit } : {}) });
        continue;
      }
      if (!candidates.length) {
        const withKind = ref.unit ? store.documents().filter((d) => store.paragraphs(d.id).some((p) => unitOf(p) === ref.unit)) : [];
        missing.push({ label: ref.label, ...(withKind.length === 1 ? { documentId: withKind[0].id } : {}), ...(ref.unit ? { unit: ref.unit } : {}) });
        continue;
      }
      const chosen = candidates.find((d) => named.includes(d.id)) ?? candidates.find((d) => contextRefs.some((r) => r.documentId === d.id));
      const numbered = candidates.filter((d) => d.numbering === 'numbered');
      const label = (d: DocumentMeta) => store.paragraph(d.id, ref.label)!.label;
      if (chosen) resolved.push({ documentId: chosen.id, label: label(chosen) });
      else if (numbered.length === 1) resolved.push({ documentId: numbered[0].id, label: label(numbered[0]) });
      else for (const d of numbered.length ? numbered : candidates) resolved.push({ documentId: d.id, label: label(d) });
    }
    return { resolved, missing };
  }

  /**
   * Concepts of a text in its language (English through the glossary). In long messages, sentences
   * that ask something ("?") carry the question; the others are context and weigh less.
   */
  conceptsOf(text: string, language: Lang): Concept[] {
    const sentences = text.length > 300 ? text.split(/(?<=[.?!])\s+/) : [text];
    const asking = sentences.some((s) => s.includes('?'));
    const idf = (t: string) => (this.deps.lexical.has(t) ? this.deps.lexical.idf(t) : 0);
    return sentences.flatMap((sentence) => {
      let concepts = language === 'en' ? this.englishConcepts(sentence) : frenchConcepts(sentence);
      const acronyms = acronymsOf(sentence);
      const names = entitiesOf(sentence);
      if (language === 'fr' && this.deps.glossary) {
        const glossary = this.deps.glossary;
        if (this.englishDocuments) concepts = concepts.map((c) => {
          const english = c.terms.flatMap((t) => glossary.englishFor(t.term)).filter((t) => this.deps.lexical.has(t) && !c.terms.some((x) => x.term === t));
          return english.length ? { ...c, terms: [...c.terms, ...english.map((term) => ({ term, weight: 0.8 }))] } : c;
        });
        concepts = concepts.flatMap((c) => {
          if (c.terms.some((t) => this.deps.lexical.has(t.term))) return [c];
          const synonyms = names.has(c.source) ? [] : c.terms.flatMap((t) => glossary.frenchSynonyms(t.term)).filter((t) => this.deps.lexical.has(t));
          if (synonyms.length) return [{ ...c, terms: [...new Set(synonyms)].map((term) => ({ term, weight: 0.8 })) }];
          const en = this.englishConcepts(c.source).filter((x) => x.terms.length);
          return en.length ? en : [c];
        });
      }
      const context = asking && sentences.length > 1 && !sentence.includes('?');
      return weighConcepts(context ? concepts.map((c) => ({ ...c, importance: 0.05 })) : concepts, acronyms, idf);
    });
  }

  /** French renderings (from the glossary) of multi-word proper names in an English question ("Council of Europe" → "Conseil de l'Europe"). */
  private englishNamePhrases(question: string, concepts: Concept[]): string[] {
    const out: string[] = [];
    for (const m of question.matchAll(NAME_PHRASE_EN)) {
      const inPhrase = new Set(words(m[0]));
      for (const c of concepts) {
        if (!c.entry || c.fromHistory) continue;
        const ws = c.source.split(' ');
        if (ws.length >= 2 && ws.every((w) => inPhrase.has(w))) out.push(Glossary.firstVariant(c.entry[1]));
      }
    }
    return out;
  }

  plan(question: string, history: ChatTurn[], override?: Lang): QueryPlan {
    const { text: cleanQuestion, injection } = stripInjection(question);
    const language = this.languageOf(cleanQuestion || question, override);
    let concepts = this.conceptsOf(cleanQuestion, language);
    const entities = entitiesOf(cleanQuestion);
    const unknownEntities = concepts
      .filter((c) => c.source.split(' ').some((w) => entities.has(w)) && !c.terms.some((t) => this.deps.lexical.has(t.term)))
      .filter((c) => !this.deps.cues.match(c.source).length)
      .map((c) => c.source);

    const lastUser = [...history].reverse().find((t) => t.role === 'user')?.content;
    const lastAssistant = [...history].reverse().find((t) => t.role === 'assistant')?.content;
    const contentWords = concepts.filter((c) => !isStopWord(c.source, language)).length;
    const anaphora = (language === 'en' ? ANAPHORA_EN : ANAPHORA_FR).test(cleanQuestion);
    const followUp = Boolean(lastUser) && (anaphora || contentWords <= 3);
    const context = lastUser ? (followUp ? 0.6 : 0.25) : 0;

    const previousText = lastUser ? stripInjection(lastUser).text : '';
    const cueMatches = this.deps.cues.match(cleanQuestion);
    const contextCues = previousText ? this.deps.cues.match(previousText) : [];
    const citedBefore = lastAssistant ? this.citedIn(lastAssistant) : [];
    const previousRefs = previousText ? this.resolveReferences(previousText, contextCues, citedBefore).resolved : [];
    const followUpRefs = lastUser ? dedupeRefs([...citedBefore, ...previousRefs]) : [];

    if (lastUser) {
      const prevLang = detectLanguage(previousText, language);
      const previous = this.conceptsOf(previousText, prevLang);
      for (const c of previous) concepts.push({ ...c, fromHistory: true, importance: (c.importance ?? 1) * context, terms: c.terms.map((t) => ({ ...t, weight: t.weight * context })), source: `(${c.source})` });
    }

    const documentBoost = new Map<string, number>();
    const namedDocs = cueMatches.filter((m) => m.score >= 1).map((m) => m.documentId);
    const contextDocs = followUp ? contextCues.filter((m) => m.score >= 1).map((m) => m.documentId) : [];
    for (const d of this.deps.store.documents()) {
      const m = cueMatches.find((x) => x.documentId === d.id);
      if (namedDocs.includes(d.id)) documentBoost.set(d.id, 2);
      else if (namedDocs.length) documentBoost.set(d.id, 0.6);
      else if (contextDocs.includes(d.id)) documentBoost.set(d.id, 1.5);
      else if (m) documentBoost.set(d.id, 1 + Math.min(0.3, 0.3 * m.score));
    }
    const { cues } = this.deps;
    for (const documentId of namedDocs) {
      const isName = (c: Concept) => (c.terms.length > 0 && c.terms.every((t) => cues.names(t.term, documentId))) || cues.match(c.source).some((m) => m.documentId === documentId && m.score >= 1);
      const isPart = (c: Concept) => c.terms.length > 0 && c.terms.every((t) => cues.partOfName(t.term, documentId));
      const mute = new Set<number>();
      concepts.forEach((c, i) => {
        if (!isName(c) || c.fromHistory) return;
        mute.add(i);
        for (let j = i - 1; j >= 0 && isPart(concepts[j]); j--) mute.add(j);
        for (let j = i + 1; j < concepts.length && isPart(concepts[j]) && !concepts[j].fromHistory; j++) mute.add(j);
      });
      concepts = concepts.map((c, i) => (mute.has(i) ? { ...c, importance: 0.2, terms: c.terms.map((t) => ({ ...t, weight: t.weight * 0.2 })) } : c));
    }

    const { resolved: explicit, missing: missingReferences } = this.resolveReferences(cleanQuestion, cueMatches, followUpRefs);

    const searchText = followUp && lastUser ? `${lastUser}\n${cleanQuestion}` : cleanQuestion;
    const normalised = normaliseApostrophes(cleanQuestion);
    const expects = ASKS_DATE.test(normalised) ? ('date' as const) : undefined;
    const namePhrases = language === 'fr' ? [...normalised.matchAll(NAME_PHRASE)].map((m) => m[0]).filter((p) => !/^(?:Que|Qui|Quel|Quelle|Quels|Quelles|Quand|Comment|Pourquoi|Combien|Est|Où|Dans|Selon|Pour|Le|La|Les|Un|Une)\s/.test(p)) : this.englishNamePhrases(normalised, concepts);
    const asksPresent = ASKS_PRESENT.test(normalised);
    const contextRefs = namedDocs.length ? followUpRefs.filter((r) => namedDocs.includes(r.documentId)) : followUpRefs;
    return { language, cleanQuestion, searchText, concepts, explicit, missingReferences, namePhrases, asksPresent, documentBoost, followUpRefs: contextRefs, followUp, injection, unknownEntities, ...(expects ? { expects } : {}) };
  }
}
