/** Recognises which document a question names ("Bucharest Plan", "OAS recommendations", "EU–UN dialogue"). Web-standard. */
import { terms } from '../text/analyzer.js';
import type { DocumentMeta } from '../types.js';

/**
 * Terms from each document's metadata that identify it among the others (in both analysers).
 * @example
 * const cues = new DocumentCues(documents);
 * cues.match('paragraph 12 of the OAS recommendations') // [{ documentId: 'oas-…', score: 2 }]
 */
export class DocumentCues {
  private readonly byTerm = new Map<string, Set<string>>();

  constructor(documents: DocumentMeta[], extra: Record<string, string> = {}) {
    for (const d of documents) {
      const text = [d.title, d.titleEn ?? '', d.shortTitle, d.shortTitleEn ?? '', d.organisation, d.id.replace(/-/g, ' '), extra[d.id] ?? ''].join(' ');
      for (const t of new Set([...terms(text, 'fr'), ...terms(text, 'en')])) {
        if (/^\d+$/.test(t) && t.length < 4) continue;
        if (!this.byTerm.has(t)) this.byTerm.set(t, new Set());
        this.byTerm.get(t)!.add(d.id);
      }
    }
    const limit = Math.max(1, Math.floor(documents.length / 3));
    for (const [t, ids] of this.byTerm) if (ids.size > limit) this.byTerm.delete(t);
  }

  /** Documents the question names, best first, with the number of distinctive terms matched. */
  match(question: string): Array<{ documentId: string; score: number }> {
    const scores = new Map<string, number>();
    for (const t of new Set([...terms(question, 'fr'), ...terms(question, 'en')])) {
      const ids = this.byTerm.get(t);
      if (!ids) continue;
      for (const id of ids) scores.set(id, (scores.get(id) ?? 0) + 1 / ids.size);
    }
    return [...scores].map(([documentId, score]) => ({ documentId, score })).sort((a, b) => b.score - a.score);
  }
}
