/** Node entry point: `npm start`. Builds the index if missing, then serves the app (in `WORKERS` processes). Logs are JSON lines (LOG_LEVEL). */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { clusterSize, forkWorkers } from '../node/cluster.js';
import { createNodeRuntime } from '../node/runtime.js';
import { loadConfig, type Config } from './config.js';
import { INDEX_FILES } from './index-format.js';
import { createLogger } from './logging/logger.js';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error(`[ct-assistant] Cannot start: ${(err as Error).message}`);
  process.exit(1);
}
const logger = createLogger({ level: config.logLevel, secrets: [config.llm.apiKey, config.embeddings.apiKey] });
const log = (line: string) => logger.info(line);
try {
  const workers = clusterSize(config.workers);
  // In multi-process mode the primary builds a missing index once, before the workers load it.
  if (workers > 1 && !existsSync(path.join(path.resolve(config.indexDir), INDEX_FILES.manifest)) && cluster.isPrimary) {
    log(`No index in ${path.basename(config.indexDir)}: building it now.`);
    const { buildIndex } = await import('../ingest/build-index.js');
    await buildIndex({ config, log });
  }
  if (!forkWorkers(workers, log)) {
    const runtime = await createNodeRuntime(config, { log, logger, allowNotReady: true, watch: config.watchIndex });
    const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host }, (info) => {
      if (runtime.readiness().ready) {
        const h = runtime.health();
        log(`Ready: ${h.corpus.documents} documents, ${h.corpus.paragraphs} paragraphs, retrieval ${h.retrieval.mode}, answerer ${h.answerer}.`);
      }
      log(`Listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}${config.watchIndex ? ' (serves a newly published index without restart)' : ''}`);
      if (config.limits.rateLimitPerMinute === 0) logger.warn('RATE_LIMIT_PER_MINUTE=0: no per-client rate limit.');
    });
    const stop = () => {
      void runtime.close();
      server.close(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
} catch (err) {
  if (config.logLevel === 'silent') console.error(`[ct-assistant] Cannot start: ${(err as Error).message}`);
  else logger.error(`Cannot start: ${(err as Error).message}`);
  process.exit(1);
}
