/**
 * Child-process ingest for the growth stage: `node --import tsx bench/lib/ingest-child.ts` with
 * CORPUS_DIR and INDEX_DIR in the environment. Prints one JSON line:
 * `{"ms":…, "documents":…, "paragraphs":…, "maxRssMb":…}` (ms = `buildIndex` alone, without process start).
 */
import { buildIndex } from '../../ingest/build-index.js';
import { loadConfig } from '../../server/config.js';

const config = loadConfig(process.env);
const started = performance.now();
try {
  const result = await buildIndex({ config, force: true });
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, documents: result.manifest.documents, paragraphs: result.manifest.paragraphs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} catch (err) {
  console.error(`ingest-child: ${(err as Error).stack ?? (err as Error).message}`);
  process.exit(1);
}
