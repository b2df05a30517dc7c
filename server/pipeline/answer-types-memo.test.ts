import { describe, expect, it } from 'vitest';
import { checkedAnswerTypesOf } from './answer-types-memo.js';
import { checkedAnswerTypes } from './request-type.js';

describe('checkedAnswerTypesOf', () => {
  it('reads as checkedAnswerTypes does, a fresh list each call', () => {
    const q = 'Combien d’États l’ont ratifiée, et quand la France l’a-t-elle fait ?';
    const a = checkedAnswerTypesOf(q, 'date');
    expect(a).toEqual(checkedAnswerTypes(q, 'date'));
    a.push('penalty');
    expect(checkedAnswerTypesOf(q, 'date')).toEqual(checkedAnswerTypes(q, 'date'));
    expect(checkedAnswerTypesOf(q, undefined)).toEqual(checkedAnswerTypes(q, undefined));
  });
});
