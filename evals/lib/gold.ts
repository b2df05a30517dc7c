/** Checks the suite's gold paragraphs against the live documents (`GET /api/documents/:id`). */
import { refKey, type RefKey } from './metrics.js';
import type { EvalItem } from './suite.js';
import type { DocumentParagraphs } from './target.js';
import { containsFolded } from './text.js';

export interface GoldProblem {
  itemId: string;
  documentId: string;
  paragraph: string;
  quote?: string;
  problem: 'unknown-document' | 'unknown-label' | 'quote-not-in-paragraph';
  /** Labels of the paragraphs that do contain the quote. */
  foundIn: string[];
}

export interface CorpusView {
  documents: Map<string, DocumentParagraphs>;
  existing: Set<RefKey>;
  text(ref: RefKey): string | undefined;
}

/**
 * Indexes fetched documents by `documentId#label`.
 * @example
 * const corpus = corpusView([{ documentId: 'd', paragraphs: [{ label: '1', text: 'x' }] }]);
 * corpus.existing.has('d#1') // true
 */
export function corpusView(docs: readonly DocumentParagraphs[]): CorpusView {
  const documents = new Map(docs.map((d) => [d.documentId, d]));
  const texts = new Map<RefKey, string>();
  for (const d of docs) for (const p of d.paragraphs) texts.set(refKey({ documentId: d.documentId, paragraph: p.label }), p.text);
  return { documents, existing: new Set(texts.keys()), text: (ref) => texts.get(ref) };
}

/**
 * Lists the gold entries that do not match the live documents: unknown document or label, or a
 * `goldQuotes` fragment absent from the labelled paragraph (with the labels that do contain it).
 * @example
 * const problems = checkGold(suite.items, corpus);
 * if (problems.length) throw new Error(formatGoldProblems(problems));
 */
export function checkGold(items: readonly EvalItem[], corpus: CorpusView): GoldProblem[] {
  const problems: GoldProblem[] = [];
  for (const item of items) {
    item.gold.forEach((g, i) => {
      const quote = item.goldQuotes?.[i];
      const doc = corpus.documents.get(g.documentId);
      const base = { itemId: item.id, documentId: g.documentId, paragraph: g.paragraph, ...(quote ? { quote } : {}) };
      if (!doc) {
        problems.push({ ...base, problem: 'unknown-document', foundIn: [] });
        return;
      }
      const foundIn = quote ? doc.paragraphs.filter((p) => containsFolded(p.text, quote)).map((p) => p.label) : [];
      const para = doc.paragraphs.find((p) => p.label === g.paragraph);
      if (!para) problems.push({ ...base, problem: 'unknown-label', foundIn });
      else if (quote && !containsFolded(para.text, quote)) problems.push({ ...base, problem: 'quote-not-in-paragraph', foundIn });
    });
  }
  return problems;
}

/**
 * Human-readable list of gold problems.
 * @example
 * formatGoldProblems(problems) // "3 gold entries do not match …\n  - q1: …"
 */
export function formatGoldProblems(problems: readonly GoldProblem[]): string {
  const lines = problems.map((p) => {
    const where = `${p.itemId}: ${p.documentId} § ${p.paragraph}`;
    const found = p.foundIn.length ? ` — the quote is in § ${p.foundIn.join(', ')}` : p.quote ? ' — the quote is in no paragraph' : '';
    if (p.problem === 'unknown-document') return `${where}: no such document`;
    if (p.problem === 'unknown-label') return `${where}: no paragraph with this label${found}`;
    return `${where}: quote «${p.quote}» is not in this paragraph${found}`;
  });
  return `${problems.length} gold entr${problems.length === 1 ? 'y does' : 'ies do'} not match the live documents (GET /api/documents/:id):\n  - ${lines.join('\n  - ')}\nFix the labels in the suite, or pass --remap-gold to follow the quotes where they are found in exactly one paragraph.`;
}

/**
 * Returns items whose mismatched gold labels are replaced by the one paragraph containing the quote.
 * Problems that cannot be remapped this way are returned as `unresolved`.
 * @example
 * const { items, unresolved } = remapGold(suite.items, problems);
 */
export function remapGold(items: readonly EvalItem[], problems: readonly GoldProblem[]): { items: EvalItem[]; remapped: GoldProblem[]; unresolved: GoldProblem[] } {
  const remapped: GoldProblem[] = [];
  const unresolved: GoldProblem[] = [];
  const fix = new Map<string, string>();
  for (const p of problems) {
    if (p.problem !== 'unknown-document' && p.foundIn.length === 1) {
      fix.set(`${p.itemId}\u0000${p.documentId}\u0000${p.paragraph}`, p.foundIn[0]);
      remapped.push(p);
    } else unresolved.push(p);
  }
  const out = items.map((item) => ({
    ...item,
    gold: item.gold.map((g) => ({ ...g, paragraph: fix.get(`${item.id}\u0000${g.documentId}\u0000${g.paragraph}`) ?? g.paragraph })),
  }));
  return { items: out, remapped, unresolved };
}
