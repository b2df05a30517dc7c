/**
 * Builds what `wrangler deploy` uploads: the assets directory (web UI + `/_index/`) and the Worker bundle,
 * bundled by the pinned wrangler itself (`deploy --dry-run --outdir`) so tests load exactly what would be deployed.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { INDEX_FILES } from '../../server/index-format.js';
import { WORKER_INDEX_PREFIX } from '../../server/worker-app.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** Files of `web/public/` that are served to browsers; anything else (`.d.ts`, sources, notes) stays out of the assets. */
export const WEB_ASSET_EXTENSIONS = ['.html', '.js', '.mjs', '.css', '.svg', '.png', '.jpg', '.jpeg', '.webp', '.ico', '.woff2', '.json', '.txt', '.webmanifest'];

/** Workers platform limits (https://developers.cloudflare.com/workers/platform/limits/), in bytes. */
export const WORKER_LIMITS = { scriptGzipFree: 3 * 1024 * 1024, scriptGzipPaid: 10 * 1024 * 1024, assetFile: 25 * 1024 * 1024, assetFilesFree: 20_000 };

/** Index files the Worker reads (lexical mode: no vectors). */
export const WORKER_INDEX_FILES = [INDEX_FILES.manifest, INDEX_FILES.corpus, INDEX_FILES.corpusBodies, INDEX_FILES.lexical, INDEX_FILES.lexicalPostings, INDEX_FILES.lexicon];

/** True for a file that belongs in the Worker assets. */
export function isWebAsset(file: string): boolean {
  return !file.endsWith('.d.ts') && WEB_ASSET_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/**
 * Lays out the assets directory: the web UI (web assets only) and the index under `/_index/`.
 * @example
 * await layoutWorkerAssets({ indexDir: 'data/index', outDir: 'dist/worker-assets' });
 */
export async function layoutWorkerAssets(options: { indexDir: string; outDir: string; publicDir?: string }): Promise<void> {
  const publicDir = path.resolve(options.publicDir ?? path.join(root, 'web/public'));
  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(options.outDir, { recursive: true });
  await cp(publicDir, options.outDir, { recursive: true, filter: async (src) => (await stat(src)).isDirectory() || isWebAsset(src) });
  const indexOut = path.join(options.outDir, WORKER_INDEX_PREFIX);
  await mkdir(indexOut, { recursive: true });
  for (const f of WORKER_INDEX_FILES) await cp(path.join(options.indexDir, f), path.join(indexOut, f));
}

/**
 * Bundles `server/worker.ts` with the pinned wrangler (`wrangler deploy --dry-run`), as `deploy` would upload it.
 * @example
 * const script = await bundleWorker({ outDir: 'dist/worker', assetsDir: 'dist/worker-assets' }); // dist/worker/worker.js
 */
export async function bundleWorker(options: { outDir: string; assetsDir: string }): Promise<string> {
  const wrangler = path.join(root, 'node_modules/wrangler/bin/wrangler.js');
  const args = [wrangler, 'deploy', '--dry-run', '--config', path.join(root, 'wrangler.toml'), '--outdir', path.resolve(options.outDir), '--assets', path.resolve(options.assetsDir)];
  try {
    await run(process.execPath, args, { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' }, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`wrangler could not bundle the Worker: ${e.stderr || e.stdout || e.message}`);
  }
  return path.join(path.resolve(options.outDir), 'worker.js');
}

export interface BundleSize {
  raw: number;
  gzip: number;
  largestAsset: { file: string; bytes: number };
  assetFiles: number;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Measures the bundle (raw and gzip) and the assets against the Workers limits.
 * @example
 * const size = await measureBundle('dist/worker/worker.js', 'dist/worker-assets');
 */
export async function measureBundle(script: string, assetsDir: string): Promise<BundleSize> {
  const code = await readFile(script);
  const files = await listFiles(assetsDir);
  let largestAsset = { file: '', bytes: 0 };
  for (const f of files) {
    const bytes = (await stat(f)).size;
    if (bytes > largestAsset.bytes) largestAsset = { file: path.relative(assetsDir, f), bytes };
  }
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length, largestAsset, assetFiles: files.length };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;

/**
 * The bundle size as printed by `npm run build:worker` and CI, with the share of each limit used.
 * @example
 * console.log(formatBundleSize(await measureBundle(script, assets)));
 */
export function formatBundleSize(size: BundleSize): string {
  const { scriptGzipFree, scriptGzipPaid, assetFile, assetFilesFree } = WORKER_LIMITS;
  return [
    `Worker bundle: ${kib(size.raw)} raw, ${kib(size.gzip)} gzip — ${pct(size.gzip, scriptGzipFree)} of the 3 MiB (Free) and ${pct(size.gzip, scriptGzipPaid)} of the 10 MiB (Paid) compressed limit.`,
    `Assets: ${size.assetFiles} files (limit ${assetFilesFree}); largest ${size.largestAsset.file} ${kib(size.largestAsset.bytes)} (${pct(size.largestAsset.bytes, assetFile)} of the 25 MiB per-file limit).`,
  ].join('\n');
}
