/**
 * `npm run export:vectorize [-- <indexDir>]`: writes `dist/vectorize.ndjson` from an index built with a Workers AI
 * embedding model, and prints the wrangler commands that load it into Vectorize (docs/scaling.md).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { exportForVectorize } from './lib/vectorize-export.js';

const indexDir = process.argv[2] ?? loadConfig(process.env).indexDir;
try {
  const out = await exportForVectorize(indexDir);
  const file = path.resolve('dist/vectorize.ndjson');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, out.ndjson);
  console.log(`${out.count} vectors (${out.model}, dimension ${out.dimension}, namespace ${out.namespace}) → ${file}`);
  console.log(`Once: npx wrangler vectorize create ct-texts-paragraphs --dimensions=${out.dimension} --metric=cosine`);
  console.log(`Then: npx wrangler vectorize insert ct-texts-paragraphs --file=${path.relative(process.cwd(), file)}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
