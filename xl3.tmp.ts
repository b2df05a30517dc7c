import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCombinedCorpus } from './evals/lib/real-corpus.js';
import { createNodeRuntime } from './node/runtime.js';
import { loadConfig } from './server/config.js';
const tmp = await mkdtemp(path.join(tmpdir(), 'xl3-'));
const CORPUS_DIR = await writeCombinedCorpus(path.join(tmp, 'corpus'), { repoRoot: process.cwd() });
for (const layers of ['termbase,dictionary,cognates', 'termbase,dictionary,parallel,cognates']) {
  const rt = await createNodeRuntime(loadConfig({ ...process.env, LOG_LEVEL: 'error', CORPUS_DIR, INDEX_DIR: path.join(tmp, 'index'), RETRIEVAL_MODE: 'lexical', GLOSSARY: 'on', ANSWERER: 'extractive', EMBEDDINGS_PROVIDER: 'none', LEXICON_LAYERS: layers }));
  const r = await rt.retriever.retrieve({ question: process.argv[2], history: [] }, 5);
  console.log(layers, r.passages.slice(0, 3).map((p) => `${p.paragraph.documentId}#${p.paragraph.label}`));
  for (const c of r.plan.concepts) console.log('  ', c.source, (c.importance ?? 1).toFixed(2), c.terms.map((t) => `${t.term}:${t.weight.toFixed(2)}${t.translated ? 't' : ''}`).join(' '));
  await rt.close();
}
