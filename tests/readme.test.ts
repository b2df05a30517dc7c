/** Keeps the README true: every configuration variable and every npm script it mentions exists, and vice versa. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withConfigTable } from '../scripts/readme-config.js';
import { ENV_VARS } from '../server/config.js';

const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

describe('README', () => {
  it('documents every environment variable the config reads', () => {
    for (const v of ENV_VARS) expect(readme, v.name).toContain(`\`${v.name}\``);
    const config = readFileSync('server/config.ts', 'utf8');
    const read = new Set([...config.matchAll(/env(?:\.|, ')([A-Z_]{3,})/g)].map((m) => m[1]));
    for (const name of read)
      expect(
        ENV_VARS.map((v) => v.name),
        name,
      ).toContain(name);
  });

  it('has the configuration table exactly as generated from ENV_VARS (`npm run readme:config`)', () => {
    expect(withConfigTable(readme) === readme, 'README configuration table is stale: run `npm run readme:config`').toBe(true);
  });

  it('gives the two commands of the quick start and only scripts that exist', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    for (const m of readme.matchAll(/npm run ([a-z:-]+)/g)) expect(Object.keys(pkg.scripts), m[1]).toContain(m[1]);
  });
});
