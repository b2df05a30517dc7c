/** LangChain `VectorStore` over hnswlib-node (cosine space), saved as `vectors.hnsw` + `vectors-docs.json`. */
import { open, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, type DocumentInterface } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { VectorStore } from '@langchain/core/vectorstores';
import hnswlib from 'hnswlib-node';
import type { Config } from '../server/config.js';
import { AppError } from '../server/errors.js';

const { HierarchicalNSW } = hnswlib;
type Index = InstanceType<typeof HierarchicalNSW>;

/** File names written by {@link HnswVectorStore.save}. */
export const HNSW_INDEX_FILE = 'vectors.hnsw';
export const HNSW_DOCS_FILE = 'vectors-docs.json';
const FORMAT = 1;

/** Options of {@link HnswVectorStore}. */
export interface HnswVectorStoreOptions {
  /** Vector length; otherwise taken from the first vectors added. */
  dimension?: number;
  /** HNSW graph degree (default 16). */
  m?: number;
  /** Construction beam width (default 100). */
  efConstruction?: number;
  /** Search beam width, raised to k when smaller (default 64). */
  ef?: number;
}

/**
 * The store options of the configuration (`HNSW_M`, `HNSW_EF_CONSTRUCTION`, `HNSW_EF_SEARCH`).
 * @example
 * new HnswVectorStore(embeddings, { dimension: 384, ...hnswOptions(loadConfig(process.env)) });
 */
export function hnswOptions(config: Pick<Config, 'hnsw'>): Required<Omit<HnswVectorStoreOptions, 'dimension'>> {
  return { m: config.hnsw.m, efConstruction: config.hnsw.efConstruction, ef: config.hnsw.efSearch };
}

interface DocsFile {
  format: number;
  space: 'cosine';
  dimension: number;
  count: number;
  documents: Array<{ id?: string; pageContent: string; metadata: Record<string, unknown> }>;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Vector length recorded in an hnswlib index header (label_offset − offsetData, float32 data). */
async function indexFileDimension(path: string): Promise<number | undefined> {
  const fh = await open(path, 'r');
  try {
    const header = Buffer.alloc(48);
    const { bytesRead } = await fh.read(header, 0, 48, 0);
    if (bytesRead < 48) return undefined;
    const labelOffset = Number(header.readBigUInt64LE(32));
    const offsetData = Number(header.readBigUInt64LE(40));
    const bytes = labelOffset - offsetData;
    return bytes > 0 && bytes % 4 === 0 ? bytes / 4 : undefined;
  } finally {
    await fh.close();
  }
}

/**
 * Approximate nearest-neighbour store over hnswlib-node in cosine space.
 * Scores are cosine similarities (1 − cosine distance), best first; `k` is capped at the number of vectors.
 * The filter, if any, is a predicate on documents.
 * @example
 * const store = new HnswVectorStore(embeddings);
 * await store.addDocuments([new Document({ pageContent: 'Article 421-1 …', metadata: { doc: 'code-penal' } })]);
 * const hits = await store.similaritySearchWithScore('terrorist act definition', 5);
 * await store.save('data/index');
 * const again = await HnswVectorStore.load('data/index', embeddings);
 */
export class HnswVectorStore extends VectorStore {
  declare FilterType: (doc: DocumentInterface) => boolean;

  private index?: Index;
  private docs: DocumentInterface[] = [];
  private dim?: number;
  private readonly settings: Required<Omit<HnswVectorStoreOptions, 'dimension'>>;

  constructor(embeddings: EmbeddingsInterface, options: HnswVectorStoreOptions = {}) {
    super(embeddings, options);
    this.dim = options.dimension;
    this.settings = { m: options.m ?? 16, efConstruction: options.efConstruction ?? 100, ef: options.ef ?? 64 };
  }

  _vectorstoreType(): string {
    return 'hnswlib-node';
  }

  /** Vector length, once known. */
  get dimension(): number | undefined {
    return this.dim;
  }

  /** Number of stored vectors. */
  get count(): number {
    return this.docs.length;
  }

  async addDocuments(documents: DocumentInterface[]): Promise<string[]> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    return this.addVectors(vectors, documents);
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<string[]> {
    if (vectors.length !== documents.length) {
      throw new RangeError(`addVectors got ${vectors.length} vectors for ${documents.length} documents.`);
    }
    if (vectors.length === 0) return [];
    const dim = this.dim ?? vectors[0].length;
    vectors.forEach((v, i) => {
      if (v.length !== dim) throw this.mismatch(`vector ${i} has dimension ${v.length}, the store has dimension ${dim}`);
    });
    this.dim = dim;
    const index = this.ensureIndex(this.docs.length + vectors.length);
    const ids: string[] = [];
    vectors.forEach((v, i) => {
      const label = this.docs.length;
      index.addPoint(v, label);
      const doc = documents[i];
      this.docs.push(new Document({ pageContent: doc.pageContent, metadata: { ...doc.metadata }, id: doc.id }));
      ids.push(doc.id ?? String(label));
    });
    return ids;
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this['FilterType']): Promise<[DocumentInterface, number][]> {
    if (!this.index || this.docs.length === 0 || k <= 0) return [];
    if (query.length !== this.dim) throw this.mismatch(`the query vector has dimension ${query.length}, the index has dimension ${this.dim}`);
    const n = Math.min(Math.floor(k), this.docs.length);
    this.index.setEf(Math.max(this.settings.ef, n));
    const { neighbors, distances } = filter ? this.index.searchKnn(query, n, (label: number) => filter(this.docs[label])) : this.index.searchKnn(query, n);
    return neighbors.map((label, i): [DocumentInterface, number] => [this.docs[label], 1 - distances[i]]).sort((a, b) => b[1] - a[1]);
  }

