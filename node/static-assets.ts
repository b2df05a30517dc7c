/** Node adapter reading the web assets from disk, for `AppDeps.getAsset`. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Returns a reader of files under `root`, refusing paths that escape it.
 * @example
 * const getAsset = createAssetReader('web/public');
 * await getAsset('index.html');
 */
export function createAssetReader(root: string) {
  const base = path.resolve(root);
  return async (p: string): Promise<{ body: Uint8Array; contentType: string } | null> => {
    const file = path.resolve(base, p.replace(/^\/+/, ''));
    if (file !== base && !file.startsWith(base + path.sep)) return null;
    try {
      const body = await readFile(file);
      return { body, contentType: TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
    } catch {
      return null;
    }
  };
}
