/** Turns a question (and its conversation) into what retrieval needs. Web-standard. */
import { foldCompounds } from '../text/compound-concepts.js';
import type { CorpusStore } from '../corpus/corpus-store.js';
import { analyze, normaliseApostrophes, words, YEAR } from '../text/analyzer.js';
import { BoundedMemo } from '../text/bounded-memo.js';
import { englishConcepts, withEnglishTerms, type CrossLingualDeps } from '../text/cross-lingual.js';
import { type Concept, Glossary } from '../text/glossary.js';
import type { Lexicon } from '../text/lexicon.js';
import { DEFAULT_LEXICON_PARAMS, LEXICON_LAYERS, type LexiconLayer, type LexiconParams } from '../text/lexicon-params.js';
import { detectLanguage } from '../text/language.js';
import type { DocumentMeta, Lang, Paragraph, UnitKind } from '../types.js';
import type { Bm25Index } from './bm25-index.js';
import type { DocumentCues } from './document-cues.js';
import { bestCued, documentAfter, inOtherWord } from './reference-owner.js';
import { CITATION_MARKER, labelCandidates, unitOf } from '../corpus/units.js';
import { counterpartKind, findExplicitReferences } from './explicit-references.js';
import { ConceptFallback, fallbackConcepts } from './concept-fallback.js';
import { weighConcepts } from './concept-weights.js';

export { stripInjection } from './injection.js';

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

