import { describe, expect, it } from 'vitest';
import { terms } from '../../server/text/analyzer.js';
import { deriveEnglishForms, deriveFrenchForms } from './irregular-forms.js';

const CSV = [
  'commettre;V;TR-FR-EN;commit;V;',
  'faire;V;TR-FR-EN;do;V;',
  'fait;S;TR-FR-EN;fact;S;',
  'produit intérieur brut;S;TR-FR-EN;gross domestic product;S;',
  'produire;V;TR-FR-EN;produce;V;',
  'fonder;V;TR-FR-EN;found;V;',
].join('\n');

describe('deriveFrenchForms', () => {
  it('maps past participles whose stem differs from the infinitive, not nouns nor verbs the dictionary lacks', () => {
    const table = {
      commettre: { W: ['commettre'], K: ['commis', 'commis', 'commise', 'commises'], P: ['commets', 'commets', 'commet'] },
      faire: { W: ['faire'], K: ['fait', 'fait', 'faite', 'faites'] },
      produire: { W: ['produire'], K: ['produit', 'produit', 'produite', 'produites'] },
      inconnu: { W: ['inconnu'], K: ['inconnue'] },
    };
    const forms = deriveFrenchForms(table, CSV);
    expect(forms.commise).toBe('commettre');
    expect(forms.commet).toBeUndefined();
    expect(forms.fait).toBeUndefined();
    expect(forms.produit).toBeUndefined();
    expect(forms.produite).toBe('produire');
    expect(forms.inconnue).toBeUndefined();
  });

  it('drops a form two verbs of different stems share', () => {
    const csv = 'suivre;V;TR-FR-EN;follow;V;\nêtre;V;TR-FR-EN;be;V;\n';
    expect(deriveFrenchForms({ suivre: { W: ['suivre'], K: ['suivi', 'suivi', 'suivie', 'suivies'] }, être: { W: ['être'], K: ['suivie'] } }, csv).suivie).toBeUndefined();
  });
});

describe('deriveEnglishForms', () => {
  it('maps irregular pasts and participles, not words of their own', () => {
    expect(deriveEnglishForms({ hold: [['held', 'held']], find: [['found', 'found']], keep: [['kept', 'kept']] }, CSV)).toEqual({ held: 'hold', kept: 'keep' });
  });
});

describe('the analyser reads the vendored table', () => {
  it('stems a participle as its infinitive', () => {
    expect(terms('commises', 'fr')).toEqual(terms('commettre', 'fr'));
    expect(terms('held', 'en')).toEqual(terms('hold', 'en'));
  });
});
