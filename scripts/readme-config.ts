/**
 * The README configuration table, generated from `ENV_VARS` (server/config.ts). `npm run readme:config` rewrites
 * the table in README.md; tests/readme.test.ts checks that every row is there as generated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENV_VARS } from '../server/config.js';

const HEADER = ['| Variable | Default | What it does |', '|---|---|---|'];

/**
 * Rows `| \`NAME\` | default | description |`; a default without backticks or parentheses is shown as code.
 * @example
 * configTableRows()[0]; // '| `PORT` | `8787` | HTTP port of `npm start`. |'
 */
export function configTableRows(): string[] {
  return ENV_VARS.map((v) => `| \`${v.name}\` | ${/[`(]/.test(v.default) ? v.default : `\`${v.default}\``} | ${v.description} |`);
}

/** README text with its configuration table replaced by the generated one. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(HEADER[0]);
  if (start === -1) throw new Error(`README.md has no configuration table (a line "${HEADER[0]}").`);
  const end = readme.indexOf('\n\n', start);
  return readme.slice(0, start) + [...HEADER, ...configTableRows()].join('\n') + readme.slice(end === -1 ? readme.length : end);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = path.resolve('README.md');
  writeFileSync(file, withConfigTable(readFileSync(file, 'utf8')));
  console.log(`README.md: configuration table regenerated (${ENV_VARS.length} variables).`);
}
