/**
 * A reference "translator" for the eval: for the Canadian texts of evals/documents/, which Parliament enacted in
 * two equally authoritative versions (English and French, same unit numbers), it returns the official other-language
 * version of the same unit — a real translation by the legislator, not a machine translation. It gives an upper bound
 * on what a perfect translator would let an answer show, on those documents only; any other sentence gets no
 * translation (an empty string, so answers fall back to glosses there).
 */
import path from 'node:path';
import { loadFile } from '../../ingest/loaders/index.js';
import { segmentDocument } from '../../ingest/segment.js';
import type { Config } from '../../server/config.js';
import { splitSentences } from '../../server/text/sentences.js';
import type { Translator } from '../../server/translate/translator.js';
import type { Lang, Paragraph } from '../../server/types.js';

/** The parallel official versions in evals/documents/ (file names). */
export const CANADIAN_PARALLEL_TEXTS: ReadonlyArray<{ en: string; fr: string }> = [
  { en: 'ca-criminal-code-part-ii1-terrorism.md', fr: 'ca-code-criminel-partie-ii1-terrorisme.txt' },
  { en: 'ca-secure-air-travel-act.md', fr: 'ca-loi-surete-deplacements-aeriens.html' },
];

export const PARALLEL_TRANSLATOR_ID = 'official-parallel-text (Canadian EN/FR versions; reference upper bound, not machine translation)';

/** The marker a line of a statute opens with, as a key both versions share: "(1)", "(1.1)", "(a)"/"a)", "(i)". */
const marker = (line: string): string | null => /^(?:-\s*)?\(?(\d+(?:\.\d+)?|[a-z]{1,4}(?:\.\d+)?)\)\s/.exec(line)?.[1] ?? null;

/** Lines grouped into chunks that each open with a marked line (unmarked lines join the chunk before them). */
function chunks(text: string): Array<{ key: string | null; text: string }> {
  const out: Array<{ key: string | null; text: string }> = [];
  for (const line of text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const key = marker(line);
    if (key !== null || !out.length) out.push({ key, text: line });
    else out[out.length - 1].text += `\n${line}`;
  }
  return out;
}

/**
 * Pieces of two versions of one unit that correspond one to one: chunks of subsections and paragraphs when both
 * versions have the same markers in the same order, else sentences when both have as many, else the whole unit.
 */
function alignedPieces(a: string, b: string): Array<[string, string]> {
  const [x, y] = [chunks(a), chunks(b)];
  if (x.length > 1 && x.length === y.length && x.every((c, i) => c.key === y[i].key)) return x.map((c, i) => [c.text, y[i].text]);
  const [sx, sy] = [splitSentences(a), splitSentences(b)];
  if (sx.length === sy.length) return sx.map((s, i) => [s, sy[i]]);
  return anchoredPieces(x, y);
}

/**
 * When the markers differ somewhere, the markers found exactly once in each version, in the same order, are anchors;
 * the chunks from one anchor to the next correspond (the whole unit when there is no anchor).
 */
function anchoredPieces(x: ReturnType<typeof chunks>, y: ReturnType<typeof chunks>): Array<[string, string]> {
  const once = (cs: ReturnType<typeof chunks>, k: string | null) => k !== null && cs.filter((c) => c.key === k).length === 1;
  const anchors: Array<[number, number]> = [[0, 0]];
  x.forEach((c, i) => {
    const j = y.findIndex((d) => d.key === c.key);
    if (i > 0 && once(x, c.key) && once(y, c.key) && j > anchors[anchors.length - 1][1]) anchors.push([i, j]);
  });
  anchors.push([x.length, y.length]);
  const join = (cs: ReturnType<typeof chunks>) => cs.map((c) => c.text).join('\n');
  return anchors.slice(1).map(([i, j], k) => [join(x.slice(anchors[k][0], i)), join(y.slice(anchors[k][1], j))]);
}

/** Maps each sentence of `source` (as `splitSentences` cuts it) to the target pieces it overlaps, joined. */
function sentenceMap(source: string, target: string, out: Map<string, string>): void {
  const pieces = alignedPieces(source, target);
  // A piece runs from where its first line starts in the source to where the next piece starts (pieces are joined
  // lines, so their own text need not occur verbatim: blank lines between them are gone).
  let from = 0;
  const starts = pieces.map(([s]) => {
    const at = source.indexOf(s.split('\n')[0], from);
    from = at < 0 ? from : at + 1;
    return at < 0 ? -1 : at;
  });
  const spans = pieces.flatMap(([, t], i) => {
    if (starts[i] < 0) return [];
    const next = starts.slice(i + 1).find((x) => x >= 0);
    return [{ start: starts[i], end: next ?? source.length, t }];
  });
  let cursor = 0;
  for (const sentence of splitSentences(source)) {
    const start = source.indexOf(sentence, cursor);
    if (start < 0) continue;
    cursor = start + sentence.length;
    const parts = spans.filter((p) => p.start < start + sentence.length && p.end > start).map((p) => p.t);
    if (parts.length && !out.has(sentence)) out.set(sentence, parts.join(' '));
  }
}

/**
 * @example
 * const t = await ParallelTextTranslator.load('evals/documents', config);
 * await t.translate(['(1) Subject to any regulations made under this Act, …'], 'en', 'fr'); // the official French
 */
export class ParallelTextTranslator implements Translator {
  readonly id = PARALLEL_TRANSLATOR_ID;

  constructor(private readonly maps: Record<Lang, Map<string, string>>) {}

  /** Segments both versions of each pair as ingest does and aligns them unit by unit (same labels). */
  static async load(documentsDir: string, config: Config): Promise<ParallelTextTranslator> {
    const maps: Record<Lang, Map<string, string>> = { en: new Map(), fr: new Map() };
    const units = async (file: string, language: Lang): Promise<Paragraph[]> => segmentDocument(file, (await loadFile(path.join(documentsDir, file), config.ingest)).text, { language }).paragraphs;
    for (const pair of CANADIAN_PARALLEL_TEXTS) {
      const [en, fr] = [await units(pair.en, 'en'), await units(pair.fr, 'fr')];
      const frByLabel = new Map(fr.map((p) => [p.label, p]));
      for (const p of en) {
        const q = frByLabel.get(p.label);
        if (!q) continue;
        sentenceMap(p.text, q.text, maps.en);
        sentenceMap(q.text, p.text, maps.fr);
      }
    }
    return new ParallelTextTranslator(maps);
  }

  /** How many source sentences of each language have an official counterpart. */
  get coverage(): Record<Lang, number> {
    return { en: this.maps.en.size, fr: this.maps.fr.size };
  }

  async translate(texts: string[], from: Lang, to: Lang): Promise<string[]> {
    return texts.map((t) => (from === to ? t : (this.maps[from].get(t) ?? '')));
  }
}
