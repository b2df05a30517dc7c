/**
 * `npx tsx scripts/same-language-misses.ts documents documents-3 core`: every single-turn question of the named training
 * suites whose gold unit is in the question's own language, through analyse → expand → retrieve → rank (lexical+glossary,
 * vendored texts plus evals/documents/), classified: HIT, OUTRANKED (gold among the candidates, below another unit;
 * same or other document, with both units' lexical score, coverage, document multiplier and title share) or
 * NOT-RETRIEVED (with the question's stems the gold unit lacks). Refuses suites that are not training material.
 */
import { titleShares } from '../server/pipeline/rank-documents.js';
import type { ScoredPassage } from '../server/pipeline/types.js';
import { terms } from '../server/text/analyzer.js';
import { combinedRuntime, type TrainingItem, trainingSuites } from './lib/training-runtime.js';

const suites = await trainingSuites(process.argv.slice(2));
const rt = await combinedRuntime('ct-sl-');
const language = (id: string) => rt.store.document(id)?.language;
const counts = new Map<string, number>();
const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);

const describe = (p: ScoredPassage, boost: Map<string, number>, titles: Map<string, number>) =>
  `${p.paragraph.documentId}#${p.paragraph.label} s=${p.score.toFixed(2)} lex=${p.lexicalScore.toFixed(2)} cov=${p.coverage.toFixed(2)} doc×${(boost.get(p.document.id) ?? 1).toFixed(2)} title=${(titles.get(p.document.id) ?? 0).toFixed(2)} len=${p.paragraph.text.length} sec=${(p.paragraph.section ?? '').slice(0, 50)}`;

async function report(suite: string, item: TrainingItem): Promise<void> {
  const gold = item.gold ?? [];
  const r = await rt.retriever.retrieve({ question: item.question, history: [] }, 30);
  const isGold = (p: ScoredPassage) => gold.some((g) => p.paragraph.documentId === g.documentId && p.paragraph.label === g.paragraph);
  const rank = r.passages.findIndex(isGold);
  const titles = titleShares(r.plan, rt.store, rt.retriever.pipeline.deps.lexical);
  const boost = r.plan.documentBoost;
  const top = r.passages[0];
  let kind: string;
  if (rank === 0) kind = 'HIT';
  else if (rank < 0) kind = 'NOT-RETRIEVED';
  else kind = `OUTRANKED-${top.paragraph.documentId === r.passages[rank].paragraph.documentId ? 'same-doc' : 'other-doc'}`;
  count(`${suite} ${kind}`);
  if (rank === 0) return;
  console.log(`\n=== [${suite}] ${kind} rank=${rank} ${item.language} ${item.id}\nQ: ${item.question}`);
  console.log(`  cues: ${r.plan.cueMatches.map((c) => `${c.documentId}:${c.score.toFixed(2)}`).join(' ')} named: ${r.plan.namedDocuments.join(',')}`);
  for (const p of r.passages.slice(0, 3)) console.log(`  TOP ${describe(p, boost, titles)}`);
  if (rank > 0) console.log(`  GOLD ${describe(r.passages[rank], boost, titles)}`);
  const units = gold.flatMap((g) => rt.store.paragraph(g.documentId, g.paragraph) ?? []);
  const stems = new Set(units.flatMap((p) => [...terms(p.text, item.language), ...terms(p.section ?? '', item.language), ...terms(p.title ?? '', item.language)]));
  const concepts = r.plan.concepts.filter((c) => !c.fromHistory);
  console.log(
    `  concepts: ${concepts
      .map(
        (c) =>
          `${c.source}[${
            c.terms
              .filter((t) => stems.has(t.term))
              .map((t) => t.term)
              .join('/') || '-'
          }]`,
      )
      .join(' ')}`,
  );
  if (rank < 0)
    console.log(
      `  GOLD ${gold.map((g) => `${g.documentId}#${g.paragraph}`).join(',')} sec=${units[0]?.section ?? ''} title=${units[0]?.title ?? ''}: ${units
        .map((p) => p.text)
        .join(' | ')
        .slice(0, 300)}`,
    );
}

for (const suite of suites) for (const item of suite.items) if (item.gold!.some((g) => language(g.documentId) === item.language)) await report(suite.name, item);
console.log('\n' + [...counts].map(([k, v]) => `${k}: ${v}`).join('\n'));
await rt.close();
