import { describe, expect, it } from 'vitest';
import { type AlignedUnit, DEFAULT_MINING, minePairs } from './mine-parallel.js';

/** Synthetic aligned units: "peace officer" ↔ « agent de la paix » and "warrant" ↔ « mandat » recur, the rest varies. */
function units(): AlignedUnit[] {
  const fillers = [
    ['ship', 'navire'],
    ['tax', 'impôt'],
    ['river', 'rivière'],
    ['bank', 'banque'],
    ['farm', 'ferme'],
    ['grain', 'grain'],
  ];
  const out: AlignedUnit[] = [];
  fillers.forEach(([e, f], i) => {
    out.push({ group: `A${i}`, source: `A s.${i}`, en: `A peace officer may inspect the ${e}.`, fr: `L’agent de la paix peut inspecter la ${f}.` });
    out.push({ group: 'B', source: `B s.${i}`, en: `A judge may issue a warrant for the ${e}.`, fr: `Le juge peut délivrer un mandat visant la ${f}.` });
  });
  return out;
}

describe('minePairs', () => {
  const pairs = minePairs(units(), { ...DEFAULT_MINING, minDf: 3, minCount: 3, minGroups: 1 });
  const of = (en: string) => pairs.filter((p) => p.en === en).map((p) => p.fr);

  it('pairs terms that co-occur across aligned units, phrases included, with the units that attest them', () => {
    expect(of('peac offic')).toContain('agent paix');
    expect(of('warrant')).toContain('mandat');
    expect(pairs.find((p) => p.en === 'warrant')).toMatchObject({ count: 6, dice: 1, groups: 1, sources: ['B s.0'] });
  });

  it('drops pairs attested in too few texts (one text’s boilerplate)', () => {
    const strict = minePairs(units(), { ...DEFAULT_MINING, minDf: 3, minCount: 3, minGroups: 2 });
    expect(strict.some((p) => p.en === 'warrant')).toBe(false);
    expect(strict.some((p) => p.en === 'peac offic')).toBe(true);
  });

  it('keeps no pair for words too rare to count, nor words spelled alike', () => {
    expect(of('ship')).toEqual([]);
    expect(pairs.some((p) => p.en === p.fr)).toBe(false);
  });

  it('links a word to its second partner when its best is spelled alike (the analyser joins those already)', () => {
    // « responsable » is "responsible" in most units and "liable" in the others: liable keeps its pair.
    const sense: AlignedUnit[] = [];
    const who = [
      ['minister', 'ministre'],
      ['board', 'conseil'],
      ['agency', 'agence'],
      ['carrier', 'transporteur'],
      ['tribunal', 'tribunal'],
      ['registrar', 'registraire'],
      ['owner', 'propriétaire'],
      ['operator', 'exploitant'],
      ['lender', 'prêteur'],
      ['insurer', 'assureur'],
    ];
    who.forEach(([en, fr], i) =>
      sense.push(
        i < 6
          ? { group: `R${i}`, source: `R s.${i}`, en: `The ${en} is responsible.`, fr: `Le ${fr} est responsable.` }
          : { group: `L${i}`, source: `L s.${i}`, en: `The ${en} is liable.`, fr: `Le ${fr} est responsable.` },
      ),
    );
    const options = { ...DEFAULT_MINING, minDf: 3, minCount: 3, minGroups: 1, maxStems: 1 };
    const liable = (o: typeof options) => minePairs(sense, o).some((p) => p.en === 'liabl' && p.fr === 'respons');
    expect(liable(options)).toBe(true);
    expect(liable({ ...options, distinctBest: false })).toBe(false);
  });
});
