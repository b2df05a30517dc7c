/**
 * `npm run build:worker`: builds the index if needed, lays out `dist/worker-assets/` (web UI + `/_index/`), bundles the
 * Worker into `dist/worker/worker.js` with the pinned wrangler, and prints the sizes against the Workers limits
 * (exit 1 when a limit is exceeded).
 */
import path from 'node:path';
import { buildIndex } from '../ingest/build-index.js';
import { loadConfig } from '../server/config.js';
import { bundleWorker, formatBundleSize, layoutWorkerAssets, measureBundle, WORKER_LIMITS } from './lib/worker-bundle.js';

const config = loadConfig({ ...process.env, EMBEDDINGS_PROVIDER: 'none' });
await buildIndex({ config, log: console.log });
const assetsDir = path.resolve('dist/worker-assets');
await layoutWorkerAssets({ indexDir: config.indexDir, outDir: assetsDir });
const script = await bundleWorker({ outDir: 'dist/worker', assetsDir });
const size = await measureBundle(script, assetsDir);
console.log(`Worker assets ready in ${assetsDir}, bundle in ${script}.`);
console.log(formatBundleSize(size));
if (size.gzip > WORKER_LIMITS.scriptGzipPaid || size.largestAsset.bytes > WORKER_LIMITS.assetFile) {
  console.error('A Workers limit is exceeded: the deploy would be refused.');
  process.exit(1);
}
console.log('Deploy with: npx wrangler deploy');
