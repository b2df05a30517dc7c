/**
 * `npm run build:server` (run by `npm start` first, with `--if-stale`): bundles the Node server (server/node.ts, every
 * module of this repository it imports and the pure-JavaScript packages) into ESM in `dist/node/`: `server.mjs`, plus
 * chunks for what is imported lazily (ingest, hnswlib, the embedding pool), so that starting loads a few files instead
 * of transforming a few hundred TypeScript modules with tsx and resolving every package file. Native addons and the
 * model runtime stay in node_modules. Each module keeps its own location: `import.meta.url` in a bundled module is its
 * source file's URL, so paths resolved from it (vendored data, the embedding worker script) are those of the checkout.
 * Plain JavaScript (runs without tsx); esbuild is the one tsx itself depends on.
 *
 * `--if-stale`: bundles only when a bundled source file (or package.json / package-lock.json) is newer than the bundle.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'node');
const bundle = path.join(outDir, 'server.mjs');
const inputsFile = path.join(outDir, 'inputs.json');
const EXTERNAL = ['hnswlib-node', '@xenova/transformers', 'onnxruntime-node', 'onnxruntime-web', 'sharp', 'pdfjs-dist', 'pdfjs-dist/*'];

/** Replaces `import.meta.url` in each bundled module by the URL of its source file. */
const sourceLocation = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /\.(?:[cm]?js|ts)$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

async function mtime(file) {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** True when the bundle is missing or older than one of its inputs. */
async function stale() {
  const built = await mtime(bundle);
  if (!Number.isFinite(built)) return true;
  let inputs;
  try {
    inputs = JSON.parse(await readFile(inputsFile, 'utf8'));
  } catch {
    return true;
  }
  const files = [...inputs, 'package.json', 'package-lock.json'].map((f) => path.join(root, f));
  return (await Promise.all(files.map(mtime))).some((m) => m > built);
}

if (process.argv.includes('--if-stale') && !(await stale())) process.exit(0);
const started = performance.now();
// Chunks are named by content hash: remove the previous build's.
await rm(outDir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { server: path.join(root, 'server', 'node.ts') },
  outdir: outDir,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Dynamic imports stay lazy: their code and the packages only they use load when first imported.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Node 20 has `\p{…}` in regular expressions; without this esbuild rewrites every such literal as `new RegExp(…)`, built
  // again each time the expression runs (in a function: on every call).
  supported: { 'regexp-unicode-property-escapes': true },
  external: EXTERNAL,
  // CommonJS packages bundled into ESM call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [sourceLocation],
});
await writeFile(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'))));
if (process.argv.includes('--verbose')) console.log(`Bundled ${path.relative(root, bundle)} in ${Math.round(performance.now() - started)} ms.`);
