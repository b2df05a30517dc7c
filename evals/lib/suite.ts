/** The evaluation suite format (JSONL or CSV), its loading and validation. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseCsvRecords } from './csv.js';

export const QUESTION_TYPES = ['single-fact', 'multi-paragraph', 'list', 'explicit-reference', 'cross-lingual', 'follow-up', 'out-of-corpus', 'adversarial'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface GoldRef {
  documentId: string;
  /** Paragraph label as `GET /api/documents/:id` returns it ("5", "P1", …). */
  paragraph: string;
}

export interface EvalItem {
  id: string;
  language: 'fr' | 'en';
  type: QuestionType;
  question: string;
  history?: Array<{ role: 'user' | 'assistant'; content: string }>;
  referenceAnswer: string;
  gold: GoldRef[];
  /** One verbatim fragment per gold entry (same order), checked against the live paragraph text. */
  goldQuotes?: string[];
  /** Facts a correct answer contains: `a|b|c` alternatives (accent/case-insensitive) or `/regex/`. */
  keyFacts: string[];
  mustAbstain?: boolean;
  /** Strings (alternatives with `|`, or `/regex/`) that must not appear in the answer, e.g. an injection's payload. */
  mustNotContain?: string[];
}

export interface Suite {
  path: string;
  items: EvalItem[];
}

/**
 * Loads a suite from a `.jsonl` or `.csv` file and validates every item (throws listing all problems).
 * @example
 * const suite = await loadSuite('evals/suites/core.jsonl');
 * suite.items.length; // 130
 */
export async function loadSuite(path: string): Promise<Suite> {
  const text = await readFile(path, 'utf8');
  const ext = extname(path).toLowerCase();
  const raw = ext === '.csv' || ext === '.tsv' ? csvToItems(text, ext === '.tsv' ? '\t' : 'auto') : jsonlToItems(text);
  return { path, items: validateItems(raw) };
}

/**
 * Parses JSONL text (one JSON object a line; blank lines and lines starting with `//` are skipped).
 * @example
 * jsonlToItems('{"id":"a"}\n\n{"id":"b"}').length // 2
 */
export function jsonlToItems(text: string): unknown[] {
  const out: unknown[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('//')) return;
    try {
      out.push(JSON.parse(t));
    } catch (e) {
      throw new Error(`JSONL line ${i + 1}: ${(e as Error).message}`);
    }
  });
  return out;
}

function listCell(cell: string | undefined): string[] {
  if (!cell || !cell.trim()) return [];
  const parts = /\r|\n/.test(cell) ? cell.split(/\r?\n|\r/) : cell.split(';');
  return parts.map((p) => p.trim()).filter(Boolean);
}

function historyCell(cell: string | undefined, row: number): EvalItem['history'] {
  if (!cell || !cell.trim()) return undefined;
  const t = cell.trim();
  if (t.startsWith('[')) {
    try {
      return JSON.parse(t) as EvalItem['history'];
    } catch (e) {
      throw new Error(`CSV row ${row}: history is not valid JSON (${(e as Error).message}).`);
    }
  }
  const turns: NonNullable<EvalItem['history']> = [];
  for (const line of t.split(/\r?\n|\r/)) {
    const m = /^\s*(user|assistant)\s*:\s*(.*)$/i.exec(line);
    if (m) turns.push({ role: m[1].toLowerCase() as 'user' | 'assistant', content: m[2] });
    else if (turns.length && line.trim()) turns[turns.length - 1].content += `\n${line}`;
    else if (line.trim()) throw new Error(`CSV row ${row}: history lines must start with "user:" or "assistant:".`);
  }
  return turns;
}

function boolCell(cell: string | undefined): boolean | undefined {
  const v = cell?.trim().toLowerCase();
  if (!v) return undefined;
  if (['1', 'true', 'yes', 'oui', 'y', 'x'].includes(v)) return true;
  if (['0', 'false', 'no', 'non', 'n'].includes(v)) return false;
  return undefined;
}

/**
 * Converts CSV rows (header row first) into raw suite items. Columns, case-insensitive:
 * `id`, `language`, `type`, `question`, `history`, `referenceAnswer`, `gold`, `goldQuotes`, `keyFacts`,
 * `mustAbstain`, `mustNotContain`. `gold` holds `documentId#label` references; list cells hold one value a line,
 * or values separated by `;` when the cell has no line break.
 * @example
 * csvToItems('id,language,type,question,gold,keyFacts\nq1,fr,single-fact,Quand ?,osce-bucharest-plan-2001#5,2002')[0]
 */
