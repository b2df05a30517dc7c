/**
 * Size check of the code conventions (CONTRIBUTING.md): every non-test `.ts` file over 300 lines and every function over
 * 60 lines is reported; it fails when one is not in `scripts/size-baseline.json` or has grown past its baselined size.
 * Functions are measured with the TypeScript parser, from the first token of the declaration (JSDoc excluded) to its
 * closing brace. `npm run check:size` runs it (also part of `npm test` and `npm run lint`); `-- --update` rewrites the
 * baseline to today's exceptions.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 60;
const BASELINE = 'scripts/size-baseline.json';

/** Sizes of one file: its line count and each function's, named by its enclosing classes and functions. */
export interface FileSize {
  file: string;
  lines: number;
  functions: Array<{ name: string; line: number; lines: number }>;
}

/** The known exceptions: file → lines, and file → function name → lines. */
export interface SizeBaseline {
  files: Record<string, number>;
  functions: Record<string, Record<string, number>>;
}

type FunctionNode = ts.FunctionLikeDeclaration & { body: ts.Node };

function isFunctionWithBody(node: ts.Node): node is FunctionNode {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node)) &&
    node.body !== undefined
  );
}

function propertyName(name: ts.PropertyName | ts.BindingName): string {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return '[computed]';
}

/** The name a function is known by: its own, or that of the variable, property or class field holding it. */
function ownName(node: FunctionNode): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const prefix = ts.isGetAccessorDeclaration(node) ? 'get ' : ts.isSetAccessorDeclaration(node) ? 'set ' : '';
  if (node.name) return prefix + propertyName(node.name);
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return propertyName(parent.name);
  if (ts.isCallExpression(parent)) return callbackName(parent);
  return ts.isFunctionDeclaration(node) ? 'default' : '(anonymous)';
}

/** A callback by the call it is passed to and that call's first string argument: `post('/v1/chat/completions')`, `map()`. */
function callbackName(call: ts.CallExpression): string {
  const callee = call.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : 'call';
  const first = call.arguments[0];
  return `${name}(${first && ts.isStringLiteralLike(first) ? `'${first.text.slice(0, 60)}'` : ''})`;
}

/**
 * Line count of a source text and of each function in it; a name repeated in one file gets ` #2`, ` #3`… in order.
 * @example
 * measureSource('a.ts', 'class A {\n  m() {\n    return 1;\n  }\n}\n').functions; // [{ name: 'A.m', line: 2, lines: 3 }]
 */
export function measureSource(file: string, text: string): FileSize {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const functions: FileSize['functions'] = [];
  const seen = new Map<string, number>();
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node, scope: string[]): void => {
    let inner = scope;
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.name) inner = [...scope, node.name.text];
    if (isFunctionWithBody(node)) {
      const base = [...scope, ownName(node)].join('.');
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      const start = lineOf(node.getStart(source));
      functions.push({ name: count === 1 ? base : `${base} #${count}`, line: start, lines: lineOf(node.getEnd()) - start + 1 });
      inner = [...scope, ownName(node)];
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(source, []);
  const lines = text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return { file, lines, functions };
}

/**
 * The `.ts` files the check covers: tracked or new (not git-ignored), tests (`*.test.ts`, `tests/`) and declarations left out.
 * @example
 * checkedFiles().includes('server/config.ts'); // true
 */
export function checkedFiles(cwd = process.cwd()): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.ts'], { cwd, encoding: 'utf8' });
  const files = out.split('\n').filter((f) => f && !f.endsWith('.test.ts') && !f.endsWith('.d.ts') && !f.startsWith('tests/') && !f.includes('node_modules/'));
  return [...new Set(files)].sort();
}

/**
 * The sizes over the limits, as a baseline would record them.
 * @example
 * exceptions([measureSource('a.ts', text)]); // { files: { 'a.ts': 320 }, functions: { 'a.ts': { walk: 75 } } }
 */
export function exceptions(sizes: FileSize[]): SizeBaseline {
  const out: SizeBaseline = { files: {}, functions: {} };
  for (const s of sizes) {
    if (s.lines > MAX_FILE_LINES) out.files[s.file] = s.lines;
    for (const f of s.functions) if (f.lines > MAX_FUNCTION_LINES) (out.functions[s.file] ??= {})[f.name] = f.lines;
  }
  return out;
}

/**
 * Sizes against the baseline: `failures` (new exceptions, baselined ones grown) and `notes` (baselined ones now smaller).
 * @example
 * compareSizes(sizes, { files: {}, functions: {} }).failures; // ['a.ts: 320 lines (limit 300, not in scripts/size-baseline.json)']
 */
export function compareSizes(sizes: FileSize[], baseline: SizeBaseline): { failures: string[]; notes: string[] } {
  const failures: string[] = [];
  const notes: string[] = [];
  const judge = (what: string, size: number, limit: number, known: number | undefined) => {
    if (known === undefined) {
      if (size > limit) failures.push(`${what}: ${size} lines (limit ${limit}, not in ${BASELINE})`);
    } else if (size > known) failures.push(`${what}: ${size} lines, grown from its baselined ${known} (limit ${limit})`);
    else if (size < known) notes.push(`${what}: ${size} lines, baselined at ${known}${size <= limit ? ' (now within the limit)' : ''}`);
  };
  const current = new Set<string>();
  for (const s of sizes) {
    current.add(s.file);
    judge(s.file, s.lines, MAX_FILE_LINES, baseline.files[s.file]);
    for (const f of s.functions) {
      current.add(`${s.file}\0${f.name}`);
      judge(`${s.file}:${f.line} ${f.name}()`, f.lines, MAX_FUNCTION_LINES, baseline.functions[s.file]?.[f.name]);
    }
  }
  for (const file of Object.keys(baseline.files)) if (!current.has(file)) notes.push(`${file}: in the baseline, no longer exists`);
  for (const [file, fns] of Object.entries(baseline.functions))
    for (const name of Object.keys(fns)) if (!current.has(`${file}\0${name}`)) notes.push(`${file} ${name}(): in the baseline, no longer found`);
  return { failures, notes };
}

function main(argv: string[]): number {
  const sizes = checkedFiles().map((file) => measureSource(file, readFileSync(file, 'utf8')));
  if (argv.includes('--update')) {
    writeFileSync(BASELINE, `${JSON.stringify(exceptions(sizes), null, 2)}\n`);
    console.log(`${BASELINE}: rewritten with today's exceptions; review the diff before committing.`);
    return 0;
  }
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as SizeBaseline;
  const { failures, notes } = compareSizes(sizes, baseline);
  for (const n of notes) console.log(`note: ${n}`);
  if (notes.length) console.log(`(shrunk or gone since the baseline: \`npm run check:size -- --update\` tightens ${BASELINE})`);
  for (const f of failures) console.error(`size: ${f}`);
  if (failures.length) {
    console.error(`${failures.length} size limit(s) exceeded: split the file or function (CONTRIBUTING.md, "Size limits").`);
    return 1;
  }
  console.log(`Size check: ${sizes.length} files within the limits or the baseline (${path.basename(BASELINE)}).`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
