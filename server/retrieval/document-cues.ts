/** Recognises which document a question names ("Bucharest Plan", "OAS recommendations", "EU–UN dialogue"). Web-standard. */
import { type DocumentsUsing, NONE } from './documents-using.js';
import { analyze, isStopWord, terms, YEAR } from '../text/analyzer.js';
import { BoundedMemo } from '../text/bounded-memo.js';
import { entitiesOf } from './query-planner.js';
import type { DocumentMeta } from '../types.js';

/** Texts up to this length are words or short phrases, whose matches are kept (whole questions are not). */
const SHORT_PHRASE = 40;
const PHRASE_CACHE_LIMIT = 20_000;
/** Surfaces that are never cue words (a stop word of either language, a short number), read once per word (bounded like the analyser's word caches). */
const NOT_CUE_LIMIT = 100_000;
const notCue = new BoundedMemo<string, boolean>(NOT_CUE_LIMIT);
const readNotCue = (surface: string): boolean => isStopWord(surface, 'fr') || isStopWord(surface, 'en') || (/^\d+$/.test(surface) && surface.length < 4);
/** A title names its document only through at least this many distinctive terms (one word names too much). */
const MIN_TITLE_TERMS = 2;

/**
 * Terms of each document's short titles and aliases that identify it among the others (in both analysers).
 * @example
 * const cues = new DocumentCues(documents);
 * cues.match('paragraph 12 of the OAS recommendations') // [{ documentId: 'oas-…', score: 2 }]
 */
export class DocumentCues {
  private readonly byTerm = new Map<string, Set<string>>();
  private readonly nameTerms = new Map<string, Set<string>>();
  private readonly isCommon: (term: string) => boolean;
  private readonly usedBy: DocumentsUsing;
  /** Terms of each document's issuing organisation ("OSCE, Ministerial Council"), in both analysers. */
  private readonly issuedBy = new Map<string, Set<string>>();
  /** Per title, short title and alias of each document (parenthesised parts left out): its distinctive terms, per analyser. */
  private readonly titleTerms: Array<{ documentId: string; terms: string[] }> = [];

