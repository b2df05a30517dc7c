/**
 * SIGKILL during ingest, at every write/publish step and at random times: the next start always serves a
 * complete, verified index (the old one or the new one, never a mix, never none) and leaves no leftovers.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildsDirOf, currentBuild } from '../node/index-layout.js';
import { createNodeRuntime } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';
import { HashEmbeddings } from './helpers/hash-embeddings.js';

let root: string;
const env = () => ({ INDEX_DIR: path.join(root, 'data', 'index'), CORPUS_DIR: path.join(root, 'corpus'), EMBEDDINGS_PROVIDER: 'none', LOG_LEVEL: 'silent' });

function runChild(variant: number, killAt: number, killAfterMs?: number): Promise<{ code: number | null; signal: string | null; out: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/ingest-kill-child.ts'], {
      env: { ...process.env, ...env(), VARIANT: String(variant), KILL_AT: String(killAt) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      resolve({ code, signal, out, ms: performance.now() - started });
    });
  });
}

/** Starts the server side on what is on disk, and returns the variant it serves. */
async function startAndCheck(): Promise<number> {
  const runtime = await createNodeRuntime(loadConfig(env()), { buildIfMissing: false, embeddings: new HashEmbeddings() });
  expect(runtime.readiness().ready).toBe(true);
  const memo = runtime.store.paragraphs('user-memo');
  expect(memo.map((p) => p.label)).toEqual(['1', '2', '3']);
  const variant = Number(/Variant (\d+):/.exec(memo[0].text)?.[1]);
  const builds = await readdir(buildsDirOf(env().INDEX_DIR));
  expect(builds).toEqual([await currentBuild(env().INDEX_DIR)]);
  const beside = (await readdir(path.join(root, 'data'))).filter((n) => /\.(tmp|old)-/.test(n));
  expect(beside).toEqual([]);
  expect((await readdir(path.join(root, 'data', 'documents'))).filter((n) => n.includes('.tmp-'))).toEqual([]);
  return variant;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ct-crash-'));
  await mkdir(path.join(root, 'corpus'), { recursive: true });
  await mkdir(path.join(root, 'data'), { recursive: true });
  await writeFile(path.join(root, 'corpus', 'doc.txt'), '1. Les États coopèrent contre le terrorisme.\n\n2. Ils échangent des informations.\n\n3. Ils gèlent les avoirs.');
  const entry = { id: 'doc', file: 'doc.txt', title: 'Doc', shortTitle: 'Doc', organisation: 'Test', date: '2024-01-01', language: 'fr', source: 'test' };
  await writeFile(path.join(root, 'corpus', 'corpus.json'), JSON.stringify({ documents: [entry] }));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('SIGKILL during ingest', () => {
  it('survives kills at every publish step and at random times (>= 30 kills)', async () => {
    const initial = await runChild(0, 0);
    expect(initial.code, initial.out).toBe(0);
    const full = await runChild(1, 0);
    expect(full.code, full.out).toBe(0);
    const steps = Number(/steps=(\d+)/.exec(full.out)?.[1]);
    expect(steps).toBeGreaterThanOrEqual(11);
    let served = await startAndCheck();
    expect(served).toBe(1);
    let fullMs = full.ms;
    let kills = 0;
    let variant = 1;
    let rounds = 0;
    const outcomes = { old: 0, new: 0 };
    // Kills at each publish step (twice), then at random times: at least 14 of those, and more (up to 40) until 30
    // kills have landed, each delay relative to the last uninterrupted run, since the machine's speed drifts.
    for (let i = 0; i < steps * 2 + 40 && (i < steps * 2 + 14 || kills < 30); i++) {
      variant++;
      rounds++;
      const byStep = i < steps * 2;
      const r = byStep ? await runChild(variant, (i % steps) + 1) : await runChild(variant, 0, Math.round(fullMs * (0.3 + Math.random() * 0.8)));
      if (r.signal === 'SIGKILL') kills++;
      else {
        expect(r.code, r.out).toBe(0);
        if (!byStep) fullMs = r.ms;
      }
      const now = await startAndCheck();
      expect([served, variant]).toContain(now);
      outcomes[now === variant ? 'new' : 'old']++;
      served = now;
    }
    console.log(`crash test: ${kills} SIGKILLs in ${rounds} runs of ${steps} steps each; next start served the old index ${outcomes.old}×, the new one ${outcomes.new}×`);
    expect(kills).toBeGreaterThanOrEqual(30);
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
  }, 600_000);
});
