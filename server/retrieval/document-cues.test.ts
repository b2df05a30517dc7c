import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../types.js';
import { terms } from '../text/analyzer.js';
import { DocumentCues } from './document-cues.js';

const doc = (id: string, title: string, shortTitle: string, language: 'fr' | 'en' = 'en') => ({ id, title, shortTitle, language }) as unknown as DocumentMeta;
const DOCS = [
  doc('coe', 'Council of Europe Convention on the Prevention of Terrorism (CETS No. 196)', 'CoE Convention (Warsaw, 2005)'),
  doc('ftc', 'International Convention for the Suppression of the Financing of Terrorism', 'Terrorist Financing Convention (1999)'),
];
const COMMON = new Set(terms('terrorism convention prevention', 'en'));
const common = (t: string) => COMMON.has(t);

describe('DocumentCues titles', () => {
  it('a question holding the distinctive words of a whole title names that document', () => {
    const cues = new DocumentCues(DOCS, common);
    expect(cues.titled(new Set(terms('the Council of Europe Convention on the Prevention of Terrorism', 'en')))).toEqual(['coe']);
    expect(cues.titled(new Set(['council']))).toEqual([]);
    const topic = new Set(terms('How is terrorist financing punished?', 'en'));
    expect(cues.titled(topic, new Set())).toEqual([]);
    expect(cues.titled(topic, new Set(terms('Terrorist Financing', 'en')))).toEqual(['ftc']);
  });

  it('reads the name terms only when a whole title is among the question terms, and only title terms matter', () => {
    const cues = new DocumentCues(DOCS, common);
    let calls = 0;
    const names = () => {
      calls++;
      return new Set(terms('Terrorist Financing', 'en'));
    };
    expect(cues.titled(new Set(['council']), names)).toEqual([]);
    expect(calls).toBe(0);
    const topic = new Set(terms('How is terrorist financing punished?', 'en'));
    expect(cues.titled(topic, names)).toEqual(['ftc']);
    expect(calls).toBe(1);
    expect([...topic].filter((t) => cues.titleVocabulary.has(t)).sort()).toEqual([...terms('terrorist financing', 'en')].sort());
  });

  it('a question matching the titles of two documents names neither', () => {
    const cues = new DocumentCues([...DOCS, doc('coe2', 'Council of Europe Convention on Cybercrime', 'Budapest Convention')], common);
    expect(cues.titled(new Set(terms('Council of Europe conventions on cybercrime and on the prevention of terrorism', 'en')))).toEqual([]);
  });

  it('tells whether words belong to a title of the document (words that only name it)', () => {
    const cues = new DocumentCues(DOCS, common);
    expect(cues.inTitle('Council of Europe', 'coe')).toBe(true);
    expect(cues.inTitle('victims', 'coe')).toBe(false);
    expect(cues.hasTitleTerm('council', 'coe')).toBe(true);
  });
});

describe('DocumentCues matches', () => {
  const video = doc('csi-video', 'Code de la sécurité intérieure, titre V : Vidéoprotection', 'CSI (vidéoprotection)', 'fr');
  const used = new Map([[terms('vidéoprotection', 'fr')[0], new Set(['csi-video', 'csi-terror'])]]);
  const usedBy = (t: string) => used.get(t) ?? new Set<string>();

  it('a lower-case word other texts use names its document once, whatever its stem in the other analyser', () => {
    const cues = new DocumentCues([video, doc('csi-terror', 'Code de la sécurité intérieure, titre II', 'CSI (terrorisme)', 'fr')], () => false, usedBy);
    expect(terms('vidéoprotection', 'en')[0]).not.toBe(terms('vidéoprotection', 'fr')[0]);
    expect(cues.match('Quelle amende pour un système de vidéoprotection ?')).toEqual([{ documentId: 'csi-video', score: 0.5 }]);
  });
});

describe('DocumentCues years', () => {
  it('a year names the document of that year, not one whose title cites an amendment of that year', () => {
    const dated = (d: DocumentMeta, date: string) => ({ ...d, date }) as DocumentMeta;
    const docs = [
      dated(DOCS[0], '2005-05-16'),
      dated(DOCS[1], '1999-12-09'),
      dated(doc('sua', 'Convention for the Suppression of Unlawful Acts (Rome 1988, as amended by the Protocol of 2005)', 'SUA Convention (1988, 2005)'), '1988-03-10'),
    ];
    const cues = new DocumentCues(docs, common);
    expect(cues.match('the 2005 convention').map((m) => m.documentId)).toEqual(['coe']);
    expect(cues.match('the 1988 convention').map((m) => m.documentId)).toEqual(['sua']);
  });
});
