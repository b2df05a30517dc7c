import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIndex } from './ingest/build-index.js';
import { createNodeRuntime } from './node/runtime.js';
import { loadConfig } from './server/config.js';
const dir = await mkdtemp(path.join(tmpdir(), 'en13-plan-'));
const config = loadConfig({ INDEX_DIR: path.join(dir, 'index'), CORPUS_DIR: path.resolve('corpus'), EMBEDDINGS_PROVIDER: 'none', LOG_LEVEL: 'silent' });
await buildIndex({ config });
const rt = await createNodeRuntime(config, { buildIfMissing: false });
const pipe = (rt.retriever as any).pipeline ?? (rt.retriever as any).deps?.pipeline;
for (const q of ['Is asylum granted to terrorists?', 'what about the quokka wallaby?', 'By what date should OSCE States join the 12 UN conventions on terrorism?']) {
  const r = await pipe.retrieve({ question: q });
  console.log(q, '\n tokens', r.plan.tokens, '\n concepts', JSON.stringify(r.plan.concepts.map((c: any) => [c.source, c.terms.map((t: any) => t.term + ':' + t.weight.toFixed(2))])));
}
await rt.close();
