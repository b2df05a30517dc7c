/**
 * Shared by the miss reports (scripts/cross-lingual-misses.ts, scripts/same-language-misses.ts): the training suites
 * named on the command line (refusing held-out and blind ones, evals/suites.json) with their single-turn items, and
 * an in-process runtime (lexical+glossary, extractive) over the vendored texts plus evals/documents/.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCombinedCorpus } from '../../evals/lib/real-corpus.js';
import { createNodeRuntime, type NodeRuntime } from '../../node/runtime.js';
import { loadConfig } from '../../server/config.js';

export interface TrainingItem {
  id: string;
  language: 'fr' | 'en';
  question: string;
  gold?: Array<{ documentId: string; paragraph: string }>;
  history?: unknown[];
}

/**
 * The named training suites' items with gold and no history; exits (code 2) when a name is not a training suite.
 * @example
 * const suites = await trainingSuites(['documents', 'documents-3']);
 */
export async function trainingSuites(names: string[]): Promise<Array<{ name: string; items: TrainingItem[] }>> {
  const roles = JSON.parse(await readFile('evals/suites.json', 'utf8')) as { suites: Array<{ name: string; suite: string; role: string }> };
  const suites = names.map((n) => roles.suites.find((s) => s.name === n));
  if (!names.length || suites.some((s) => s?.role !== 'training')) {
    const training = roles.suites.filter((s) => s.role === 'training').map((s) => s.name);
    console.error(`Name training suites of evals/suites.json (${training.join(', ')}).`);
    process.exit(2);
  }
  const out: Array<{ name: string; items: TrainingItem[] }> = [];
  for (const s of suites) {
    const lines = (await readFile(s!.suite, 'utf8')).split('\n').filter(Boolean);
    const items = lines.map((l) => JSON.parse(l) as TrainingItem).filter((i) => i.gold?.length && !i.history?.length);
    out.push({ name: s!.name, items });
  }
  return out;
}

/**
 * A runtime over the vendored texts plus evals/documents/ in a temporary directory, lexical+glossary, extractive.
 * @example
 * const rt = await combinedRuntime('ct-xl-');
 */
export async function combinedRuntime(prefix: string): Promise<NodeRuntime> {
  const tmp = await mkdtemp(path.join(tmpdir(), prefix));
  const CORPUS_DIR = await writeCombinedCorpus(path.join(tmp, 'corpus'), { repoRoot: process.cwd() });
  const env = { ...process.env, LOG_LEVEL: 'error', CORPUS_DIR, INDEX_DIR: path.join(tmp, 'index'), RETRIEVAL_MODE: 'lexical', GLOSSARY: 'on', ANSWERER: 'extractive', EMBEDDINGS_PROVIDER: 'none' };
  return createNodeRuntime(loadConfig(env));
}
