/** Importance and term weights of a question's concepts (query-planner.ts). Web-standard. */
import { terms } from '../text/analyzer.js';
import type { Concept } from '../text/glossary.js';

/** Words that frame a question rather than name its subject; they count for less in ranking and coverage. */
const FRAME_WORDS = new Set(
  [
    ...'rôle role roles objectif objectifs but buts purpose aim aims goal goals fonction function mission missions tâche tâches task tasks contenu content contents prévoit prévoir provide provides provided envisage envisager mention mentionne mentionner mentions dispose disposer stipule stipulate states stated date dates quand moment lequel laquelle lesquels lesquelles type types sorte kind kinds genre nature exemple exemples example examples principal principale principaux main key point points prendre prendront prend pris take taken takes faire fait font make makes made mettre met mettent put do does doing devait devaient devrait devraient devront doit lieu aspect aspects question questions sujet subject thème theme topic chose things thing information détail détails detail details'.split(
      ' ',
    ),
  ].flatMap((w) => [...terms(w, 'fr'), ...terms(w, 'en')]),
);
/**
 * Importance and term weights of concepts: framing words weigh less, acronyms more; within a phrase, terms other than
 * its rarest weigh 1/√n — counted separately for the question's own words and for their translations, so that
 * neither language's rendering of a phrase is damped by the other's.
 * @example
 * weighConcepts([{ source: 'rôle', terms: [{ term: 'rol', weight: 1 }] }], new Set(), () => 1)[0].importance // 0.3
 */
export function weighConcepts(concepts: Concept[], surfaces: ReadonlySet<string>, idf: (term: string) => number): Concept[] {
  return concepts.map((c) => {
    // The rarest term and the count, for the question's own words and for their translations.
    // Each term's IDF is read once (the best so far kept with its own); a lone term is its group's rarest.
    let own = '';
    let ownN = 0;
    let ownIdf = 0;
    let translated = '';
    let translatedN = 0;
    let translatedIdf = 0;
    for (const t of c.terms) {
      if (c.terms.length === 1) break;
      const v = idf(t.term);
      if (t.translated) {
        if (translatedN++ > 0 && v <= translatedIdf) continue;
        translated = t.term;
        translatedIdf = v;
      } else {
        if (ownN++ > 0 && v <= ownIdf) continue;
        own = t.term;
        ownIdf = v;
      }
    }
    const frame = c.terms.length > 0 && c.terms.every((t) => FRAME_WORDS.has(t.term)) ? 0.3 : 1;
    const entity = surfaces.size > 0 && c.source.split(' ').some((w) => surfaces.has(w)) ? 1.5 : 1;
    const importance = frame * entity * (c.importance ?? 1);
    return {
      ...c,
      importance,
      terms: c.terms.map((t) => {
        const rarest = t.translated ? translated : own;
        const n = t.translated ? translatedN : ownN;
        return { ...t, weight: t.weight * (n > 1 && t.term !== rarest ? 1 / Math.sqrt(n) : 1) * frame * entity * (c.importance ?? 1) };
      }),
    };
  });
}
