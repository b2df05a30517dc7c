import { describe, expect, it } from 'vitest';
import { buildLexiconTable, parseCognateRules, vocabularyOf } from './lexicon-table.js';

const rules = parseCognateRules('# c\nity\tite\tx\nism\tisme\tx\nous\teux\tx\n', 'rules.tsv');

describe('lexicon table', () => {
  const vocab = vocabularyOf([
    { language: 'fr', texts: ["Le blanchiment d'argent et la sécurité des frontières.", 'Un régime dangereux.'] },
    { language: 'en', texts: ['Terrorist financing and border security.'] },
  ]);
  const pairs = [
    { fr: 'blanch argent', en: 'monei launder' },
    { fr: 'fronti', en: 'border' },
    { fr: 'limit', en: 'border' },
    { fr: 'bord', en: 'border' },
    { fr: 'financ', en: 'financ' },
    { fr: 'chat', en: 'cat' },
  ];
  const table = buildLexiconTable(pairs, rules, vocab);

  it('keeps a pair only when its target occurs in the indexed documents of the target language, with the source’s senses', () => {
    expect(table.dictionary.enFr['monei launder']).toEqual([['blanch argent'], 1]);
    expect(table.dictionary.enFr.border).toEqual([['fronti'], 3]);
    expect(table.dictionary.enFr.cat).toBeUndefined();
    expect(table.dictionary.frEn.fronti).toEqual([['border'], 1]);
    expect(table.dictionary.frEn.blanch).toBeUndefined();
  });

  it('derives cognates from indexed words by suffix rules, leaving out the ones the stems already join', () => {
    // security (en stem "secur") ↔ sécurité (indexed as "securit"); dangerous/dangereux share the stem "danger" already
    expect(table.cognates.enFr.secur).toEqual(['securit']);
    expect(table.cognates.enFr.danger).toBeUndefined();
  });

  it('names the file of a malformed rule', () => {
    expect(() => parseCognateRules('ity ite\n', 'r.tsv')).toThrow(/r\.tsv:1/);
  });
});

describe('derivation families', () => {
  it('renders a target also by the indexed stems of its family (prefix im-/em-, suffix -ure/-ment)', () => {
    const vocab = vocabularyOf([
      { language: 'fr', texts: ["Une peine d'emprisonnement."] },
      { language: 'en', texts: ['Liable to imprisonment; the goods are forfeited.', 'A prison.'] },
    ]);
    const table = buildLexiconTable(
      [
        { fr: 'prison', en: 'prison' },
        { fr: 'confisc', en: 'forfeitur' },
      ],
      [],
      vocab,
    );
    expect(table.dictionary.frEn.prison).toEqual([['imprison', 'prison'], 1]);
    expect(table.dictionary.frEn.confisc).toEqual([['forfeit'], 1]);
    expect(table.dictionary.enFr.prison).toEqual([['emprison'], 1]);
  });
});

describe('cognates spelled alike', () => {
  it('are kept for French questions when the two stemmers differ (extradition), not for English ones', async () => {
    const { buildLexiconTable, vocabularyOf } = await import('./lexicon-table.js');
    const vocab = vocabularyOf([
      { language: 'en', texts: ['extradition'] },
      { language: 'fr', texts: ['extradition'] },
    ]);
    const table = buildLexiconTable([], [{ en: 'tion', fr: 'tion' }], vocab);
    expect(table.cognates.frEn).toEqual({ extradit: ['extradi'] });
    expect(table.cognates.enFr).toEqual({});
  });
});
