/**
 * Builds the index: paragraphs + metadata, the lexical index, the hnswlib vector index (when an embedding
 * model is usable) and the manifest with each file's size and sha256. Crash-safe (see node/index-layout.ts):
 * the build is written and fsynced in its own directory, verified, then published in one atomic rename;
 * a failed or killed ingest leaves the previous index in place, and its leftovers are removed next time.
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../server/config.js';
import { createEmbeddings, embeddingModelId, type IdentifiedEmbeddings } from '../server/embeddings/create-embeddings.js';
import { AppError } from '../server/errors.js';
import { encodeCorpus } from '../server/corpus/corpus-files.js';
import { ANALYZER_ID, CHUNKED_FILES, INDEX_FILES, INDEX_SCHEMA_VERSION, type IndexManifest } from '../server/index-format.js';
import { fileEntry, verifyIndex } from '../server/index-verify.js';
import { encodeBm25 } from '../server/retrieval/bm25-index.js';
import { encodeLexicalIndex } from '../server/retrieval/lexical-fields.js';
import { buildTranslatedIndex } from '../server/retrieval/translated-field.js';
import type { DocumentMeta, Paragraph } from '../server/types.js';
import { buildIndexLexicon, VocabularyCollector } from './lexicon/index-lexicon.js';
import { chunkedFileEntry, cleanLeftovers, currentBuild, nodeSha256, publishBuild, sealBuild, startBuild, writeDurable, type StepHook } from '../node/index-layout.js';
import { embedParagraphs, readJsonIfExists, type EmbedResult } from './embed-paragraphs.js';
import type { Translator } from '../server/translate/translator.js';
import { readCorpus } from './read-corpus.js';
import { dataDirOf, deleteUserDocuments, saveUserDocuments, type CorpusEntry, type StoredUserDocument, type UserDocumentOptions } from './user-documents.js';

export { dataDirOf, type CorpusEntry };

export interface BuildProgress {
  stage: 'read' | 'segment' | 'lexical' | 'embed' | 'write';
  done: number;
  total: number;
  detail?: string;
}

export interface BuildOptions {
  config: Config;
  /** User documents to add or replace (.txt, .md, .html, .pdf). */
  paths?: string[];
  /** `--id`, `--title`, `--numbering` for the given files. */
  userOptions?: UserDocumentOptions;
  /** Ids of user documents to remove. */
  remove?: string[];
  /** Rebuild even when nothing changed. */
  force?: boolean;
  /** Overrides the configured embeddings (tests). `null` disables them. */
  embeddings?: IdentifiedEmbeddings | null;
  /** Overrides the configured translator (tests). `null` disables translation. */
  translator?: Translator | null;
  onProgress?: (p: BuildProgress) => void;
  log?: (line: string) => void;
  /** Called at each write/publish step (crash tests). */
  onStep?: StepHook;
}

export interface BuildResult {
  indexDir: string;
  manifest: IndexManifest;
  /** False when the existing index already matched the corpus and model. */
  rebuilt: boolean;
  embedded: number;
  embeddingsFromCache: number;
}

/**
 * sha256 of `JSON.stringify({ documents, paragraphs })` (the corpus hash, unchanged since schema 4), hashed one
 * paragraph at a time (never one string of the whole corpus).
 */
function corpusHashOf(documents: DocumentMeta[], paragraphs: Paragraph[]): string {
  const hash = createHash('sha256');
  let pending = `{"documents":${JSON.stringify(documents)},"paragraphs":[`;
  paragraphs.forEach((p, i) => {
    pending += (i ? ',' : '') + JSON.stringify(p);
    if (pending.length > 1 << 20) {
      hash.update(pending, 'utf8');
      pending = '';
    }
  });
  hash.update(`${pending}]}`, 'utf8');
  return hash.digest('hex');
}

