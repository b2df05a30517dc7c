/** Node entry point: `npm start`. Builds the index if missing, then serves the app. */
import { serve } from '@hono/node-server';
import { createNodeRuntime } from '../node/runtime.js';
import { loadConfig } from './config.js';

const config = loadConfig(process.env);
const log = (line: string) => {
  if (config.logLevel !== 'silent') console.log(`[ct-assistant] ${line}`);
};
try {
  const runtime = await createNodeRuntime(config, { log, allowNotReady: true, watch: config.watchIndex });
  const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host }, (info) => {
    if (runtime.readiness().ready) {
      const h = runtime.health();
      log(`Ready: ${h.corpus.documents} documents, ${h.corpus.paragraphs} paragraphs, retrieval ${h.retrieval.mode}, answerer ${h.answerer}.`);
    }
    log(`Listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}${config.watchIndex ? ' (serves a newly published index without restart)' : ''}`);
  });
  const stop = () => {
    void runtime.close();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`[ct-assistant] Cannot start: ${(err as Error).message}`);
  process.exit(1);
}
