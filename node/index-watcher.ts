/** Notices when `npm run ingest` publishes a new index build (the `INDEX_DIR` link changes target). */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { currentBuild } from './index-layout.js';

export interface IndexWatcher {
  close(): void;
}

/**
 * Calls `onPublished(build)` once per newly published build: fs.watch on the parent directory for a quick
 * reaction, plus a slow poll of the link for file systems where watching is unreliable.
 * @example
 * const w = watchIndexDir('data/index', 'b-m1abc-4242-x7', (build) => runtime.reload());
 * w.close();
 */
export function watchIndexDir(indexDir: string, loaded: string | null, onPublished: (build: string) => void, options: { pollMs?: number; debounceMs?: number } = {}): IndexWatcher {
  const link = path.resolve(indexDir);
  let seen = loaded;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const check = async () => {
    const build = await currentBuild(indexDir);
    if (closed || !build || build === seen) return;
    seen = build;
    onPublished(build);
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(), options.debounceMs ?? 150);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path.dirname(link), (_event, name) => {
      if (name === path.basename(link)) soon();
    });
    watcher.on('error', () => watcher?.close());
    watcher.unref();
  } catch {
    watcher = undefined;
  }
  const poll = setInterval(() => void check(), options.pollMs ?? 2000);
  poll.unref();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
    },
  };
}