/** Writes the data files durably and returns their manifest entries. */
async function writeDataFiles(dir: string, documents: DocumentMeta[], paragraphs: Paragraph[], onStep: StepHook): Promise<IndexManifest['files']> {
  const entries: IndexManifest['files'] = {};
  const corpus = encodeCorpus(documents, paragraphs);
  await writeDurable(path.join(dir, INDEX_FILES.corpusBodies), corpus.bodies);
  entries[INDEX_FILES.corpusBodies] = chunkedFileEntry(corpus.bodies);
  corpus.bodies.length = 0;
  await onStep(`write:${INDEX_FILES.corpusBodies}`);
  const vocabulary = new VocabularyCollector();
  const encoded = encodeLexicalIndex(documents, paragraphs, (fields, p, doc) => vocabulary.add(doc.language, fields, p.text));
  const enc = new TextEncoder();
  const files: Array<[string, Uint8Array]> = [
    [INDEX_FILES.corpus, enc.encode(JSON.stringify(corpus.meta))],
    [INDEX_FILES.lexical, enc.encode(JSON.stringify(encoded.meta))],
    [INDEX_FILES.lexicalPostings, encoded.postings],
    [INDEX_FILES.lexicon, enc.encode(JSON.stringify(buildIndexLexicon(vocabulary.vocabulary)))],
  ];
  const translated = buildTranslatedIndex(paragraphs);
  if (translated) {
    const t = encodeBm25(translated);
    files.push([INDEX_FILES.translatedLexical, enc.encode(JSON.stringify(t.meta))], [INDEX_FILES.translatedPostings, t.postings]);
  }
  for (const [name, bytes] of files) {
    await writeDurable(path.join(dir, name), bytes);
    entries[name] = CHUNKED_FILES.has(name) ? chunkedFileEntry([bytes]) : await fileEntry(bytes, nodeSha256);
    await onStep(`write:${name}`);
  }
  for (const name of [INDEX_FILES.vectors, INDEX_FILES.vectorDocs]) {
    const bytes = await readFile(path.join(dir, name)).catch(() => null);
    if (bytes) entries[name] = await fileEntry(bytes, nodeSha256);
  }
  return entries;
}

async function embedInto(options: BuildOptions, dir: string, paragraphs: Paragraph[], log: (l: string) => void): Promise<EmbedResult> {
  const { config } = options;
  const dataDir = dataDirOf(config);
  const modelId = options.embeddings === undefined ? embeddingModelId(config.embeddings) : (options.embeddings?.modelId ?? null);
  const failureFile = path.join(dataDir, 'embedding-load-failure.json');
  const failure = await readJsonIfExists<{ modelId: string; error: string; at: string }>(failureFile);
  if (modelId && failure?.modelId === modelId && !config.embeddings.retryFailedLoad) {
    const embeddingError = `${modelId} could not be loaded on ${failure.at} (${failure.error}); staying lexical. Set EMBEDDINGS_RETRY_LOAD=true to try again.`;
    log(`LEXICAL MODE: ${embeddingError}`);
    return { embedding: null, embeddingError, embedded: 0, fromCache: 0 };
  }
  const embeddings = options.embeddings === undefined ? createEmbeddings(config.embeddings) : options.embeddings;
  if (!embeddings) return { embedding: null, embedded: 0, fromCache: 0 };
  const progress = (done: number, total: number) => options.onProgress?.({ stage: 'embed', done, total });
  return embedParagraphs({ config, embeddings, paragraphs, buildDir: dir, dataDir, failureFile, hadFailure: Boolean(failure), configured: options.embeddings === undefined, progress, log });
}

/** Seals the build, verifies it as the server will, saves the user documents, publishes, cleans up. */
async function publish(options: BuildOptions, tmp: string, manifest: IndexManifest, added: StoredUserDocument[]): Promise<void> {
  const onStep = options.onStep ?? (() => {});
  await writeDurable(path.join(tmp, INDEX_FILES.manifest), JSON.stringify(manifest, null, 2));
  await onStep('write:manifest');
  const build = await sealBuild(tmp, onStep);
  const verified = await verifyIndex((name) => readFile(path.join(build, name)).catch(() => null), nodeSha256);
  if ('problem' in verified) throw new AppError('ingest_failed', `The new index failed verification (${verified.problem.file}: ${verified.problem.detail}); the previous index is kept.`);
  await saveUserDocuments(options.config, added);
  await onStep('documents:saved');
  await publishBuild(options.config.indexDir, build, onStep);
  await deleteUserDocuments(options.config, options.remove ?? []);
  await cleanLeftovers(options.config.indexDir, onStep);
}

