import { describe, expect, it } from 'vitest';
import { checkKeyFacts, containsFolded, detectLanguage, fold, keyFactFound, stripQuoted } from './text.js';

describe('fold', () => {
  it('removes accents, case, ligatures and typographic apostrophes', () => {
    expect(fold('L’Équipe  spéciale\u00a0ŒUVRE – «\u202fici\u202f»')).toBe("l'equipe speciale oeuvre - « ici »");
  });
});

describe('key facts', () => {
  it('matches any alternative, accent- and case-insensitively', () => {
    expect(keyFactFound('2002|31 décembre 2002|December 31, 2002', 'avant le 31 DECEMBRE 2002')).toBe(true);
    expect(keyFactFound('31 décembre 2002|December 31, 2002', 'by December 31, 2002.')).toBe(true);
    expect(keyFactFound('31 décembre 2002|December 31, 2002', 'en 2003')).toBe(false);
    expect(keyFactFound("technologies de l'information", 'l’abus des technologies de l’information')).toBe(true);
  });

  it('treats /…/ as a regular expression on folded text', () => {
    expect(keyFactFound('/\\b1267\\b/', 'résolution 1267 (1999)')).toBe(true);
    expect(keyFactFound('/\\b1267\\b/', 'résolution 12670')).toBe(false);
    expect(keyFactFound('/societe civile/', 'la Société civile')).toBe(true);
  });

  it('lists found and missing facts', () => {
    expect(checkKeyFacts(['1269', '1373', 'REACT'], 'résolutions 1269 et 1373')).toEqual({ found: ['1269', '1373'], missing: ['REACT'] });
  });

  it('checks quote containment after folding', () => {
    expect(containsFolded('L’OSCE s’emploie\nà promouvoir', "l'osce s'emploie a promouvoir")).toBe(true);
  });
});

describe('detectLanguage', () => {
  it('ignores quoted French in an English answer', () => {
    expect(detectLanguage('The participating States undertake, according to paragraph 5, « à devenir parties aux conventions et protocoles dans les délais » by the end of 2002.')).toBe('en');
  });
  it('handles nested guillemets', () => {
    expect(
      detectLanguage(
        'According to the Bucharest Plan of Action (§31), the text states (French original): « Chaque organe établira une « feuille de route » pour l’exécution de ces tâches et notamment un calendrier, un état des incidences sur le plan des ressources. » [Bucharest Plan of Action, §31]',
      ),
    ).toBe('en');
    expect(stripQuoted('He said « une « feuille » claire » and “a” "b" c')).toBe('He said   and     c');
  });
  it('recognises French', () => {
    expect(detectLanguage('Selon le paragraphe 5, les États participants s’engagent à devenir parties aux conventions.')).toBe('fr');
  });
  it('abstains on too little text', () => {
    expect(detectLanguage('REACT [1]')).toBeNull();
  });
});
