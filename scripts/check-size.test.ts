import { describe, expect, it } from 'vitest';
import { compareSizes, exceptions, type FileSize, MAX_FILE_LINES, MAX_FUNCTION_LINES, measureSource } from './check-size.js';

const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');

describe('measureSource', () => {
  it('counts file lines and names functions by their class, variable, or the call they are passed to', () => {
    const text = [
      '/** Doc comment, not counted. */',
      'export function top() {',
      '  const inner = () => {',
      '    return 1;',
      '  };',
      '  return inner();',
      '}',
      'class A {',
      '  #m() {',
      '    return 1;',
      '  }',
      '  get g() { return 2; }',
      '}',
      "app.post('/x', async (c) => {",
      '  return c;',
      '});',
      '[1].map((x) => x);',
      '[2].map((x) => x);',
      '',
    ].join('\n');
    const size = measureSource('a.ts', text);
    expect(size.lines).toBe(18);
    expect(size.functions).toEqual([
      { name: 'top', line: 2, lines: 6 },
      { name: 'top.inner', line: 3, lines: 3 },
      { name: 'A.#m', line: 9, lines: 3 },
      { name: 'A.get g', line: 12, lines: 1 },
      { name: "post('/x')", line: 14, lines: 3 },
      { name: 'map()', line: 17, lines: 1 },
      { name: 'map() #2', line: 18, lines: 1 },
    ]);
  });
});

describe('compareSizes', () => {
  const long = measureSource('long.ts', `function big() {\n${body(MAX_FUNCTION_LINES)}\n}\n`);
  const sizes: FileSize[] = [long, { file: 'huge.ts', lines: MAX_FILE_LINES + 5, functions: [] }];

  it('fails on a file or function over the limit that the baseline does not list', () => {
    expect(compareSizes(sizes, { files: {}, functions: {} }).failures).toEqual([
      `long.ts:1 big(): ${MAX_FUNCTION_LINES + 2} lines (limit ${MAX_FUNCTION_LINES}, not in scripts/size-baseline.json)`,
      `huge.ts: ${MAX_FILE_LINES + 5} lines (limit ${MAX_FILE_LINES}, not in scripts/size-baseline.json)`,
    ]);
  });

  it('passes the exceptions it records, fails when one grows, notes when one shrinks or is gone', () => {
    const baseline = exceptions(sizes);
    expect(baseline).toEqual({ files: { 'huge.ts': MAX_FILE_LINES + 5 }, functions: { 'long.ts': { big: MAX_FUNCTION_LINES + 2 } } });
    expect(compareSizes(sizes, baseline)).toEqual({ failures: [], notes: [] });
    const grown = compareSizes([long, { file: 'huge.ts', lines: MAX_FILE_LINES + 6, functions: [] }], baseline);
    expect(grown.failures).toEqual([`huge.ts: ${MAX_FILE_LINES + 6} lines, grown from its baselined ${MAX_FILE_LINES + 5} (limit ${MAX_FILE_LINES})`]);
    const shrunk = compareSizes([{ file: 'huge.ts', lines: 100, functions: [] }], baseline);
    expect(shrunk.failures).toEqual([]);
    expect(shrunk.notes).toEqual([`huge.ts: 100 lines, baselined at ${MAX_FILE_LINES + 5} (now within the limit)`, 'long.ts big(): in the baseline, no longer found']);
  });
});
