/** `npm run ingest [-- options] [files…]`: adds, replaces, lists or removes documents and (re)builds the index. */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../server/config.js';
import { AppError } from '../server/errors.js';
import { buildIndex, type BuildProgress } from './build-index.js';
import { listDocuments } from './list-documents.js';

const USAGE = `Usage: npm run ingest -- [options] [file.txt|.md|.html|.pdf …]
Rebuilds the index in INDEX_DIR from the vendored corpus, the documents added before, and the given files,
then publishes it atomically (a running server picks it up without a restart).
  --id <id>            id of the (single) given file; default: user-<file name>
  --title <title>      title of the given file(s); default: metadata or front matter, else the first line
  --numbering <scheme> numbering scheme to use instead of detection (see docs/segmentation.md)
  --remove <id>        remove a user document (repeatable)
  --list               list the documents in the published index
  --force              rebuild even when nothing changed
Ingesting a file again (same name, or same content) replaces it.`;

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      force: { type: 'boolean' },
      list: { type: 'boolean' },
      id: { type: 'string' },
      title: { type: 'string' },
      numbering: { type: 'string' },
      remove: { type: 'string', multiple: true },
    },
  });
}
try {
  parsed = parse();
} catch (err) {
  console.error(`ingest: ${(err as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

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
  if (values.list) {
    console.log(await listDocuments(config));
    process.exit(0);
  }
  const started = performance.now();
  const userOptions = { ...(values.id ? { id: values.id } : {}), ...(values.title ? { title: values.title } : {}), ...(values.numbering ? { numbering: values.numbering } : {}) };
  const result = await buildIndex({ config, paths: positionals, userOptions, remove: values.remove ?? [], force: Boolean(values.force), onProgress, log: (l) => console.log(l) });
  if (current) bar.stop();
  for (const id of values.remove ?? []) console.log(`Removed ${id}.`);
  console.log(`${result.rebuilt ? 'Done' : 'Unchanged'} in ${Math.round(performance.now() - started)} ms.`);
} catch (err) {
  if (current) bar.stop();
  console.error(`ingest: ${err instanceof AppError ? err.message : (err as Error).stack}`);
  console.error('The previous index, if any, was left untouched.');
  process.exit(1);
}
