/**
 * Builds the index directory: paragraphs + metadata, the lexical index, the hnswlib vector index
 * (when an embedding model is usable) and the manifest. Writes to a temporary directory and renames
 * it into place, so a failed ingest leaves the previous index untouched.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document } from '@langchain/core/documents';
import type { Config } from '../server/config.js';
import { createEmbeddings, embeddingModelId, type IdentifiedEmbeddings } from '../server/embeddings/create-embeddings.js';
import { AppError } from '../server/errors.js';
import { ANALYZER_ID, INDEX_FILES, INDEX_SCHEMA_VERSION, type IndexManifest } from '../server/index-format.js';
import { encodeBm25 } from '../server/retrieval/bm25-index.js';
import { buildLexicalIndex } from '../server/retrieval/lexical-fields.js';
import { detectLanguage } from '../server/text/language.js';
import type { DocumentMeta, Paragraph } from '../server/types.js';
import { HnswVectorStore, hnswOptions } from '../node/hnsw-vector-store.js';
import { loadFile } from './loaders/index.js';
import { segmentDocument } from './segment.js';

export interface CorpusEntry {
  id: string;
  file: string;
  title: string;
  titleEn?: string;
  shortTitle: string;
  shortTitleEn?: string;
  organisation: string;
  date: string;
  language: 'fr' | 'en';
  source: string;
  aliases?: string;
}

/** A user document kept in `<data>/documents/` so that later rebuilds include it. */
interface StoredUserDocument {
  meta: CorpusEntry;
  text: string;
}

export interface BuildProgress {
  stage: 'read' | 'segment' | 'lexical' | 'embed' | 'write';
  done: number;
  total: number;
  detail?: string;
}

export interface BuildOptions {
  config: Config;
  /** User documents to add (.txt, .md, .html, .pdf). */
  paths?: string[];
  /** Rebuild even when nothing changed. */
  force?: boolean;
  /** Overrides the configured embeddings (tests). `null` disables them. */
  embeddings?: IdentifiedEmbeddings | null;
  onProgress?: (p: BuildProgress) => void;
  log?: (line: string) => void;
}

export interface BuildResult {
  indexDir: string;
  manifest: IndexManifest;
  /** False when the existing index already matched the corpus and model. */
  rebuilt: boolean;
  embedded: number;
  embeddingsFromCache: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function slug(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'document'
  );
}

/** Directory beside the index holding user documents, the embedding cache and load-failure notes. */
export function dataDirOf(config: Config): string {
  return path.dirname(path.resolve(config.indexDir));
}

async function readCorpus(config: Config): Promise<Array<{ meta: CorpusEntry; text: string; origin: string }>> {
  const manifestPath = path.resolve(config.corpusDir, 'corpus.json');
  let entries: CorpusEntry[];
  try {
    entries = (JSON.parse(await readFile(manifestPath, 'utf8')) as { documents: CorpusEntry[] }).documents;
  } catch (err) {
    throw new AppError('ingest_failed', `${manifestPath}: cannot read the corpus manifest (${(err as Error).message}).`);
  }
  const out: Array<{ meta: CorpusEntry; text: string; origin: string }> = [];
  for (const meta of entries) {
    const file = path.resolve(config.corpusDir, meta.file);
    const loaded = await loadFile(file);
    out.push({ meta, text: loaded.text, origin: file });
  }
  const userDir = path.join(dataDirOf(config), 'documents');
  if (existsSync(userDir)) {
    const { readdir } = await import('node:fs/promises');
    for (const f of (await readdir(userDir)).filter((f) => f.endsWith('.json')).sort()) {
      const stored = JSON.parse(await readFile(path.join(userDir, f), 'utf8')) as StoredUserDocument;
      out.push({ meta: stored.meta, text: stored.text, origin: stored.meta.source });
    }
  }
  return out;
}

async function readUserDocuments(paths: string[], taken: Set<string>): Promise<Array<{ meta: CorpusEntry; text: string; origin: string }>> {
  const out: Array<{ meta: CorpusEntry; text: string; origin: string }> = [];
  for (const p of paths) {
    const loaded = await loadFile(p);
    const base = slug(path.basename(p).replace(/\.[^.]+$/, ''));
    let id = `user-${base}`;
    for (let n = 2; taken.has(id); n++) id = `user-${base}-${n}`;
    taken.add(id);
    const title = loaded.title?.trim() || path.basename(p);
    const modified = (await stat(p)).mtime.toISOString().slice(0, 10);
    out.push({
      meta: { id, file: path.basename(p), title, shortTitle: title.length > 60 ? `${title.slice(0, 57)}…` : title, organisation: 'User document', date: modified, language: loaded.language ?? detectLanguage(loaded.text.slice(0, 4000)), source: path.resolve(p) },
      text: loaded.text,
      origin: path.resolve(p),
    });
  }
  return out;
}

