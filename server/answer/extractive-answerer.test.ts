import { describe, expect, it } from 'vitest';
import { corpusApp } from '../../tests/helpers/corpus-app.js';
import { englishDates } from './extractive-answerer.js';

const { chat } = corpusApp();

describe('extractive answers', () => {
  it('quotes the supporting sentence, not the whole paragraph, and cites it', async () => {
    const r = await chat.ask({ question: 'Qui a coprésidé le troisième dialogue UE-Nations unies ?' });
    expect(r.abstained).toBe(false);
    expect(r.citations[0]).toMatchObject({ documentId: 'eu-un-dialogue-2020', paragraph: '5' });
    expect(r.citations[0].quote).toContain('coprésidé par Mme Joanneke Balfoort');
    expect(r.citations[0].text.length).toBeGreaterThan(r.citations[0].quote!.length - 1);
    expect(r.answer).toMatch(/« .*Balfoort.* » \[Dialogue UE-ONU 2020, §5\]/s);
  });

  it('frames English answers in English and quotes the French wording', async () => {
    const r = await chat.ask({ question: 'Who co-chaired the third EU-UN high-level dialogue?' });
    expect(r.language).toBe('en');
    expect(r.answer).toMatch(/^According to the EU-UN Dialogue 2020 \(§5\)/);
    expect(r.answer).toContain('[EU-UN Dialogue 2020, §5]');
    expect(r.answer).toContain('Voronkov');
  });

  it('every citation marker in the answer refers to a returned citation', async () => {
    for (const question of [
      'Quelles sont les mesures relatives aux victimes du terrorisme ?',
      'What must States do about refugee status and asylum?',
      'Que dit le paragraphe 8 du Plan de Bucarest ?',
    ]) {
      const r = await chat.ask({ question });
      const markers = [...r.answer.matchAll(/\[([^\]]+), §([^\]]+)\]/g)].map((m) => m[2]);
      expect(markers.length).toBeGreaterThan(0);
      expect(markers.sort()).toEqual(r.citations.map((c) => c.paragraph).sort());
    }
  });

  it('abstains on off-topic and out-of-corpus questions, in their language', async () => {
    for (const [question, lang] of [
      ['Quelle est la capitale de l’Australie ?', 'fr'],
      ['How many goals did Pelé score?', 'en'],
      ['What is the recipe for a chocolate cake?', 'en'],
    ] as const) {
      const r = await chat.ask({ question });
      expect(r).toMatchObject({ abstained: true, language: lang, citations: [] });
    }
  });

  it('translates French dates for English readers', () => {
    expect(englishDates('d’ici le 31 décembre 2002 et le 1er juin 2022')).toEqual(['31 December 2002', '1 June 2022']);
  });
});
