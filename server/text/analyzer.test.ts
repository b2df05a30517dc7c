import { describe, expect, it } from 'vitest';
import { analyze, foldAccents, terms, words } from './analyzer.js';
import { Glossary } from './glossary.js';
import { detectLanguage } from './language.js';
import { splitSentences } from './sentences.js';

describe('French analysis', () => {
  it("normalises apostrophes and elisions the same way (’ and ')", () => {
    expect(words("l’OSCE d'ici qu’il s’engage")).toEqual(['osce', 'ici', 'il', 'engage']);
    expect(terms("l’engagement de l'OSCE")).toEqual(terms("l'engagement de l’OSCE"));
  });

  it('folds accents after stemming, so États and Etats match', () => {
    expect(terms('États')).toEqual(terms('Etats'));
    expect(terms('sécurité', 'fr', { accentVariants: true })).toContain(terms('securite')[0]);
    expect(foldAccents('œuvre')).toBe('oeuvre');
  });

  it('stems inflections and drops stop words', () => {
    expect(terms('les conventions')).toEqual(terms('la convention'));
    expect(terms('le financement du terrorisme')).toEqual(['financ', 'terror']);
  });

  it('keeps acronyms and numbers whole, splits and joins hyphenated words', () => {
    expect(terms('Le BIDDH et la résolution 1373 (2001)')).toEqual(['biddh', 'resolu', '1373', '2001']);
    expect(terms('anti-terroriste')).toEqual(['anti', 'terror', 'antiterror']);
    expect(terms('OSCE')).toEqual(['osce']);
    expect(analyze('Conseil permanent/BIDDH').map((t) => t.term)).toEqual(['conseil', 'permanent', 'biddh']);
  });
});

describe('word memo', () => {
  it('reads a word written like an acronym by the text around it, whatever was analysed before', () => {
    const shouted = 'LES ÉTATS ET LES INSTITUTIONS DU GAFI';
    expect(terms('Le GAFI et les États')).toContain('gafi');
    expect(terms(shouted)).toEqual(['etat', 'institu', 'gaf']);
    expect(terms('Le GAFI et les États')).toContain('gafi');
    expect(terms(shouted)).toEqual(['etat', 'institu', 'gaf']);
  });
});

describe('language detection', () => {
  it.each([
    ['By what date should OSCE States join the 12 UN conventions on terrorism?', 'en'],
    ["D'ici quand les États doivent-ils adhérer aux conventions ?", 'fr'],
    ['Que dit le paragraphe 24 ?', 'fr'],
    ['And which resolution does it refer to?', 'en'],
    ['Qui a coprésidé le dialogue ?', 'fr'],
  ] as const)('%s → %s', (q, lang) => {
    expect(detectLanguage(q)).toBe(lang);
  });
});

describe('glossary', () => {
  const g = new Glossary();
  it('maps English phrases to the French terms of the texts, longest match first', () => {
    const concepts = g.expand('How should states fight money laundering?');
    const laundering = concepts.find((c) => c.source === 'money laundering');
    expect(laundering?.terms.map((t) => t.term)).toContain('blanch');
  });
  it('gives French synonyms from the alternatives of an entry (adhérer → devenir parties)', () => {
    expect(g.frenchSynonyms(terms('adhérer')[0])).toEqual(expect.arrayContaining([terms('parties')[0], terms('devenir')[0]]));
  });

  it('counts the phrases expand finds', () => {
    for (const q of ['How should states fight money laundering?', 'What does ODIHR do?', 'Nothing here']) expect(g.entryCount(q)).toBe(g.expand(q).filter((c) => c.entry).length);
  });

  it('maps acronyms to their French forms', () => {
    const odihr = g.expand('What does ODIHR do?').find((c) => c.source === 'odihr');
    expect(odihr?.terms.map((t) => t.term)).toContain('biddh');
    const isil = g.expand('ISIL crimes in Iraq').find((c) => c.source === 'isil');
    expect(isil?.terms.map((t) => t.term)).toContain('eiil');
  });
});

describe('sentences', () => {
  it('splits on sentence ends but not on abbreviations, and keeps list items apart', () => {
    expect(splitSentences('Par M. Voronkov. Fin.')).toEqual(['Par M. Voronkov.', 'Fin.']);
    expect(splitSentences('Intro :\n- un\n- deux')).toEqual(['Intro :', '- un', '- deux']);
  });
});

describe('wordsPattern', () => {
  it('matches whole words next to accented letters, where \\b fails', async () => {
    const { wordsPattern } = await import('./analyzer.js');
    expect(wordsPattern('à ce jour|même').test('Qui préside, à ce jour ?')).toBe(true);
    expect(/\b(?:à ce jour)\b/iu.test('Qui préside, à ce jour ?')).toBe(false);
    expect(wordsPattern('même').test('mêmement')).toBe(false);
    expect(wordsPattern('it').test('item')).toBe(false);
  });
});