const NAME_PHRASE_EN = /\p{Lu}[\p{L}'-]+(?:\s+(?:(?:of|for|on|against|and)\s+(?:the\s+)?)?\p{Lu}[\p{L}'-]+)+/gu;
const NAME_PHRASE = /\p{Lu}[\p{L}'-]+(?:\s+(?:(?:de|du|des|pour|sur|contre|et)\s+(?:la\s+|l'|les\s+)?|d'|l')?\p{Lu}[\p{L}'-]+)+/gu;

export interface PlannerDeps {
  store: CorpusStore;
  lexical: Bm25Index;
  cues: DocumentCues;
  glossary: Glossary | null;
  /** The index's dictionary and cognates (null: none, or the glossary is off). */
  lexicon?: Lexicon | null;
  /** Cross-lingual layers in use (default: all). */
  layers?: ReadonlySet<LexiconLayer>;
  params?: LexiconParams;
}

/** Module-level (like every regular expression with `\p{…}` here): esbuild's node20 target rewrites such a literal as `new RegExp(…)`, re-created on every call. */
const ENTITY_WORDS = /[\p{L}\d][\p{L}\d'’-]*/gu;
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}/u;
const TWO_LETTERS = /\p{L}{2}/u;
const ACRONYM_SURFACE = /^[\p{Lu}][\p{Lu}\d/]{1,}$/u;

/** The last few texts read by each of {@link entitiesOf} and {@link acronymsOf}: `analyse`, the document cues and `conceptsOf` read the same question, between reads of its words. */
const lastRead = { entities: new BoundedMemo<string, ReadonlySet<string>>(16), acronyms: new BoundedMemo<string, ReadonlySet<string>>(16) };

/** Capitalised words (not opening a sentence), acronyms and years of a question, lower-cased. */
export function entitiesOf(text: string): ReadonlySet<string> {
  return lastRead.entities.get(text, readEntities);
}

function readEntities(text: string): Set<string> {
  const out = new Set<string>();
  for (const sentence of text.split(/(?<=[.?!])\s+/)) {
    const ws = sentence.match(ENTITY_WORDS) ?? [];
    ws.forEach((w, i) => {
      const bare = w.replace(/^(?:[ldjmnstc]|qu)['’]/i, '');
      if (YEAR.test(bare) || ACRONYM_SURFACE.test(bare) || (i > 0 && CAPITALISED_WORD.test(bare))) out.add(bare.toLowerCase());
    });
  }
  return out;
}

/** Acronyms of a text ("OSCE", "CTED"), lower-cased. */
export function acronymsOf(text: string): ReadonlySet<string> {
  return lastRead.acronyms.get(text, readAcronyms);
}

function readAcronyms(text: string): Set<string> {
  return new Set((text.match(/[\p{L}\d/]+/gu) ?? []).filter((w) => ACRONYM_SURFACE.test(w) && TWO_LETTERS.test(w)).map((w) => w.toLowerCase()));
}

function frenchConcepts(text: string): Concept[] {
  return analyze(text, 'fr').map((t) => ({ terms: [{ term: t.term, weight: 1 }], source: t.surface }));
}

/**
 * The language and expansion services the pipeline's `analyse` and `expand` stages call: language detection,
 * concepts of a text (French terms; English through the term base, dictionary and cognates), explicit references
 * resolved to documents, paragraphs cited in an assistant message, multi-word names.
 * @example
 * const planner = new QueryPlanner(deps);
 * planner.conceptsOf('How should States fight money laundering?', 'en').map((c) => c.source);
 */
export class QueryPlanner {
  /** Users' English documents are searched with the English words of the question too. */
  private readonly englishDocuments: boolean;
  private readonly crossLingual: CrossLingualDeps;
  /** What {@link englishConcepts} reads with: the cross-lingual layers (none without the glossary), and the term base alone. */
  private readonly englishDeps: CrossLingualDeps;
  private readonly termBaseOnly: CrossLingualDeps;

  constructor(private readonly deps: PlannerDeps) {
    this.englishDocuments = deps.store.documents().some((d) => d.language === 'en');
    const { glossary, lexical } = deps;
    this.crossLingual = {
      glossary,
      lexicon: deps.lexicon ?? null,
      layers: deps.layers ?? new Set(LEXICON_LAYERS),
      params: deps.params ?? DEFAULT_LEXICON_PARAMS,
      lexical,
      englishDocuments: this.englishDocuments,
    };
    this.englishDeps = glossary ? this.crossLingual : { ...this.crossLingual, lexicon: null, layers: new Set<LexiconLayer>() };
    this.termBaseOnly = { ...this.englishDeps, layers: new Set([...this.englishDeps.layers].filter((l) => l === 'termbase')) };
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

  /** English concepts; `termBaseOnly` for words of a French question the texts do not use (the general dictionary would read French words as English ones). */
  private englishConcepts(text: string, termBaseOnly = false): Concept[] {
    return englishConcepts(text, termBaseOnly ? this.termBaseOnly : this.englishDeps);
  }

  /** The question's language: the override, else detection, corrected by the glossary (English words the index lacks). */
  languageOf(text: string, override?: Lang): Lang {
    if (override) return override;
    const guess = detectLanguage(text, 'fr');
    if (guess === 'en') return 'en';
    const ws = analyze(text, 'fr');
    if (!ws.length || !this.deps.glossary) return guess;
    let known = 0;
    for (const t of ws) if (this.deps.lexical.has(t.term)) known++;
    const english = this.deps.glossary.entryCount(text);
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
      // A unit kind the document declares for its numbered units ("recommendation") counts as theirs; a document the
      // question names may call the unit by the other language's word (its "section 8" is the French version's « article 8 »).
      const ofKind = (d: DocumentMeta, p: Paragraph) =>
        unitOf(p) === ref.unit || (p.kind === 'numbered' && d.unit === ref.unit) || (named.includes(d.id) && counterpartKind(ref.unit, d.language) === unitOf(p));
      const fits = (d: DocumentMeta) => {
        const p = store.paragraph(d.id, ref.label);
        return p !== undefined && (!ref.unit || ofKind(d, p));
      };
      const exact = store.documents().filter(fits);
      // No unit of that kind anywhere, but one document calls its unit so by the other language's word (« l'article 6.3 » of an Act's section 6.3).
      const across = exact.length ? [] : store.documents().filter((d) => inOtherWord(store, d, ref.label, ref.unit));
      const candidates = exact.length ? exact : across.length === 1 ? across : [];
      // A named document without units of that kind (« l'article 5 » of a plan of numbered paragraphs) is a wrong cue, not a missing article.
      const namedWithKind = ref.unit ? named.filter((id) => store.paragraphs(id).some((p) => ofKind(store.document(id)!, p))) : named;
      if (namedWithKind.length && !candidates.some((d) => namedWithKind.includes(d.id))) {
        missing.push({ label: ref.label, documentId: namedWithKind[0], ...(ref.unit ? { unit: ref.unit } : {}) });
        continue;
      }
      if (!candidates.length) {
        const withKind = ref.unit ? store.documents().filter((d) => store.paragraphs(d.id).some((p) => ofKind(d, p))) : [];
        missing.push({ label: ref.label, ...(withKind.length === 1 ? { documentId: withKind[0].id } : {}), ...(ref.unit ? { unit: ref.unit } : {}) });
        continue;
      }
      const own = named.length > 1 ? documentAfter(text, ref.label, named, this.deps.cues) : undefined;
      if (own && !candidates.some((d) => d.id === own) && namedWithKind.includes(own)) {
        missing.push({ label: ref.label, documentId: own, ...(ref.unit ? { unit: ref.unit } : {}) });
        continue;
      }
      const chosen =
        candidates.find((d) => d.id === own) ??
        candidates.find((d) => named.includes(d.id)) ??
        candidates.find((d) => contextRefs.some((r) => r.documentId === d.id)) ??
        bestCued(candidates, cueMatches);
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
    // `analyse` (document cues) and `expand` read the same question: computed once, a copy of the list handed out.
    return [...this.recentConcepts.get(`${language}\u0000${text}`, () => this.conceptsUncached(text, language))];
  }

  /** The French fallback (synonyms, else the term base's English) of the words this planner's index lacks, built on first use. */
  private compiledFallback?: ConceptFallback;

  private fallback(glossary: Glossary): ConceptFallback {
    this.compiledFallback ??= new ConceptFallback({
      glossary,
      has: (t) => this.deps.lexical.has(t),
      termBase: this.crossLingual.layers.has('termbase'),
      english: (text) => this.englishConcepts(text, true),
    });
    return this.compiledFallback;
  }

  /** Concepts of the last few texts (a question and its previous turn; not a cache of questions), for this planner's fixed deps. */
  private readonly recentConcepts = new BoundedMemo<string, readonly Concept[]>(8);

  private conceptsUncached(text: string, language: Lang): Concept[] {
    const sentences = text.length > 300 ? text.split(/(?<=[.?!])\s+/) : [text];
    const asking = sentences.some((s) => s.includes('?'));
    const idfs = new Map<string, number>();
    const idf = (t: string) => idfs.get(t) ?? idfs.set(t, this.deps.lexical.has(t) ? this.deps.lexical.idf(t) : 0).get(t)!;
    return sentences.flatMap((sentence) => {
      let concepts = language === 'en' ? this.englishConcepts(sentence) : frenchConcepts(sentence);
      const acronyms = acronymsOf(sentence);
      const names = entitiesOf(sentence);
      if (language === 'fr' && this.deps.glossary) {
        if (this.englishDocuments) concepts = withEnglishTerms(concepts, this.crossLingual);
        const fallback = this.fallback(this.deps.glossary);
        concepts = concepts.flatMap((c) => (c.terms.some((t) => this.deps.lexical.has(t.term)) ? [c] : fallbackConcepts(c, fallback.of(c, names.has(c.source)))));
      }
      concepts = foldCompounds(concepts);
      const context = asking && sentences.length > 1 && !sentence.includes('?');
      return weighConcepts(context ? concepts.map((c) => ({ ...c, importance: 0.05 })) : concepts, acronyms, idf);
    });
  }

  /** French renderings (from the glossary) of multi-word proper names in an English question ("Council of Europe" → "Conseil de l'Europe"). */
  private englishNamePhrases(question: string, concepts: Concept[]): string[][] {
    const out: string[][] = [];
    for (const m of question.matchAll(NAME_PHRASE_EN)) {
      const inPhrase = new Set(words(m[0]));
      for (const c of concepts) {
        if (!c.entry || c.fromHistory) continue;
        const ws = c.source.split(' ');
        if (ws.length >= 2 && ws.every((w) => inPhrase.has(w))) out.push([Glossary.firstVariant(c.entry[1]), m[0]]);
      }
    }
    return out;
  }

  /** Multi-word proper names of a question, each with its renderings (as French texts and as English texts would write it). */
  namePhrases(question: string, language: Lang, concepts: Concept[]): string[][] {
    const normalised = normaliseApostrophes(question);
    if (language !== 'fr') return this.englishNamePhrases(normalised, concepts);
    return [...normalised.matchAll(NAME_PHRASE)]
      .map((m) => [m[0]])
      .filter(([p]) => !/^(?:Que|Qui|Quel|Quelle|Quels|Quelles|Quand|Comment|Pourquoi|Combien|Est|Où|Dans|Selon|Pour|Le|La|Les|Un|Une)\s/.test(p));
  }
}
