import { describe, expect, it } from 'vitest';
import type { DocumentMeta, Paragraph } from '../types.js';
import { corpusMetaProblem, decodeCorpus, encodeCorpus } from './corpus-files.js';

const documents: DocumentMeta[] = [
  { id: 'a', title: 'A', shortTitle: 'A', organisation: 'O', date: '2001', language: 'fr', source: 's', numbering: 'numbered', paragraphCount: 2 },
  { id: 'b', title: 'B', shortTitle: 'B', organisation: 'O', date: '2002', language: 'en', source: 's', numbering: 'sequential', paragraphCount: 1 },
];
const paragraphs: Paragraph[] = [
  { documentId: 'a', label: '1', index: 0, text: 'Les États « s’engagent » — 𝔘nicode.', section: 'I. Titre', kind: 'numbered', unit: 'article', eId: 'art_1', title: 'Objet' },
  {
    documentId: 'a',
    label: '2',
    index: 1,
    text: 'a) premier ; b) second',
    section: 'I. Titre',
    kind: 'numbered',
    items: [{ path: ['a)'], eId: 'art_2__point_a', start: 0, end: 12 }],
    translation: { lang: 'en', translator: 'fake', sentences: ['a) first; b) second'] },
  },
  { documentId: 'b', label: '1', index: 0, text: 'Plain.', kind: 'sequential' },
];

const roundTrip = (ps: Paragraph[]) => {
  const { meta, bodies, bodyBytes } = encodeCorpus(documents, ps);
  const bytes = new Uint8Array(Buffer.concat(bodies));
  expect(bytes.byteLength).toBe(bodyBytes);
  return { meta, bytes };
};

describe('corpus files', () => {
  it('round-trips paragraphs with the same fields, values and key order (JSON identical)', () => {
    const { meta, bytes } = roundTrip(paragraphs);
    expect(corpusMetaProblem(meta, { documents: 2, paragraphs: 3 }, bytes.byteLength)).toBeNull();
    const corpus = decodeCorpus(meta, bytes);
    expect(JSON.stringify(corpus)).toBe(JSON.stringify({ documents, paragraphs }));
    expect(corpus.paragraphs.map((p) => ({ ...p }))).toEqual(paragraphs);
    expect(Object.keys(corpus.paragraphs[1])).toEqual(Object.keys(paragraphs[1]));
    expect(Object.getOwnPropertySymbols({ ...corpus.paragraphs[1] })).toEqual([]);
  });

  it('decodes a body only when read, verifying its byte range first, once', () => {
    const { meta, bytes } = roundTrip(paragraphs);
    const ranges: Array<[number, number]> = [];
    const corpus = decodeCorpus(meta, bytes, (s, e) => ranges.push([s, e]));
    expect(corpus.paragraphs[2].label).toBe('1');
    expect(ranges).toEqual([]);
    expect(corpus.paragraphs[2].text).toBe('Plain.');
    expect(corpus.paragraphs[2].text).toBe('Plain.');
    expect(ranges).toEqual([[meta.offsets[2], meta.offsets[3]]]);
  });

  it('refuses metadata that does not match the manifest or the bodies', () => {
    const { meta, bytes } = roundTrip(paragraphs);
    expect(corpusMetaProblem(meta, { documents: 2, paragraphs: 4 }, bytes.byteLength)).toMatch(/3 paragraphs, the manifest says 4/);
    expect(corpusMetaProblem(meta, { documents: 2, paragraphs: 3 }, bytes.byteLength - 1)).toMatch(/body offsets/);
    expect(corpusMetaProblem({ ...meta, plain: { ...meta.plain, label: meta.plain.label.slice(1) } }, { documents: 2, paragraphs: 3 }, bytes.byteLength)).toMatch(/3 entries/);
    const withoutB = roundTrip(paragraphs.slice(0, 2));
    expect(corpusMetaProblem(withoutB.meta, { documents: 2, paragraphs: 2 }, withoutB.bytes.byteLength)).toMatch(/"b" has an empty paragraph list/);
  });

  it('a body that is not valid JSON fails with index_corrupt when read', () => {
    const { meta, bytes } = roundTrip(paragraphs);
    bytes[meta.offsets[2]] = 0x7b + 1;
    const corpus = decodeCorpus(meta, bytes);
    expect(() => corpus.paragraphs[2].text).toThrow(/corpus-bodies\.bin: the body of paragraph 2/);
  });
});
