/**
 * On-disk layout of the index, crash-safe: `INDEX_DIR` is a symbolic link to one complete build in
 * `<INDEX_DIR>.builds/`. A build is written in `tmp-<time>-<pid>/` (same parent), every file and the
 * directory fsynced, renamed to `b-<time>-<pid>/`, verified, then published by renaming a new link over
 * `INDEX_DIR` (one atomic step). Readers resolve the link once and read one build throughout.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, open, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { INDEX_CHUNK_SIZE } from '../server/index-chunks.js';
import type { IndexFileEntry } from '../server/index-format.js';

/**
 * Hex sha256 of index bytes with node:crypto (hashes in place, several times faster than `crypto.subtle` on a large corpus).
 * @example
 * await verifyIndex(read, nodeSha256);
 */
export const nodeSha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Called at each step of a build's publication (tests kill the process there). */
export type StepHook = (step: string) => void | Promise<void>;

/** Directory holding the builds of an index. */
export const buildsDirOf = (indexDir: string): string => `${path.resolve(indexDir)}.builds`;

const BUILD = /^(tmp|b)-([0-9a-z]+)-(\d+)(?:-[0-9a-z]+)?$/;
const LEGACY = /^\.?[^/]*\.(tmp|old)-(\d+)-\d+$/;

/**
 * True when a process with this id runs (ours included): its leftovers are not leftovers yet.
 * @example
 * processAlive(process.pid) // true
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes a file (a string, bytes, or chunks of bytes written in turn) and fsyncs it before resolving.
 * @example
 * await writeDurable('data/index.builds/tmp-x-1/corpus.json', json);
 */
export async function writeDurable(file: string, data: string | Uint8Array | Iterable<Uint8Array>): Promise<void> {
  await writeFile(file, data);
  await fsyncPath(file);
}

/**
 * Creates the temporary directory of a new build, beside the published ones.
 * @example
 * const tmp = await startBuild('data/index'); // …/data/index.builds/tmp-m1abc-4242-x7
 */
export async function startBuild(indexDir: string): Promise<string> {
  const dir = path.join(buildsDirOf(indexDir), `tmp-${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Seals a finished build: fsyncs its files and directory, renames `tmp-…` to `b-…` and fsyncs the parent.
 * @example
 * const build = await sealBuild(tmp); // …/data/index.builds/b-m1abc-4242-x7
 */
export async function sealBuild(tmpDir: string, onStep: StepHook = () => {}): Promise<string> {
  for (const f of await readdir(tmpDir)) await fsyncPath(path.join(tmpDir, f));
  await fsyncPath(tmpDir);
  await onStep('seal:fsynced');
  const final = path.join(path.dirname(tmpDir), path.basename(tmpDir).replace(/^tmp-/, 'b-'));
  await rename(tmpDir, final);
  await fsyncPath(path.dirname(final));
  await onStep('seal:renamed');
  return final;
}

/**
 * The build `INDEX_DIR` points to (its directory name), `legacy` for a plain directory, or null.
 * @example
 * await currentBuild('data/index') // 'b-m1abc-4242-x7'
 */
export async function currentBuild(indexDir: string): Promise<string | null> {
  const link = path.resolve(indexDir);
  try {
    if (!(await lstat(link)).isSymbolicLink()) return 'legacy';
    return path.basename(await readlink(link));
  } catch {
    return null;
  }
}

/**
 * Points `INDEX_DIR` at a sealed build in one atomic rename, then fsyncs the parent directory.
 * A plain directory left by an older version is moved aside first (once, on upgrade).
 * @example
 * await publishBuild('data/index', build);
 */
export async function publishBuild(indexDir: string, buildDir: string, onStep: StepHook = () => {}): Promise<void> {
  const link = path.resolve(indexDir);
  const parent = path.dirname(link);
  const tmpLink = `${link}.tmp-${process.pid}-${Date.now()}`;
  await symlink(path.relative(parent, buildDir), tmpLink);
  await onStep('publish:link-created');
  if ((await currentBuild(indexDir)) === 'legacy') {
    await rename(link, `${link}.old-${process.pid}-${Date.now()}`);
    await onStep('publish:legacy-moved');
  }
  await rename(tmpLink, link);
  await onStep('publish:renamed');
  await fsyncPath(parent);
  await onStep('publish:fsynced');
}

/**
 * Removes what an interrupted or finished ingest left: `tmp-*` builds and builds `INDEX_DIR` does not point to
 * (unless their process still runs), and `index.tmp-*` / `index.old-*` beside it. When the link itself is
 * missing (an upgrade interrupted between its two renames), the newest sealed build is published again.
 * @example
 * const removed = await cleanLeftovers('data/index');
 */
export async function cleanLeftovers(indexDir: string, onStep: StepHook = () => {}): Promise<string[]> {
  const link = path.resolve(indexDir);
  const buildsDir = buildsDirOf(indexDir);
  const removed: string[] = [];
  const builds = (await readdir(buildsDir).catch(() => [] as string[])).sort();
  if ((await currentBuild(indexDir)) === null) {
    const newest = builds.filter((b) => b.startsWith('b-')).pop();
    if (newest) await publishBuild(indexDir, path.join(buildsDir, newest));
  }
  const current = await currentBuild(indexDir);
  for (const name of builds) {
    const m = BUILD.exec(name);
    if (name === current || (m && processAlive(Number(m[3])) && Number(m[3]) !== process.pid)) continue;
    if (m && Number(m[3]) === process.pid && m[1] === 'tmp') continue;
    await rm(path.join(buildsDir, name), { recursive: true, force: true });
    removed.push(name);
    await onStep(`clean:${name.slice(0, 2)}`);
  }
  const base = path.basename(link);
  for (const name of await readdir(path.dirname(link)).catch(() => [] as string[])) {
    const m = LEGACY.exec(name);
    if (!name.startsWith(`${base}.`) || !m || (processAlive(Number(m[2])) && Number(m[2]) !== process.pid)) continue;
    await rm(path.join(path.dirname(link), name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Manifest entry of a chunked index file (server/index-chunks.ts) written as consecutive pieces of any sizes:
 * the sha256 of each `chunkSize`-byte chunk, and of the digests joined. Hashes incrementally, never joining the pieces.
 * @example
 * manifest.files['corpus-bodies.bin'] = chunkedFileEntry(pieces);
 */
export function chunkedFileEntry(pieces: Iterable<Uint8Array>, chunkSize = INDEX_CHUNK_SIZE): IndexFileEntry {
  const chunks: string[] = [];
  let hash = createHash('sha256');
  let filled = 0;
  let bytes = 0;
  for (const piece of pieces) {
    for (let at = 0; at < piece.byteLength; ) {
      const take = Math.min(chunkSize - filled, piece.byteLength - at);
      hash.update(piece.subarray(at, at + take));
      filled += take;
      at += take;
      if (filled === chunkSize) {
        chunks.push(hash.digest('hex'));
        hash = createHash('sha256');
        filled = 0;
      }
    }
    bytes += piece.byteLength;
  }
  if (filled > 0) chunks.push(hash.digest('hex'));
  return { bytes, sha256: nodeSha256(Buffer.from(chunks.join(''), 'utf8')), chunkSize, chunks };
}