async function readJsonIfExists<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

interface EmbeddingCache {
  modelId: string;
  vectors: Record<string, number[]>;
}

/**
 * Builds (or confirms) the index for the configured corpus and embedding model.
 * @example
 * const { manifest } = await buildIndex({ config: loadConfig(process.env) });
 */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const { config } = options;
  const log = options.log ?? (() => {});
  const progress = options.onProgress ?? (() => {});
  const indexDir = path.resolve(config.indexDir);
  const dataDir = dataDirOf(config);

  progress({ stage: 'read', done: 0, total: 1 });
  const sources = await readCorpus(config);
  const userDocs = await readUserDocuments(options.paths ?? [], new Set(sources.map((s) => s.meta.id)));
  const all = [...sources, ...userDocs];
  progress({ stage: 'read', done: 1, total: 1 });

  const documents: DocumentMeta[] = [];
  const paragraphs: Paragraph[] = [];
  all.forEach((src, i) => {
    const seg = segmentDocument(src.meta.id, src.text);
    if (!seg.paragraphs.length) throw new AppError('ingest_failed', `${src.origin}: no paragraph of text found.`);
    const { file: _file, ...meta } = src.meta;
    documents.push({ ...meta, numbering: seg.numbering, paragraphCount: seg.paragraphs.length });
    paragraphs.push(...seg.paragraphs);
    progress({ stage: 'segment', done: i + 1, total: all.length, detail: src.meta.id });
  });

  const corpusHash = sha256(JSON.stringify({ documents, paragraphs }));
  const modelId = options.embeddings === undefined ? embeddingModelId(config.embeddings) : (options.embeddings?.modelId ?? null);
  const previous = await readJsonIfExists<IndexManifest>(path.join(indexDir, INDEX_FILES.manifest));
  const failureFile = path.join(dataDir, 'embedding-load-failure.json');
  const failure = await readJsonIfExists<{ modelId: string; error: string; at: string }>(failureFile);
  const skipEmbedding = Boolean(modelId && failure?.modelId === modelId && !config.embeddings.retryFailedLoad);

  const unchanged =
    !options.force &&
    previous?.schemaVersion === INDEX_SCHEMA_VERSION &&
    previous.analyzer === ANALYZER_ID &&
    previous.corpusHash === corpusHash &&
    (previous.embedding?.modelId ?? null) === (skipEmbedding ? null : modelId) &&
    existsSync(path.join(indexDir, INDEX_FILES.lexical)) &&
    existsSync(path.join(indexDir, INDEX_FILES.lexicalPostings));
  if (unchanged && !userDocs.length) {
    log(`Index up to date (${documents.length} documents, ${paragraphs.length} paragraphs, corpus ${corpusHash.slice(0, 12)}); nothing to do.`);
    return { indexDir, manifest: previous!, rebuilt: false, embedded: 0, embeddingsFromCache: 0 };
  }

  progress({ stage: 'lexical', done: 0, total: 1 });
  const lexical = buildLexicalIndex(documents, paragraphs);
  progress({ stage: 'lexical', done: 1, total: 1 });

  const tmp = `${indexDir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    let embedding: IndexManifest['embedding'] = null;
    let embeddingError: string | undefined;
    let embedded = 0;
    let fromCache = 0;
    const embeddings = options.embeddings === undefined ? (skipEmbedding ? null : createEmbeddings(config.embeddings)) : options.embeddings;
    if (skipEmbedding) {
      embeddingError = `${modelId} could not be loaded on ${failure!.at} (${failure!.error}); staying lexical. Set EMBEDDINGS_RETRY_LOAD=true to try again.`;
      log(`LEXICAL MODE: ${embeddingError}`);
    } else if (embeddings) {
      const cacheFile = path.join(dataDir, 'embedding-cache', `${sha256(embeddings.modelId).slice(0, 16)}.json`);
      const cache: EmbeddingCache = (await readJsonIfExists<EmbeddingCache>(cacheFile)) ?? { modelId: embeddings.modelId, vectors: {} };
      const keys = paragraphs.map((p) => sha256(`${embeddings.modelId}\u0000${config.embeddings.passagePrefix}\u0000${p.text}`));
      const missing = keys.map((k, i) => (cache.vectors[k] ? -1 : i)).filter((i) => i >= 0);
      fromCache = paragraphs.length - missing.length;
      try {
        const batch = Math.max(1, config.embeddings.batchSize);
        for (let s = 0; s < missing.length; s += batch) {
          const idx = missing.slice(s, s + batch);
          const vectors = await embeddings.embedDocuments(idx.map((i) => paragraphs[i].text));
          idx.forEach((i, j) => (cache.vectors[keys[i]] = vectors[j]));
          embedded += idx.length;
          progress({ stage: 'embed', done: Math.min(s + batch, missing.length), total: missing.length });
        }
        const vectors = keys.map((k) => cache.vectors[k]);
        const store = new HnswVectorStore(embeddings, { dimension: vectors[0]?.length, ...hnswOptions(config) });
        await store.addVectors(
          vectors,
          paragraphs.map((p) => new Document({ pageContent: '', metadata: { documentId: p.documentId, label: p.label } })),
        );
        await store.save(tmp);
        embedding = { provider: config.embeddings.provider, modelId: embeddings.modelId, dimension: vectors[0]?.length ?? 0 };
        await mkdir(path.dirname(cacheFile), { recursive: true });
        const live = new Set(keys);
        for (const k of Object.keys(cache.vectors)) if (!live.has(k)) delete cache.vectors[k];
        await writeFile(cacheFile, JSON.stringify(cache));
        if (failure) await rm(failureFile, { force: true });
      } catch (err) {
        if (err instanceof AppError && err.code !== 'embeddings_unavailable') throw err;
        embeddingError = `${embeddings.modelId} could not be used: ${(err as Error).message}`;
        log(`LEXICAL MODE: ${embeddingError}`);
        if (config.embeddings.provider === 'transformers' && options.embeddings === undefined) {
          await mkdir(dataDir, { recursive: true });
          await writeFile(failureFile, JSON.stringify({ modelId: embeddings.modelId, error: (err as Error).message.slice(0, 500), at: new Date().toISOString() }, null, 2));
        }
      }
    }

    progress({ stage: 'write', done: 0, total: 1 });
    const manifest: IndexManifest = {
      schemaVersion: INDEX_SCHEMA_VERSION,
      createdAt: new Date().toISOString(),
      corpusHash,
      documents: documents.length,
      paragraphs: paragraphs.length,
      analyzer: ANALYZER_ID,
      embedding,
      ...(embeddingError ? { embeddingError } : {}),
    };
    await writeFile(path.join(tmp, INDEX_FILES.corpus), JSON.stringify({ documents, paragraphs }));
    const encoded = encodeBm25(lexical);
    await writeFile(path.join(tmp, INDEX_FILES.lexical), JSON.stringify(encoded.meta));
    await writeFile(path.join(tmp, INDEX_FILES.lexicalPostings), encoded.postings);
    await writeFile(path.join(tmp, INDEX_FILES.manifest), JSON.stringify(manifest, null, 2));

    if (userDocs.length) {
      const userDir = path.join(dataDir, 'documents');
      await mkdir(userDir, { recursive: true });
      for (const u of userDocs) await writeFile(path.join(userDir, `${u.meta.id}.json`), JSON.stringify({ meta: u.meta, text: u.text } satisfies StoredUserDocument));
    }

    const old = `${indexDir}.old-${process.pid}-${Date.now()}`;
    const hadIndex = existsSync(indexDir);
    if (hadIndex) await rename(indexDir, old);
    await rename(tmp, indexDir);
    if (hadIndex) await rm(old, { recursive: true, force: true });
    progress({ stage: 'write', done: 1, total: 1 });
    log(`Index built: ${documents.length} documents, ${paragraphs.length} paragraphs, ${embedding ? `vectors ${embedding.modelId} (dim ${embedding.dimension}; ${embedded} embedded, ${fromCache} from cache)` : 'lexical only'} → ${indexDir}`);
    return { indexDir, manifest, rebuilt: true, embedded, embeddingsFromCache: fromCache };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('ingest_failed', `Ingest failed: ${(err as Error).message}`, { cause: err });
  }
}
