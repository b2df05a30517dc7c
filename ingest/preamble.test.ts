import { describe, expect, it } from 'vitest';
import { splitPreambleClauses } from './preamble.js';

const CONVENTION =
  'The States Parties to this Convention, Bearing in mind the purposes and principles of the Charter of the United Nations concerning the maintenance of international peace, ' +
  'Deeply concerned about the worldwide escalation of acts of terrorism in all its forms and manifestations, ' +
  'Recalling the Declaration on Measures to Eliminate International Terrorism, ' +
  'Recalling General Assembly resolution 51/210 of 17 December 1996, in which the Assembly called upon all States to take steps, ' +
  'Considering that the financing of terrorism is a matter of grave concern to the international community as a whole, Have agreed as follows:';

describe('splitPreambleClauses', () => {
  it('cuts a one-paragraph preamble at the openers the paragraph attests, lead-in and closing formula kept', () => {
    expect(splitPreambleClauses(CONVENTION)).toEqual([
      'The States Parties to this Convention, Bearing in mind the purposes and principles of the Charter of the United Nations concerning the maintenance of international peace,',
      'Deeply concerned about the worldwide escalation of acts of terrorism in all its forms and manifestations,',
      'Recalling the Declaration on Measures to Eliminate International Terrorism,',
      'Recalling General Assembly resolution 51/210 of 17 December 1996, in which the Assembly called upon all States to take steps,',
      'Considering that the financing of terrorism is a matter of grave concern to the international community as a whole, Have agreed as follows:',
    ]);
  });

  it('reads French and capitalised openers', () => {
    const fr =
      'Les États membres du Conseil de l’Europe, signataires de la présente Convention, Considérant que le but du Conseil de l’Europe est de réaliser une union plus étroite entre ses membres ; ' +
      'Reconnaissant l’importance de renforcer la coopération avec les autres Parties à la présente Convention ; ' +
      'Désireux de prendre des mesures efficaces pour prévenir le terrorisme ; RAPPELANT que les actes de terrorisme ont pour but par leur nature ou leur contexte d’intimider gravement une population ; Sont convenus de ce qui suit :';
    const clauses = splitPreambleClauses(fr);
    expect(clauses.map((c) => c.split(' ')[0])).toEqual(['Les', 'Reconnaissant', 'Désireux', 'RAPPELANT']);
  });

  it('leaves ordinary prose and short preambles whole', () => {
    const prose = 'The Minister may, after consulting the Commissioner, designate a person. '.repeat(6) + 'Noting, however, the report, the Minister, Acting alone, may decide.';
    expect(splitPreambleClauses(prose)).toEqual([prose]);
    expect(splitPreambleClauses('The States Parties, Recalling the Charter, Noting the Declaration, Have agreed as follows:')).toHaveLength(1);
  });
});
