import { describe, expect, it } from 'vitest';
import { terms } from '../text/analyzer.js';
import type { Paragraph } from '../types.js';
import { glossLine, machineTranslation } from './extractive-answerer.js';

const g = (source: string, fr: string) => ({ source, terms: terms(fr, 'fr') });

describe('glossLine', () => {
  it('glosses the quoted words the question was expanded to, adjacent words of one concept together', () => {
    const line = glossLine(
      [{ text: 'Ils veilleront que l’asile ne soit pas accordé, dans le cadre des Nations Unies.', lang: 'fr' }],
      [g('asylum', 'asile'), g('granted', 'accordé'), g('UN', 'Nations Unies')],
      'en',
    );
    expect(line).toBe('Key terms of the quoted French text (glosses from the term base and dictionary, not a translation): asile → asylum; accordé → granted; nations unies → UN.');
  });

  it('says nothing when no quoted word answers the question, and glosses English texts for French readers', () => {
    expect(glossLine([{ text: 'Rien à voir.', lang: 'fr' }], [g('asylum', 'asile')], 'en')).toBe('');
    const fr = glossLine([{ text: 'Banks must screen transfers.', lang: 'en' }], [{ source: 'banques', terms: terms('banks', 'en') }], 'fr');
    expect(fr).toBe('Termes clés du texte anglais cité (gloses du lexique et du dictionnaire, pas une traduction) : banks → banques.');
  });
});

describe('gloss sense choice', () => {
  it('glosses a quoted word by the question word rendering it with the highest weight', () => {
    const quotes = [{ text: 'Il peut établir une liste.', lang: 'fr' as const }];
    const glosses = [
      { source: 'boarding', terms: ['abord', 'etabl'], weights: [0.46, 0.27] },
      { source: 'establish', terms: ['etabl'], weights: [1] },
    ];
    expect(glossLine(quotes, glosses, 'en')).toContain('établir → establish');
    expect(glossLine(quotes, [glosses[0]], 'en')).toContain('établir → boarding');
  });
});

describe('machineTranslation', () => {
  const p = {
    text: 'Première phrase. Deuxième phrase. Troisième phrase.',
    translation: { lang: 'en', translator: 't', sentences: ['First and second.', 'First and second.', ''] },
  } as unknown as Paragraph;

  it('shows a translation shared by consecutive quoted sentences once', () => {
    expect(machineTranslation(p, ['Première phrase.', 'Deuxième phrase.'], 'en')).toBe('\nMachine translation (t; not authoritative, the original above is): “First and second.”');
  });

  it('shows a piece once even when the sentences sharing it are not consecutive', () => {
    const q = { text: 'Un. Deux. Trois.', translation: { lang: 'en', translator: 't', sentences: ['One and three.', 'Two.', 'One and three.'] } } as unknown as Paragraph;
    expect(machineTranslation(q, ['Un.', 'Deux.', 'Trois.'], 'en')).toBe('\nMachine translation (t; not authoritative, the original above is): “One and three. … Two.”');
  });

  it('translates a quoted block (a lead-in with its items) sentence by sentence', () => {
    const list = {
      text: 'Peuvent assister :\n- a) le ministre;\n- b) la police.',
      translation: { lang: 'en', translator: 't', sentences: ['May assist:', '- (a) the Minister;', '- (b) the police.'] },
    } as unknown as Paragraph;
    expect(machineTranslation(list, ['Peuvent assister :\n- a) le ministre;\n- b) la police.'], 'en')).toContain('“May assist: … - (a) the Minister; … - (b) the police.”');
  });

  it('shows nothing for a sentence the translator left empty (the answer glosses it instead)', () => {
    expect(machineTranslation(p, ['Troisième phrase.'], 'en')).toBe('');
  });
});
