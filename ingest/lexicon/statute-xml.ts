/**
 * Reads one consolidated Act of the Justice Laws XML (github.com/justicecanada/laws-lois-xml, `eng/acts/X.xml` and
 * `fra/lois/X.xml`) into aligned units: the English and French versions share their numbering, so a unit's key is the
 * path of labels of its section, subsection, paragraph… (`83.01/(1)/(a)`), and its marginal note is `…#note`. A
 * definition is keyed by its English defined term (the two versions list definitions in different alphabetical orders)
 * and gives the pair of defined terms directly (`<DefinedTermEn>` / `<DefinedTermFr>`). Schedules, headings, historical
 * notes and footnotes are left out.
 */
import { Parser } from 'htmlparser2';

/** Elements that are numbered units of an Act. */
const UNITS = new Set(['Section', 'Subsection', 'Paragraph', 'Subparagraph', 'Clause', 'Subclause', 'Definition']);
/** Elements whose text is not the provision's wording. */
const SKIP = new Set(['HistoricalNote', 'Footnote', 'Schedule', 'Heading', 'ReaderNote', 'Note', 'AmendedText', 'RelatedOrNotInForce']);

/** A pair of defined terms as the Act states them, with the section that defines them. */
export interface DefinedPair {
  en: string;
  fr: string;
  section: string;
}

/** One language version of an Act: unit key → text, and its definitions. */
export interface StatuteVersion {
  units: Map<string, string>;
  definitions: DefinedPair[];
}

interface Frame {
  kind: string;
  label: string;
  text: string;
  note: string;
  /** The English defined terms of a definition (one element each); the first keys the definition. */
  definedEn: string[];
  /** The French defined terms of a definition (« biens » ou « propriété »: one element each). */
  definedFr: string[];
}

/** The key of the innermost unit: labels of the enclosing units, a definition by its English term. */
function keyOf(stack: Frame[]): string {
  return stack.map((f) => (f.kind === 'Definition' ? `def:${(f.definedEn[0] ?? '').trim().toLowerCase()}` : f.label.trim())).join('/');
}

/**
 * Units and definitions of one language version.
 * @example
 * readStatute('<Statute><Body><Section><Label>1</Label><Text>This Act…</Text></Section></Body></Statute>', 'en').units.get('1') // 'This Act…'
 */
export function readStatute(xml: string, lang: 'en' | 'fr'): StatuteVersion {
  const units = new Map<string, string>();
  const definitions: DefinedPair[] = [];
  const stack: Frame[] = [];
  const open: string[] = [];
  let skip = 0;
  const own = lang === 'en' ? 'DefinedTermFr' : 'DefinedTermEn';
  const parser = new Parser(
    {
      onopentag(name) {
        open.push(name);
        if (SKIP.has(name)) skip++;
        else if (!skip && UNITS.has(name)) stack.push({ kind: name, label: '', text: '', note: '', definedEn: [], definedFr: [] });
        if (name === 'DefinedTermFr' && !skip) stack.at(-1)?.definedFr.push('');
        if (name === 'DefinedTermEn' && !skip) stack.at(-1)?.definedEn.push('');
      },
      ontext(text) {
        const top = stack.at(-1);
        if (skip || !top) return;
        const el = open.at(-1);
        if (el === 'Label' && open.at(-2) === top.kind) top.label += text;
        else if (el === 'MarginalNote' || open.includes('MarginalNote')) top.note += text;
        else if (el === 'DefinedTermEn' || el === 'DefinedTermFr') {
          const list = el === 'DefinedTermEn' ? top.definedEn : top.definedFr;
          if (top.kind === 'Definition' && list.length) list[list.length - 1] += text;
          if (el !== own) top.text += text;
        } else if (open.includes('Text')) top.text += text;
      },
      onclosetag(name) {
        open.pop();
        if (SKIP.has(name)) skip--;
        else if (!skip && UNITS.has(name)) {
          const key = keyOf(stack);
          const frame = stack.pop()!;
          const text = frame.text.replace(/\s+/g, ' ').trim();
          if (text) units.set(key, text);
          if (frame.note.trim()) units.set(`${key}#note`, frame.note.replace(/\s+/g, ' ').trim());
          const section = stack.find((f) => f.kind === 'Section')?.label.trim() ?? '';
          if (frame.kind === 'Definition') for (const en of frame.definedEn) for (const fr of frame.definedFr) if (en.trim() && fr.trim()) definitions.push({ en: en.trim(), fr: fr.trim(), section });
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return { units, definitions };
}
