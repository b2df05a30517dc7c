import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { terms } from '../../server/text/analyzer.js';
import { LEXICON_DIR } from './index-lexicon.js';
import { deriveStemExceptions } from './stem-exceptions.js';

describe('French stem exceptions (Wiktionary lemmas that Snowball would merge)', () => {
  it('splits unrelated nouns of one short stem, keeps related ones and verbs with Snowball', () => {
    const csv = [
      'délai;S;TR-FR-EN;deadline;S;',
      'délit;S;TR-FR-EN;offence;S;',
      'données;S;TR-FR-EN;data;S;',
      'donner;V;TR-FR-EN;give;V;',
      'donne;S;TR-FR-EN;deal;S;',
      'stable;S;TR-FR-EN;stable;S;',
      'stabilité;S;TR-FR-EN;stability;S;',
    ].join('\n');
    expect(deriveStemExceptions(csv)).toEqual({ délai: 'delai', délais: 'delai', délit: 'delit', délits: 'delit', données: 'donnees' });
  });

  it('is what the analyser reads: distinct lemmas stay apart at index and query time, plurals with them', () => {
    const info = JSON.parse(readFileSync(`${LEXICON_DIR}french-stem-exceptions.json`, 'utf8')) as { words: number; stems: Record<string, string> };
    expect(Object.keys(info.stems)).toHaveLength(info.words);
    expect(terms('délai délais délit délits', 'fr')).toEqual(['delai', 'delai', 'delit', 'delit']);
    expect(terms('données donnée donner donne', 'fr')).toEqual(['donnee', 'donnee', 'don', 'don']);
    expect(terms('faîte faite', 'fr')).toEqual(['faite', 'fair']); // « faite » is a participle of « faire » (irregular-forms.json)
    expect(terms('frais', 'fr')).not.toEqual(terms('frai', 'fr'));
  });
});