  /**
   * Writes `vectors.hnsw` and `vectors-docs.json` into `dir` (created if needed).
   * @example
   * await store.save('data/index');
   */
  async save(dir: string): Promise<void> {
    if (this.dim === undefined) throw new AppError('ingest_failed', 'Cannot save an empty HnswVectorStore whose dimension is unknown.');
    const index = this.ensureIndex(Math.max(1, this.docs.length));
    await mkdir(dir, { recursive: true });
    const indexPath = join(dir, HNSW_INDEX_FILE);
    const docsPath = join(dir, HNSW_DOCS_FILE);
    const docsFile: DocsFile = {
      format: FORMAT,
      space: 'cosine',
      dimension: this.dim,
      count: this.docs.length,
      documents: this.docs.map((d) => ({ ...(d.id !== undefined ? { id: d.id } : {}), pageContent: d.pageContent, metadata: d.metadata })),
    };
    await index.writeIndex(`${indexPath}.tmp`);
    await writeFile(`${docsPath}.tmp`, JSON.stringify(docsFile));
    await rename(`${indexPath}.tmp`, indexPath);
    await rename(`${docsPath}.tmp`, docsPath);
  }

  /**
   * Reads a store written by {@link HnswVectorStore.save}. Rejects with `AppError('index_missing')` when a file is
   * missing and `AppError('index_mismatch')` when the files disagree or `expectedDimension` differs.
   * @example
   * const store = await HnswVectorStore.load('data/index', embeddings, { expectedDimension: 384 });
   */
  static async load(dir: string, embeddings: EmbeddingsInterface, options: HnswVectorStoreOptions & { expectedDimension?: number } = {}): Promise<HnswVectorStore> {
    const indexPath = join(dir, HNSW_INDEX_FILE);
    const docsPath = join(dir, HNSW_DOCS_FILE);
    const missing = [];
    for (const p of [indexPath, docsPath]) if (!(await exists(p))) missing.push(p);
    if (missing.length > 0) {
      throw new AppError('index_missing', `No vector index in "${dir}": missing ${missing.join(' and ')}. Run \`npm run ingest\` with embeddings enabled.`);
    }
    let parsed: DocsFile;
    try {
      parsed = JSON.parse(await readFile(docsPath, 'utf8')) as DocsFile;
    } catch (err) {
      throw new AppError('index_mismatch', `${docsPath} is not valid JSON. Re-run \`npm run ingest\`.`, { cause: err });
    }
    if (parsed?.format !== FORMAT || !Number.isInteger(parsed.dimension) || parsed.dimension < 1 || !Array.isArray(parsed.documents)) {
      throw new AppError('index_mismatch', `${docsPath} is not a vector store file of format ${FORMAT}. Re-run \`npm run ingest\`.`);
    }
    const fileDim = await indexFileDimension(indexPath);
    if (fileDim !== parsed.dimension) {
      throw new AppError(
        'index_mismatch',
        `Dimension mismatch in "${dir}": ${HNSW_DOCS_FILE} says ${parsed.dimension}, ${HNSW_INDEX_FILE} holds ${fileDim ?? 'unreadable'}-dimensional vectors. Re-run \`npm run ingest\`.`,
      );
    }
    if (options.expectedDimension !== undefined && options.expectedDimension !== parsed.dimension) {
      throw new AppError(
        'index_mismatch',
        `Dimension mismatch: the index in "${dir}" has ${parsed.dimension}-dimensional vectors, the embedding model gives ${options.expectedDimension}. Re-run \`npm run ingest\`.`,
      );
    }
    const store = new HnswVectorStore(embeddings, { ...options, dimension: parsed.dimension });
    const index = new HierarchicalNSW('cosine', parsed.dimension);
    try {
      await index.readIndex(indexPath);
    } catch (err) {
      throw new AppError('index_mismatch', `Could not read ${indexPath}: ${err instanceof Error ? err.message : String(err)}. Re-run \`npm run ingest\`.`, { cause: err });
    }
    if (index.getCurrentCount() !== parsed.documents.length) {
      throw new AppError('index_mismatch', `"${dir}" holds ${index.getCurrentCount()} vectors but ${parsed.documents.length} documents. Re-run \`npm run ingest\`.`);
    }
    store.index = index;
    store.docs = parsed.documents.map((d) => new Document({ pageContent: d.pageContent, metadata: d.metadata ?? {}, id: d.id }));
    return store;
  }

  private ensureIndex(capacity: number): Index {
    if (!this.index) {
      this.index = new HierarchicalNSW('cosine', this.dim as number);
      this.index.initIndex({ maxElements: capacity, m: this.settings.m, efConstruction: this.settings.efConstruction, randomSeed: 100 });
    } else if (this.index.getMaxElements() < capacity) {
      this.index.resizeIndex(Math.max(capacity, this.index.getMaxElements() * 2));
    }
    return this.index;
  }

  private mismatch(detail: string): AppError {
    return new AppError('index_mismatch', `Dimension mismatch: ${detail}. Was the index built with another embedding model? Re-run \`npm run ingest\`.`);
  }
}
