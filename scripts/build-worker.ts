/** `npm run build:worker`: builds the index if needed and lays out `dist/worker-assets/` (web UI + `/_index/`) for wrangler. */
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildIndex } from '../ingest/build-index.js';
import { loadConfig } from '../server/config.js';
import { INDEX_FILES } from '../server/index-format.js';
import { WORKER_INDEX_PREFIX } from '../server/worker.js';

const config = loadConfig({ ...process.env, EMBEDDINGS_PROVIDER: 'none' });
await buildIndex({ config, log: console.log });
const out = path.resolve('dist/worker-assets');
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await cp(path.resolve('web/public'), out, { recursive: true });
const indexOut = path.join(out, WORKER_INDEX_PREFIX);
await mkdir(indexOut, { recursive: true });
for (const f of [INDEX_FILES.manifest, INDEX_FILES.corpus, INDEX_FILES.lexical, INDEX_FILES.lexicalPostings, INDEX_FILES.lexicon]) await cp(path.join(config.indexDir, f), path.join(indexOut, f));
console.log(`Worker assets ready in ${out}. Deploy with: npx wrangler deploy`);
