/**
 * Converts an evaluation suite (JSONL or CSV) into promptfoo test cases: `tests.json` beside this file.
 * Run from the repository root: `npx tsx evals/promptfoo/make-tests.ts [suite] [out]`.
 * Lists travel as JSON strings because promptfoo expands array-valued vars into one test per element.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSuite, type EvalItem } from '../lib/suite.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** One promptfoo test case. */
export interface PromptfooTest {
  description: string;
  vars: Record<string, string>;
  metadata: { id: string; type: string; language: string };
}

/**
 * Maps a suite item to a promptfoo test case.
 * @example
 * toPromptfooTest(item).vars.question // 'Que dit le paragraphe 13 du Plan de Bucarest ?'
 */
export function toPromptfooTest(item: EvalItem): PromptfooTest {
  return {
    description: `${item.id} [${item.type}, ${item.language}]`,
    vars: {
      id: item.id,
      question: item.question,
      historyJson: JSON.stringify(item.history ?? []),
      language: item.language,
      type: item.type,
      goldJson: JSON.stringify(item.gold),
      keyFactsJson: JSON.stringify(item.keyFacts),
      mustAbstain: String(item.mustAbstain === true),
      mustNotContainJson: JSON.stringify(item.mustNotContain ?? []),
    },
    metadata: { id: item.id, type: item.type, language: item.language },
  };
}

async function main(): Promise<void> {
  const suitePath = process.argv[2] ?? path.join(HERE, '..', 'suites', 'core.jsonl');
  const out = process.argv[3] ?? path.join(HERE, 'tests.json');
  const suite = await loadSuite(suitePath);
  await writeFile(out, JSON.stringify(suite.items.map(toPromptfooTest), null, 2) + '\n');
  process.stdout.write(`${suite.items.length} tests written to ${path.relative(process.cwd(), out)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`make-tests: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
