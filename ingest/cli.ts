/** `npm run ingest [-- [--force] paths…]`: (re)builds the index, adding users' documents. */
import cliProgress from 'cli-progress';
import { loadConfig } from '../server/config.js';
import { AppError } from '../server/errors.js';
import { buildIndex, type BuildProgress } from './build-index.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('Usage: npm run ingest [-- [--force] file.txt|.md|.html|.pdf …]\nRebuilds the index in INDEX_DIR from the vendored corpus, the documents added before, and the given files.');
  process.exit(0);
}
const force = args.includes('--force');
const paths = args.filter((a) => !a.startsWith('--'));

const bar = new cliProgress.SingleBar({ format: ' {stage} [{bar}] {value}/{total} {detail}', hideCursor: true, clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
let current = '';
const onProgress = (p: BuildProgress) => {
  if (!process.stderr.isTTY) return;
  if (p.stage !== current) {
    if (current) bar.stop();
    current = p.stage;
    bar.start(p.total, p.done, { stage: p.stage.padEnd(7), detail: p.detail ?? '' });
  } else bar.update(p.done, { detail: p.detail ?? '' });
};

try {
  const config = loadConfig(process.env);
  const started = performance.now();
  const result = await buildIndex({ config, paths, force, onProgress, log: (l) => console.log(l) });
  if (current) bar.stop();
  console.log(`${result.rebuilt ? 'Done' : 'Unchanged'} in ${Math.round(performance.now() - started)} ms.`);
} catch (err) {
  if (current) bar.stop();
  console.error(`ingest: ${err instanceof AppError ? err.message : (err as Error).stack}`);
  console.error('The previous index, if any, was left untouched.');
  process.exit(1);
}
