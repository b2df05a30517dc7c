/**
 * Real public documents (evals/documents/, provenance in SOURCES.md): each is segmented into the document's own
 * units — counted by hand in documents.json (`ownUnits`) — with the first and last labels the document gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../ingest/loaders/index.js';
import { segmentDocument } from '../ingest/segment.js';
import { formatLocator, unitOf } from '../server/corpus/units.js';
import type { Lang, UnitKind } from '../server/types.js';

interface RealDocument {
  id: string;
  file: string;
  language: Lang;
  ownUnits: Array<{ kind: string; count: number; first: string; last: string }>;
}

const docs = JSON.parse(readFileSync('evals/documents/documents.json', 'utf8')) as RealDocument[];
const KIND: Record<string, UnitKind> = { 'preamble clause': 'preamble', paragraph: 'paragraph', article: 'article', section: 'section', recital: 'recital' };

describe.each(docs)('real document $id', (doc) => {
  it('has the document’s own units, counted by hand, first to last', async () => {
    const loaded = await loadFile(`evals/documents/${doc.file}`);
    const { paragraphs } = segmentDocument(doc.id, loaded.text, { language: doc.language });
    for (const own of doc.ownUnits) {
      const units = paragraphs.filter((p) => unitOf(p) === KIND[own.kind]);
      expect(units.length, `${own.kind} count`).toBe(own.count);
      expect(units[0].label.replace(/\s/g, '')).toBe(own.first.replace(/\s/g, ''));
      expect(units[units.length - 1].label.replace(/\s/g, '')).toBe(own.last.replace(/\s/g, ''));
    }
    expect(new Set(paragraphs.map((p) => p.eId)).size).toBe(paragraphs.length);
  });
});

describe('real documents: sub-addresses', () => {
  it('the US section cites its items as (a)(1)(A)', async () => {
    const loaded = await loadFile('evals/documents/us-usc-8-1189.txt');
    const [sec] = segmentDocument('us', loaded.text).paragraphs;
    const item = sec.items!.find((i) => i.path.join('') === '(a)(1)(B)')!;
    expect(item.eId).toBe('sec_1189__subsec_a__para_1__subpara_B');
    expect(formatLocator(sec, 'en', item.path)).toBe('§ 1189(a)(1)(B)');
  });

  it('the French code cites articles L221-1… with their 1° items', async () => {
    const loaded = await loadFile('evals/documents/fr-csi-lutte-contre-le-terrorisme.txt');
    const art = segmentDocument('csi', loaded.text).paragraphs.find((p) => p.label === 'L222-1')!;
    expect(art.items!.map((i) => i.path.join(', ')).slice(0, 3)).toEqual(['I', 'I, 1°', 'I, 2°']);
    expect(formatLocator(art, 'fr', ['I', '4°'])).toBe('art. L222-1, I, 4°');
  });
});

describe('real documents: one-paragraph preambles', () => {
  it.each([
    ['coe-prevention-terrorism-convention-2005.html', 9, /^The member States .* Considering that/, /Have agreed as follows:$/],
    ['un-financing-terrorism-convention-1999.md', 12, /^The States Parties to this Convention, Bearing in mind/, /Have agreed as follows:$/],
  ])('%s: one preamble unit per clause, counted by hand', async (file, clauses, first, last) => {
    const loaded = await loadFile(`evals/documents/${file}`);
    const preamble = segmentDocument('doc', loaded.text).paragraphs.filter((p) => unitOf(p) === 'preamble');
    expect(preamble.map((p) => p.label)).toEqual(Array.from({ length: clauses }, (_, i) => `P${i + 1}`));
    expect(preamble[0].text).toMatch(first);
    expect(preamble[preamble.length - 1].text).toMatch(last);
  });
});