  /**
   * @param isCommon terms frequent in the paragraphs themselves ("États", "terrorisme") are not names,
   * even when they appear in one document's title.
   * @param usedBy the documents whose units use a term: a cue word that other documents' texts use too ("plan",
   * "résolution", "OSCE" in a corpus holding several OSCE texts) is shared with them when it is matched, so that it
   * names its document less as documents are added that talk about the same thing.
   */
  constructor(documents: DocumentMeta[], isCommon: (term: string) => boolean = () => false, usedBy: DocumentsUsing = () => NONE) {
    this.isCommon = isCommon;
    this.usedBy = usedBy;
    for (const d of documents)
      for (const t of this.cueTerms(d.organisation ?? '')) {
        if (!this.issuedBy.has(t)) this.issuedBy.set(t, new Set());
        this.issuedBy.get(t)!.add(d.id);
      }
    for (const d of documents) {
      const text = [d.shortTitle, d.shortTitleEn ?? '', d.aliases ?? ''].join(' ; ');
      for (const t of this.cueTerms(text)) {
        if (!this.byTerm.has(t)) this.byTerm.set(t, new Set());
        this.byTerm.get(t)!.add(d.id);
      }
      for (const t of new Set([...terms([d.title, d.titleEn ?? '', d.shortTitle, d.shortTitleEn ?? '', d.aliases ?? ''].join(' ; '), 'fr'), ...terms(d.titleEn ?? '', 'en')])) {
        if (!this.nameTerms.has(t)) this.nameTerms.set(t, new Set());
        this.nameTerms.get(t)!.add(d.id);
      }
    }
    // A cue word also in another document's full title ("council": Bucharest Ministerial Council, Council of Europe Convention) names no one document; a year names the documents of that year, not one whose title cites an amendment of that year ("1988, as amended in 2005").
    const yearOf = new Map(documents.map((d) => [d.id, d.date?.slice(0, 4)]));
    for (const [t, ids] of this.byTerm) {
      const dated = YEAR.test(t) ? [...ids].filter((d) => yearOf.get(d) === t) : [];
      if (dated.length) this.byTerm.set(t, new Set(dated));
      else if ([...(this.nameTerms.get(t) ?? [])].some((d) => !ids.has(d))) this.byTerm.delete(t);
    }
    for (const [t, ids] of this.nameTerms) if (ids.size > 2) this.nameTerms.delete(t);
    const limit = Math.max(1, Math.floor(documents.length / 3));
    for (const [t, ids] of this.byTerm) if (ids.size > limit) this.byTerm.delete(t);
    for (const d of documents) {
      const titles: Array<[string | undefined, 'fr' | 'en']> = [
        [d.title, d.language],
        [d.shortTitle, d.language],
        [d.titleEn, 'en'],
        [d.shortTitleEn, 'en'],
        ...(d.aliases ?? '').split(';').flatMap(
          (a) =>
            [
              [a, 'fr'],
              [a, 'en'],
            ] as Array<[string, 'fr' | 'en']>,
        ),
      ];
      for (const [title, lang] of titles) {
        const main = title?.replace(/\([^)]*\)/g, ' ') ?? '';
        const distinctive = [...new Set(terms(main, lang))].filter((t) => !this.isCommon(t) && !/^\d+$/.test(t));
        if (distinctive.length >= MIN_TITLE_TERMS) this.titleTerms.push({ documentId: d.id, terms: distinctive });
      }
    }
    for (const { documentId, terms: ts } of this.titleTerms) {
      const own = this.ownTitleTerms.get(documentId) ?? new Set<string>();
      for (const t of ts) own.add(t);
      this.ownTitleTerms.set(documentId, own);
    }
  }

  /** The distinctive words of all of each document's titles, built once. */
  private readonly ownTitleTerms = new Map<string, Set<string>>();

  /**
   * Documents whose whole title (a title, short title or alias, less its parenthesised part and the words common
   * in the texts) is among the given terms of a question, in either analyser — the question names the document
   * by its title ("the Council of Europe Convention on the Prevention of Terrorism"), and one of them is written as a
   * name (`nameTerms`: capitalised words, acronyms, years), so that a topic ("terrorist financing") does not name
   * the "Terrorist Financing Convention". Several documents: none.
   * @example
   * cues.titled(new Set(['council', 'europ', 'convent'])) // ['coe-…']
   * @param nameTerms the name terms, or a function computing them (called only when a whole title is among the question's terms).
   */
  titled(questionTerms: ReadonlySet<string>, nameTerms: ReadonlySet<string> | (() => ReadonlySet<string>) = questionTerms): string[] {
    let names: ReadonlySet<string> | undefined;
    let found: string | undefined;
    // A title is held only if its first term is: visit the titles of the question's terms, not every title of the corpus.
    this.byFirstTerm ??= groupByFirstTerm(this.titleTerms);
    for (const q of questionTerms)
      for (const t of this.byFirstTerm.get(q) ?? []) {
        if (!t.terms.every((x) => questionTerms.has(x))) continue;
        names ??= typeof nameTerms === 'function' ? nameTerms() : nameTerms;
        if (!t.terms.some((x) => names!.has(x))) continue;
        if (found !== undefined && found !== t.documentId) return [];
        found = t.documentId;
      }
    return found === undefined ? [] : [found];
  }

  private byFirstTerm?: Map<string, Array<{ documentId: string; terms: string[] }>>;

  /** Every distinctive title term: all {@link titled} reads of a question's terms (a caller may keep only these). */
  get titleVocabulary(): ReadonlySet<string> {
    this.vocabulary ??= new Set(this.titleTerms.flatMap((t) => t.terms));
    return this.vocabulary;
  }

  private vocabulary?: Set<string>;

  /** Distinctive terms of a text in both analysers: no stop word of either language, nothing common in the corpus. */
  private cueTerms(text: string): Set<string> {
    return new Set(this.cueSurfaces(text).keys());
  }

  /** Distinctive terms of a text in both analysers, each with the surface it was read from. */
  private cueSurfaces(text: string): Map<string, string> {
    const out = new Map<string, string>();
    const fr = analyze(text, 'fr');
    const en = analyze(text, 'en');
    const bySurface = new Map<string, string[]>();
    for (const list of [fr, en])
      for (const t of list) {
        const ts = bySurface.get(t.surface);
        if (ts) ts.push(t.term);
        else bySurface.set(t.surface, [t.term]);
      }
    for (const [surface, ts] of bySurface) {
      if (notCue.get(surface, readNotCue)) continue;
      if (ts.some((t) => this.isCommon(t))) continue;
      for (const t of ts) if (!out.has(t)) out.set(t, surface);
    }
    return out;
  }

  /** True when the term names the document (a distinctive term of its short titles or aliases). */
  names(term: string, documentId: string): boolean {
    return this.byTerm.get(term)?.has(documentId) ?? false;
  }

  /** True when every word of `text` (in one analyser) is a distinctive word of one of the document's titles. */
  inTitle(text: string, documentId: string): boolean {
    const own = this.ownTitleTerms.get(documentId);
    if (!own) return false;
    return (['fr', 'en'] as const).some((lang) => {
      const ts = terms(text, lang);
      return ts.length > 0 && ts.every((x) => own.has(x));
    });
  }

  /** True when the term is a distinctive word of one of the document's titles. */
  hasTitleTerm(term: string, documentId: string): boolean {
    return this.ownTitleTerms.get(documentId)?.has(term) ?? false;
  }

  /** True when the term may be part of the document's name ("Plan", "action" next to "Bucarest"). */
  partOfName(term: string, documentId: string): boolean {
    return this.nameTerms.get(term)?.has(documentId) ?? false;
  }

  /** Matches of words and short phrases (the pipeline asks again for each concept of each question). */
  private readonly phraseMatches = new Map<string, ReadonlyArray<{ documentId: string; score: number }>>();

  /** Documents the question names, best first, with the number of distinctive terms matched. */
  match(question: string): Array<{ documentId: string; score: number }> {
    if (question.length > SHORT_PHRASE) return this.matchUncached(question);
    let found = this.phraseMatches.get(question);
    if (!found) {
      if (this.phraseMatches.size >= PHRASE_CACHE_LIMIT) this.phraseMatches.clear();
      found = this.matchUncached(question);
      this.phraseMatches.set(question, found);
    }
    return found.map((m) => ({ ...m }));
  }

  /**
   * Each matched cue word gives its documents 1 / (documents whose title holds it or whose issuer it names: "OSCE"
   * names neither of two OSCE texts); a word not written as a name
   * (lower case, not a year or acronym: "résolution", "plan", "financing") gives 1 / (those and the documents whose
   * units use it), since other texts use it for their own subject. A word counts once, read by the analyser that
   * finds it in units ({@link readingOf}).
   */
  private matchUncached(question: string): Array<{ documentId: string; score: number }> {
    const bySurface = this.cueWords(question);
    if (!bySurface) return [];
    const scores = new Map<string, number>();
    const names = entitiesOf(question);
    for (const [surface, ts] of bySurface) {
      const reading = this.readingOf(ts, names.has(surface.toLowerCase()));
      if (reading) for (const id of reading.ids) scores.set(id, (scores.get(id) ?? 0) + 1 / reading.sharedWith);
    }
    return [...scores].map(([documentId, score]) => ({ documentId, score })).sort((a, b) => b.score - a.score);
  }

  /**
   * The cue surfaces of a question (as {@link cueSurfaces} reads them) with their cue stems, left out the surfaces
   * none of whose stems is a cue word (they name nothing, and a stem they read first is not a cue stem another
   * surface could lose); undefined when no surface is left (most words and many questions).
   */
  private cueWords(question: string): Map<string, string[]> | undefined {
    const fr = analyze(question, 'fr');
    const en = analyze(question, 'en');
    let cued: Set<string> | undefined;
    for (const list of [fr, en]) for (const t of list) if (this.byTerm.has(t.term)) (cued ??= new Set()).add(t.surface);
    if (!cued) return undefined;
    const stems = new Map<string, string[]>();
    for (const list of [fr, en])
      for (const t of list) {
        if (!cued.has(t.surface)) continue;
        const ts = stems.get(t.surface);
        if (ts) ts.push(t.term);
        else stems.set(t.surface, [t.term]);
      }
    const claimed = new Set<string>();
    const out = new Map<string, string[]>();
    for (const [surface, ts] of stems) {
      if (notCue.get(surface, readNotCue) || ts.some((t) => this.isCommon(t))) continue;
      const own: string[] = [];
      for (const t of ts) {
        if (claimed.has(t)) continue;
        claimed.add(t);
        own.push(t);
      }
      if (own.length) out.set(surface, own);
    }
    return out.size ? out : undefined;
  }

  /**
   * The cue reading of one word from its stems in the two analysers: the most specific stem among those units use
   * (or, for a name, any), else among all. The other analyser's stem of a word (« vidéoprotection » read as English)
   * is in no unit: it must not make the word look unshared and name a document by a word other texts use.
   */
  private readingOf(stems: string[], named: boolean): { ids: ReadonlySet<string>; sharedWith: number } | undefined {
    let best: StemReading | undefined;
    for (const t of stems) {
      const r = this.stemReading(t, named);
      if (!r) continue;
      if (!best || (r.used && !best.used) || (r.used === best.used && r.sharedWith < best.sharedWith)) best = r;
    }
    return best;
  }

  /** Per cue stem, read as a name and not: its documents, whether units use it, how many documents share it (fixed for the index, computed once). */
  private readonly stemReadings = [new Map<string, StemReading>(), new Map<string, StemReading>()];

  private stemReading(t: string, named: boolean): StemReading | undefined {
    const ids = this.byTerm.get(t);
    if (!ids) return undefined;
    const memo = this.stemReadings[named ? 1 : 0];
    let r = memo.get(t);
    if (!r) {
      const users = named ? (this.issuedBy.get(t) ?? NONE) : this.usedBy(t);
      r = { ids, sharedWith: new Set([...ids, ...users]).size, used: named || users.size > 0 };
      memo.set(t, r);
    }
    return r;
  }
}

/** One cue stem's reading (see `DocumentCues.readingOf`). */
interface StemReading {
  ids: ReadonlySet<string>;
  sharedWith: number;
  used: boolean;
}

/** Titles grouped by their first term. */
function groupByFirstTerm<T extends { terms: string[] }>(titles: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of titles) if (t.terms.length) (out.get(t.terms[0]) ?? out.set(t.terms[0], []).get(t.terms[0])!).push(t);
  return out;
}
