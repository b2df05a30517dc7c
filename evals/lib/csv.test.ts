import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, parseCsvRecords } from './csv.js';

describe('parseCsv (RFC 4180)', () => {
  it('splits plain fields and CRLF / LF / CR rows', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,5,6\r7,8,9')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'id,question\r\nq1,"Que dit le § 5, alinéa 2 ?"\r\nq2,"Il a dit ""non""."\r\nq3,"ligne 1\r\nligne 2\nligne 3"\r\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'question'],
      ['q1', 'Que dit le § 5, alinéa 2 ?'],
      ['q2', 'Il a dit "non".'],
      ['q3', 'ligne 1\r\nligne 2\nligne 3'],
    ]);
  });

  it('handles empty fields, an empty quoted last field and a BOM', () => {
    expect(parseCsv('\uFEFFa,,c\n,"",\n1,2,""')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
      ['1', '2', ''],
    ]);
  });

  it('ignores one trailing line break but keeps a trailing empty field', () => {
    expect(parseCsv('a,b\n1,\n')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });

  it('detects ";" separators written by spreadsheets in French locales', () => {
    expect(parseCsv('id;question\nq1;"a; b, c"')).toEqual([
      ['id', 'question'],
      ['q1', 'a; b, c'],
    ]);
    expect(parseCsv('a;b', { delimiter: ',' })).toEqual([['a;b']]);
  });

  it('rejects malformed quoting', () => {
    expect(() => parseCsv('a,"unterminated\n')).toThrow(/unterminated/);
    expect(() => parseCsv('a,b"c\n')).toThrow(/quote inside an unquoted field/);
    expect(() => parseCsv('a,"b"c\n')).toThrow(/after a closing quote/);
  });
});

describe('parseCsvRecords', () => {
  it('keys rows by header and skips blank lines', () => {
    expect(parseCsvRecords('id, question \nq1,"Quoi, donc ?"\n\nq2,Qui ?\n')).toEqual([
      { id: 'q1', question: 'Quoi, donc ?' },
      { id: 'q2', question: 'Qui ?' },
    ]);
  });

  it('rejects duplicate headers and rows longer than the header', () => {
    expect(() => parseCsvRecords('id,id\n1,2')).toThrow(/twice/);
    expect(() => parseCsvRecords('id\n1,2')).toThrow(/2 fields/);
  });
});

describe('csvField', () => {
  it('quotes only when needed and round-trips', () => {
    expect(csvField('plain')).toBe('plain');
    const tricky = 'a "b", c\nd';
    expect(parseCsv(`${csvField(tricky)},x`)).toEqual([[tricky, 'x']]);
  });
});