export function csvToItems(text: string, delimiter: ',' | ';' | '\t' | 'auto' = 'auto'): unknown[] {
  const records = parseCsvRecords(text, { delimiter });
  return records.map((rec0, n) => {
    const rec: Record<string, string> = {};
    for (const [k, v] of Object.entries(rec0)) rec[k.toLowerCase().replace(/[\s_-]/g, '')] = v;
    const row = n + 2;
    const gold = listCell(rec.gold)
      .flatMap((g) => g.split(/\s+/))
      .filter(Boolean)
      .map((g) => {
        const m = /^([^#]+)#(.+)$/.exec(g);
        if (!m) throw new Error(`CSV row ${row}: gold reference "${g}" must look like documentId#label.`);
        return { documentId: m[1], paragraph: m[2] };
      });
    const goldQuotes = listCell(rec.goldquotes);
    const item: Record<string, unknown> = {
      id: rec.id?.trim() || `row-${row}`,
      language: rec.language?.trim().toLowerCase(),
      type: rec.type?.trim() || 'single-fact',
      question: rec.question ?? '',
      referenceAnswer: rec.referenceanswer ?? '',
      gold,
      keyFacts: listCell(rec.keyfacts),
    };
    const history = historyCell(rec.history, row);
    if (history) item.history = history;
    if (goldQuotes.length) item.goldQuotes = goldQuotes;
    const abstain = boolCell(rec.mustabstain);
    if (abstain !== undefined) item.mustAbstain = abstain;
    const notContain = listCell(rec.mustnotcontain);
    if (notContain.length) item.mustNotContain = notContain;
    return item;
  });
}

/**
 * Validates raw items against the suite schema; throws one error listing every problem.
 * @example
 * validateItems([{ id: 'q', language: 'fr', type: 'single-fact', question: 'Q ?', referenceAnswer: '', gold: [], keyFacts: [] }]);
 */
export function validateItems(raw: unknown[]): EvalItem[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const items: EvalItem[] = [];
  raw.forEach((r, i) => {
    const where = `item ${i + 1}`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      problems.push(`${where}: not an object`);
      return;
    }
    const o = r as Record<string, unknown>;
    const id = typeof o.id === 'string' && o.id.trim() ? o.id : `#${i + 1}`;
    const p = (msg: string) => problems.push(`${id}: ${msg}`);
    if (typeof o.id !== 'string' || !o.id.trim()) p('id must be a non-empty string');
    else if (ids.has(o.id)) p('duplicate id');
    else ids.add(o.id);
    if (o.language !== 'fr' && o.language !== 'en') p(`language must be "fr" or "en" (got ${JSON.stringify(o.language)})`);
    if (!QUESTION_TYPES.includes(o.type as QuestionType)) p(`type must be one of ${QUESTION_TYPES.join(', ')} (got ${JSON.stringify(o.type)})`);
    if (typeof o.question !== 'string' || !o.question.trim()) p('question must be a non-empty string');
    if (o.referenceAnswer !== undefined && typeof o.referenceAnswer !== 'string') p('referenceAnswer must be a string');
    const gold = Array.isArray(o.gold) ? o.gold : null;
    if (!gold) p('gold must be an array');
    else
      gold.forEach((g, j) => {
        const gg = g as Record<string, unknown>;
        if (typeof gg?.documentId !== 'string' || typeof gg?.paragraph !== 'string' || !gg.documentId || !gg.paragraph) p(`gold[${j}] must be { documentId, paragraph } strings`);
      });
    if (o.goldQuotes !== undefined) {
      if (!Array.isArray(o.goldQuotes) || o.goldQuotes.some((q) => typeof q !== 'string' || !q.trim())) p('goldQuotes must be an array of non-empty strings');
      else if (gold && o.goldQuotes.length !== gold.length) p(`goldQuotes has ${o.goldQuotes.length} entries but gold has ${gold.length}`);
    }
    if (!Array.isArray(o.keyFacts) || o.keyFacts.some((k) => typeof k !== 'string' || !k.trim())) p('keyFacts must be an array of non-empty strings');
    if (o.mustAbstain !== undefined && typeof o.mustAbstain !== 'boolean') p('mustAbstain must be a boolean');
    if (o.mustNotContain !== undefined && (!Array.isArray(o.mustNotContain) || o.mustNotContain.some((k) => typeof k !== 'string' || !k))) p('mustNotContain must be an array of strings');
    if (o.history !== undefined) {
      if (
        !Array.isArray(o.history) ||
        o.history.some(
          (t) => typeof t !== 'object' || t === null || !['user', 'assistant'].includes((t as { role?: unknown }).role as string) || typeof (t as { content?: unknown }).content !== 'string',
        )
      ) {
        p('history must be an array of { role: "user"|"assistant", content }');
      }
    }
    if (o.mustAbstain === true && gold && gold.length > 0) p('an item that must abstain has no gold paragraphs');
    if (o.mustAbstain !== true && o.type !== 'adversarial' && gold && gold.length === 0) p('an answerable item needs at least one gold paragraph');
    if (o.type === 'follow-up' && (!Array.isArray(o.history) || o.history.length === 0)) p('a follow-up item needs a history');
    items.push({ referenceAnswer: '', ...(o as object) } as EvalItem);
  });
  if (problems.length) throw new Error(`The suite has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  return items;
}
