/** Node entry point: `npm start`. Builds the index if missing, then serves the app (in `WORKERS` processes). */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { buildIndex } from '../ingest/build-index.js';
import { clusterSize, forkWorkers } from '../node/cluster.js';
import { createNodeRuntime } from '../node/runtime.js';
import { loadConfig } from './config.js';
import { INDEX_FILES } from './index-format.js';

const config = loadConfig(process.env);
const log = (line: string) => {
  if (config.logLevel !== 'silent') console.log(`[ct-assistant] ${line}`);
};
try {
  const workers = clusterSize(config.workers);
  // In multi-process mode the primary builds a missing index once, before the workers load it.
  if (workers > 1 && !existsSync(path.join(path.resolve(config.indexDir), INDEX_FILES.manifest)) && cluster.isPrimary) {
    log(`No index in ${path.resolve(config.indexDir)}: building it now.`);
    await buildIndex({ config, log });
  }
  if (!forkWorkers(workers, log)) {
    const runtime = await createNodeRuntime(config, { log });
    const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host }, (info) => {
      const h = runtime.health();
      log(`Ready: ${h.corpus.documents} documents, ${h.corpus.paragraphs} paragraphs, retrieval ${h.retrieval.mode}, answerer ${h.answerer}.`);
      log(`Listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`);
    });
    const stop = () => server.close(() => void runtime.close().finally(() => process.exit(0)));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
} catch (err) {
  console.error(`[ct-assistant] Cannot start: ${(err as Error).message}`);
  process.exit(1);
}