/**
 * Builds (or confirms) the index for the configured corpus, the stored user documents and the embedding model.
 * @example
 * const { manifest } = await buildIndex({ config: loadConfig(process.env), paths: ['memo.md'] });
 */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const { config } = options;
  const log = options.log ?? (() => {});
  const progress = options.onProgress ?? (() => {});
  const indexDir = path.resolve(config.indexDir);
  await cleanLeftovers(config.indexDir);

  const { added, ...read } = await readCorpus(options, log, progress);
  let corpus: { documents: DocumentMeta[]; paragraphs: Paragraph[] } | null = read;
  const corpusHash = corpusHashOf(read.documents, read.paragraphs);
  const counts = { documents: read.documents.length, paragraphs: read.paragraphs.length };
  const modelId = options.embeddings === undefined ? embeddingModelId(config.embeddings) : (options.embeddings?.modelId ?? null);
  const previous = await readJsonIfExists<IndexManifest>(path.join(indexDir, INDEX_FILES.manifest));
  const failure = await readJsonIfExists<{ modelId: string }>(path.join(dataDirOf(config), 'embedding-load-failure.json'));
  const expectedModel = modelId && failure?.modelId === modelId && !config.embeddings.retryFailedLoad ? null : modelId;
  const published = await currentBuild(config.indexDir);
  if (
    !options.force &&
    published &&
    published !== 'legacy' &&
    previous?.schemaVersion === INDEX_SCHEMA_VERSION &&
    previous.analyzer === ANALYZER_ID &&
    previous.corpusHash === corpusHash &&
    (previous.embedding?.modelId ?? null) === expectedModel &&
    previous.files?.[INDEX_FILES.lexicon]
  ) {
    await saveUserDocuments(config, added);
    log(`Index up to date (${counts.documents} documents, ${counts.paragraphs} paragraphs, corpus ${corpusHash.slice(0, 12)}); nothing to do.`);
    return { indexDir, manifest: previous, rebuilt: false, embedded: 0, embeddingsFromCache: 0 };
  }

  const tmp = await startBuild(config.indexDir);
  try {
    progress({ stage: 'lexical', done: 0, total: 1 });
    const emb = await embedInto(options, tmp, corpus.paragraphs, log);
    progress({ stage: 'write', done: 0, total: 1 });
    const files = await writeDataFiles(tmp, corpus.documents, corpus.paragraphs, options.onStep ?? (() => {}));
    corpus = null; // the verification before publishing parses the corpus again: never hold two copies
    const manifest: IndexManifest = {
      schemaVersion: INDEX_SCHEMA_VERSION,
      createdAt: new Date().toISOString(),
      corpusHash,
      ...counts,
      analyzer: ANALYZER_ID,
      embedding: emb.embedding,
      ...(emb.embeddingError ? { embeddingError: emb.embeddingError } : {}),
      files,
    };
    await publish(options, tmp, manifest, added);
    progress({ stage: 'write', done: 1, total: 1 });
    log(
      `Index built: ${counts.documents} documents, ${counts.paragraphs} paragraphs, ${emb.embedding ? `vectors ${emb.embedding.modelId} (dim ${emb.embedding.dimension}; ${emb.embedded} embedded, ${emb.fromCache} from cache)` : 'lexical only'} → ${config.indexDir}`,
    );
    return { indexDir, manifest, rebuilt: true, embedded: emb.embedded, embeddingsFromCache: emb.fromCache };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('ingest_failed', `Ingest failed: ${(err as Error).message}`, { cause: err });
  }
}
