/**
 * `npx tsx scripts/cross-lingual-misses.ts documents documents-3`: every single-turn cross-lingual question of the named
 * training suites (the gold unit only in the other language) through analyse → expand → retrieve → rank, lexical+glossary,
 * over the vendored texts plus evals/documents/: each concept's terms (weight, `t` = translated, `*` = occurs in a gold
 * unit), the gold unit's rank, and the gold text of a miss. Refuses suites that are not training material
 * (evals/suites.json): held-out and blind suites are never read question by question.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCombinedCorpus } from '../evals/lib/real-corpus.js';
import { createNodeRuntime } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';
import { terms } from '../server/text/analyzer.js';

interface Item {
  id: string;
  language: 'fr' | 'en';
  question: string;
  gold?: Array<{ documentId: string; paragraph: string }>;
  history?: unknown[];
}

const roles = JSON.parse(await readFile('evals/suites.json', 'utf8')) as { suites: Array<{ name: string; suite: string; role: string }> };
const names = process.argv.slice(2);
const suites = names.map((n) => roles.suites.find((s) => s.name === n));
if (!names.length || suites.some((s) => s?.role !== 'training')) {
  console.error(
    `Name training suites of evals/suites.json (${roles.suites
      .filter((s) => s.role === 'training')
      .map((s) => s.name)
      .join(', ')}).`,
  );
  process.exit(2);
}
const tmp = await mkdtemp(path.join(tmpdir(), 'ct-xl-'));
const CORPUS_DIR = await writeCombinedCorpus(path.join(tmp, 'corpus'), { repoRoot: process.cwd() });
const env = { ...process.env, LOG_LEVEL: 'error', CORPUS_DIR, INDEX_DIR: path.join(tmp, 'index'), RETRIEVAL_MODE: 'lexical', GLOSSARY: 'on', ANSWERER: 'extractive', EMBEDDINGS_PROVIDER: 'none' };
const rt = await createNodeRuntime(loadConfig(env));
const language = (id: string) => rt.store.document(id)?.language;

async function report(suite: string, item: Item): Promise<void> {
  const gold = item.gold ?? [];
  const r = await rt.retriever.retrieve({ question: item.question, history: [] }, 10);
  const keys = r.passages.map((p) => `${p.paragraph.documentId}#${p.paragraph.label}`);
  const rank = keys.findIndex((k) => gold.some((g) => k === `${g.documentId}#${g.paragraph}`));
  const units = gold.flatMap((g) => rt.store.paragraph(g.documentId, g.paragraph) ?? []);
  const goldLanguage = language(gold[0].documentId) as 'fr' | 'en';
  const stems = new Set(units.flatMap((p) => terms(p.text, goldLanguage)));
  console.log(`\n=== [${suite}] ${rank === 0 ? 'HIT' : 'MISS'} rank=${rank} ${item.language}->${goldLanguage} ${item.id}\nQ: ${item.question}\nTOP ${keys.slice(0, 3).join(', ')}`);
  for (const c of r.plan.concepts) {
    const ts = c.terms.map((t) => `${stems.has(t.term) ? '*' : ''}${t.term}:${t.weight.toFixed(2)}${t.translated ? 't' : ''}`).join(' ');
    console.log(`  - ${c.source} [importance ${(c.importance ?? 1).toFixed(2)}${c.entry ? ', term base' : ''}] ${ts}`);
  }
  if (rank !== 0)
    console.log(
      `  GOLD: ${units
        .map((p) => p.text)
        .join(' | ')
        .slice(0, 500)}`,
    );
}

for (const suite of suites) {
  const items = (await readFile(suite!.suite, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Item);
  for (const item of items) if (item.gold?.length && !item.history?.length && !item.gold.some((g) => language(g.documentId) === item.language)) await report(suite!.name, item);
}
await rt.close();
