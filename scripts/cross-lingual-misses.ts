/**
 * `npx tsx scripts/cross-lingual-misses.ts documents documents-3`: every single-turn cross-lingual question of the named
 * training suites (the gold unit only in the other language) through analyse → expand → retrieve → rank, lexical+glossary,
 * over the vendored texts plus evals/documents/: each concept's terms (weight, `t` = translated, `*` = occurs in a gold
 * unit), the gold unit's rank, and the gold text of a miss. Refuses suites that are not training material
 * (evals/suites.json): held-out and blind suites are never read question by question.
 */
import { terms } from '../server/text/analyzer.js';
import { combinedRuntime, type TrainingItem, trainingSuites } from './lib/training-runtime.js';

const suites = await trainingSuites(process.argv.slice(2));
const rt = await combinedRuntime('ct-xl-');
const language = (id: string) => rt.store.document(id)?.language;

async function report(suite: string, item: TrainingItem): Promise<void> {
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

for (const suite of suites) for (const item of suite.items) if (!item.gold!.some((g) => language(g.documentId) === item.language)) await report(suite.name, item);
await rt.close();
