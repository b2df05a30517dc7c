import { describe, expect, it } from 'vitest';
import { terms } from '../text/analyzer.js';
import type { DocumentMeta, Paragraph } from '../types.js';
import type { AnswerInput } from './answerer.js';
import { ExtractiveAnswerer } from './extractive-answerer.js';

const document = {
  id: 'alpha',
  title: 'Alpha Act',
  shortTitle: 'Alpha Act',
  organisation: 'Parliament',
  date: '2020',
  language: 'en',
  source: 'test',
  numbering: 'numbered',
  unit: 'section',
  paragraphCount: 1,
} as DocumentMeta;
const paragraph = (text: string) => ({ documentId: 'alpha', label: '7', index: 0, text, kind: 'numbered', unit: 'section' }) as Paragraph;

async function quote(text: string, question: string, expects?: AnswerInput['expects'], concepts?: string[][]): Promise<string> {
  const r = await new ExtractiveAnswerer().answer({
    question,
    language: 'en',
    history: [],
    passages: [{ paragraph: paragraph(text), document, score: 1 }],
    queryTerms: terms(question, 'en'),
    ...(expects ? { expects } : {}),
    ...(concepts ? { concepts } : {}),
  });
  return r.citations[0]?.quote ?? '';
}

const filler =
  'The representative of the State may ask a municipality to install video surveillance systems near vital installations for the prevention of acts of terrorism and for the protection of the approaches to them.';

describe('extractive quotes', () => {
  it('a duration asked for is quoted, even from a sentence that shares fewer words with the question', async () => {
    const text = `${filler} The municipal council shall deliberate on it within three months. The costs of running the system are set by an agreement between the State and the municipality concerned, which the council approves. Articles 3 and 5 apply to such systems, and to the recordings they make, under the conditions laid down by decree.`;
    const q = await quote(text, 'Can the State ask a municipality to install video surveillance for terrorism prevention, and how long does the municipal council have?', 'duration');
    expect(q).toContain('within three months');
  });

  it('a sentence that opens a list is quoted with its items', async () => {
    const text = `${filler} ${filler.replace('The representative', 'Another representative')} A motion to revoke an order, signed by\n- (a) not less than fifty members of the House of Commons, and\n- (b) not less than twenty senators,\nmay be filed with the Speaker. The motion is taken up within fifteen days.`;
    const q = await quote(text, 'How many members must sign a motion to revoke an order?');
    expect(q).toContain('fifty members');
    expect(q).toContain('twenty senators');
  });

  it('a second sentence brings a concept of the question the first lacks, before one that repeats it', async () => {
    const text = `The arbitration tribunal shall lay down its own procedure. ${filler} The procedure of the tribunal is published. The award of the tribunal shall be final. Costs are shared equally by the parties to the dispute, unless they agree otherwise in writing or in a later decision.`;
    const question = 'How does the arbitration tribunal set its procedure, and can its award be challenged?';
    const concepts = ['arbitration', 'tribunal', 'procedure', 'award'].map((w) => terms(w, 'en'));
    expect(await quote(text, question, undefined, concepts)).toContain('The award of the tribunal shall be final.');
  });
});
