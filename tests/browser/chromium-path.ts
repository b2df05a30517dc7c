/**
 * Which Chromium the browser tests drive: Debian's `/usr/bin/chromium` when present, else the Chromium shipped inside
 * the `@sparticuz/chromium` npm package (unpacked to the temp directory on first use, ~5 s), so `npm install && npm test`
 * needs no apt-get. `BROWSER_FORCE_BUNDLED=1` skips the system Chromium (`.ci/run` uses it to prove the npm one works).
 * On a machine without NSS/expat, the libraries shipped in the same package are put on the child's LD_LIBRARY_PATH.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumLaunch {
  executablePath: string;
  source: 'system' | 'npm';
  /** Environment of the browser process, when it needs more than the test process's own. */
  env?: Record<string, string>;
}

function missingLibraries(executable: string): boolean {
  try {
    return execFileSync('ldd', [executable], { encoding: 'utf8' }).includes('not found');
  } catch {
    return false;
  }
}

/** Unpacks the package's `al2023.tar.br` (libnss3, libnspr4, libexpat…) once, with the system `tar`. */
function bundledLibraries(): string {
  const dir = path.join(os.tmpdir(), 'sparticuz-al2023');
  const lib = path.join(dir, 'lib');
  if (existsSync(path.join(lib, 'libnss3.so'))) return lib;
  const pkg = path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium/package.json'));
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '-C', dir], { input: brotliDecompressSync(readFileSync(path.join(pkg, 'bin/al2023.tar.br'))) });
  return lib;
}

/**
 * Runs the unpacking in one test process at a time: test files run in parallel workers, and the package unpacks to a
 * fixed path that it reports as ready as soon as the file exists.
 */
async function unpackOnce(unpack: () => Promise<string>): Promise<string> {
  const done = path.join(os.tmpdir(), 'sparticuz-chromium.done');
  const ready = () => (existsSync(done) && existsSync(readFileSync(done, 'utf8')) ? readFileSync(done, 'utf8') : null);
  const lock = path.join(os.tmpdir(), 'sparticuz-chromium.lock');
  for (let waited = 0; ; waited += 200) {
    const found = ready();
    if (found) return found;
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`Timed out waiting for another test process to unpack @sparticuz/chromium; remove ${lock} if it is stale.`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const executable = await unpack();
    writeFileSync(done, executable);
    return executable;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Resolves the Chromium to launch and how.
 * @example
 * const { executablePath, env } = await resolveChromium();
 * await chromium.launch({ executablePath, env, args });
 */
export async function resolveChromium(): Promise<ChromiumLaunch> {
  // Test-harness switch, not app configuration (the app reads its settings only through server/config.ts).
  const forceBundled = process.env.BROWSER_FORCE_BUNDLED === '1';
  if (!forceBundled && existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: 'system' };
  const { default: bundled } = await import('@sparticuz/chromium');
  const executablePath = await unpackOnce(() => bundled.executablePath());
  const env: Record<string, string> = {};
  if (missingLibraries(executablePath)) env.LD_LIBRARY_PATH = [bundledLibraries(), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  if (!existsSync('/etc/fonts/fonts.conf')) env.FONTCONFIG_PATH = path.join(os.tmpdir(), 'fonts');
  return { executablePath, source: 'npm', ...(Object.keys(env).length ? { env: { ...(process.env as Record<string, string>), ...env } } : {}) };
}
