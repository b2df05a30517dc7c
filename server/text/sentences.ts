/** Sentence splitting for French and English legal text. Web-standard. */

/** The bullet that opens a list item's line ("• ", "- ", "– "), shared by the segmenter and the answerer. */
export const LIST_BULLET = /^(?:[•▪◦‣∙·*]|[-–—](?=\s))\s*/;

const ABBREVIATIONS = /(?:\b(?:M|Mme|Mmes|MM|Mlle|Dr|Pr|St|No|N°|n°|p|pp|art|al|cf|etc|ex|env|vol|chap|Ser|Inc|Ltd|Co|vs|e\.g|i\.e|Mr|Mrs|Ms)|\b[A-Z])\.$/;

/**
 * Splits a paragraph into sentences; list items and " ; " clauses of long enumerations become their own units.
 * @example
 * splitSentences('Il offrira une assistance. Le Forum examinera les moyens.') // two sentences
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\n+/)) {
    const b = block.trim();
    if (!b) continue;
    let start = 0;
    const re = /[.!?…](?:\s*[»”"])?(?=\s+[«"“(\-–]?\s*[\p{Lu}\d])/gu;
    let m: RegExpExecArray | null;
    while ((m = re.exec(b))) {
      const end = m.index + m[0].length;
      const candidate = b.slice(start, end);
      if (ABBREVIATIONS.test(candidate.slice(0, m.index - start + 1).trimEnd())) continue;
      out.push(candidate.trim());
      start = end;
    }
    const rest = b.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out.flatMap((s) => (s.length > 400 ? s.split(/(?<=\s;)\s+/).map((x) => x.trim()) : [s])).filter((s) => s.length > 1);
}
