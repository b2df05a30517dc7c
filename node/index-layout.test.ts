import { lstat, mkdir, mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildsDirOf, cleanLeftovers, currentBuild, publishBuild, sealBuild, startBuild } from './index-layout.js';

let dir: string;
let indexDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-layout-'));
  indexDir = path.join(dir, 'index');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function newBuild(content: string): Promise<string> {
  const tmp = await startBuild(indexDir);
  await writeFile(path.join(tmp, 'manifest.json'), content);
  return sealBuild(tmp);
}

describe('index layout', () => {
  it('publishes by swapping a relative link; the previous build stays until cleanup', async () => {
    const a = await newBuild('a');
    await publishBuild(indexDir, a);
    expect(await readlink(indexDir)).toBe(path.join('index.builds', path.basename(a)));
    const b = await newBuild('b');
    await publishBuild(indexDir, b);
    expect(await currentBuild(indexDir)).toBe(path.basename(b));
    expect((await readdir(buildsDirOf(indexDir))).sort()).toEqual([path.basename(a), path.basename(b)].sort());
    expect(await cleanLeftovers(indexDir)).toEqual([path.basename(a)]);
    expect(await readdir(buildsDirOf(indexDir))).toEqual([path.basename(b)]);
  });

  it("keeps what a running process is writing, removes a dead process's leftovers", async () => {
    await publishBuild(indexDir, await newBuild('a'));
    const live = path.join(buildsDirOf(indexDir), 'tmp-abc-1-x');
    await mkdir(live);
    const dead = path.join(buildsDirOf(indexDir), 'tmp-abc-999999999-x');
    await mkdir(dead);
    await writeFile(path.join(dir, 'index.old-999999999-1'), '');
    await writeFile(path.join(dir, 'index.tmp-999999999-2'), '');
    const removed = await cleanLeftovers(indexDir);
    expect(removed.sort()).toEqual(['index.old-999999999-1', 'index.tmp-999999999-2', 'tmp-abc-999999999-x']);
    expect(await readdir(buildsDirOf(indexDir))).toContain('tmp-abc-1-x');
  });

  it('upgrades a plain index directory of an older version, and relinks the newest build when the link is lost', async () => {
    await mkdir(indexDir);
    await writeFile(path.join(indexDir, 'manifest.json'), 'old');
    expect(await currentBuild(indexDir)).toBe('legacy');
    const a = await newBuild('a');
    await publishBuild(indexDir, a);
    expect((await lstat(indexDir)).isSymbolicLink()).toBe(true);
    await cleanLeftovers(indexDir);
    expect((await readdir(dir)).sort()).toEqual(['index', 'index.builds']);
    await rm(indexDir);
    expect(await currentBuild(indexDir)).toBeNull();
    await cleanLeftovers(indexDir);
    expect(await currentBuild(indexDir)).toBe(path.basename(a));
  });
});
