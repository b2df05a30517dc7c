import { describe, expect, it } from 'vitest';
import { isListItem, quoteBlocks, withListContext } from './sentence-blocks.js';

const motion = [
  '(1) Every order shall be laid before each House of Parliament.',
  '(2) A motion to revoke the order, signed by',
  '- (a) not less than fifty members of the House of Commons; or',
  '- (b) not less than twenty senators,',
  '(3) The motion is taken up within fifteen days.',
];

describe('sentence blocks', () => {
  it('tells list items from subsections and sentences', () => {
    expect(isListItem('- (a) not less than fifty members')).toBe(true);
    expect(isListItem('a.any signature;')).toBe(true);
    expect(isListItem('1° les personnes morales ;')).toBe(true);
    expect(isListItem('(2) A motion to revoke the order, signed by')).toBe(false);
    expect(isListItem('The Minister may disclose it.')).toBe(false);
  });

  it('a sentence that opens a list brings its items; an item brings its lead-in', () => {
    expect(withListContext([1], motion, 600)).toEqual([1, 2, 3]);
    expect(withListContext([3], motion, 600)).toEqual([1, 3]);
    expect(withListContext([0, 4], motion, 600)).toEqual([0, 4]);
    expect(withListContext([3], motion, 600, true)).toEqual([1, 2, 3]);
  });

  it('items are cut at the character budget, the first one always kept', () => {
    expect(withListContext([1], motion, 10)).toEqual([1, 2]);
  });

  it('contiguous sentences form one block, items on their own lines', () => {
    expect(quoteBlocks([0, 1, 2, 4], motion)).toEqual([`${motion[0]} ${motion[1]}\n${motion[2]}`, motion[4]]);
  });
});
