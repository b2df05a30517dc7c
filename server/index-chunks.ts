/**
 * Chunked checksums of large index files: the manifest records the sha256 of each fixed-size chunk, and a
 * loader verifies a chunk the first time it reads bytes in it, so that starting does not hash the whole
 * corpus and no byte is used unverified. Web-standard; the digest function is passed in (it must be
 * synchronous to be used from a lazy read: Node passes node:crypto, Workers verify nothing here).
 */
import { AppError } from './errors.js';

/** Chunk size of chunked index files (1 MiB: about 3 ms of hashing on first read of a chunk). */
export const INDEX_CHUNK_SIZE = 1 << 20;

/** Files from this size on are chunked. */
export const CHUNKED_FROM_BYTES = 4 * INDEX_CHUNK_SIZE;

/** Synchronous hex sha256. */
export type SyncSha256 = (bytes: Uint8Array) => string;

/** Reads of a byte range are checked against the chunk digests before use. */
export type EnsureVerified = (start: number, end: number) => void;

/**
 * Verifies the chunks of one file on demand, each at most once; a chunk that differs throws `index_corrupt`
 * naming the file (and keeps throwing for that chunk).
 * @example
 * const v = new ChunkVerifier('corpus-bodies.bin', bytes, entry, nodeSha256);
 * v.ensure(0, 4096); // hashes chunk 0 the first time
 */
export class ChunkVerifier {
  private readonly done: Uint8Array;
  private remaining: number;

  constructor(
    readonly file: string,
    private readonly bytes: Uint8Array,
    private readonly entry: { chunkSize: number; chunks: string[] },
    private readonly sha256: SyncSha256,
  ) {
    this.done = new Uint8Array(entry.chunks.length);
    this.remaining = entry.chunks.length;
  }

  /** True once every chunk has been verified. */
  get complete(): boolean {
    return this.remaining === 0;
  }

  /** Verifies every chunk overlapping bytes [start, end). */
  ensure(start: number, end: number): void {
    if (this.remaining === 0 || end <= start) return;
    const size = this.entry.chunkSize;
    for (let c = Math.floor(start / size), last = Math.floor((end - 1) / size); c <= last; c++) if (this.done[c] !== 1) this.check(c);
  }

  /** Verifies all chunks not verified yet. */
  ensureAll(): void {
    this.ensure(0, this.bytes.byteLength);
  }

  private check(c: number): void {
    const size = this.entry.chunkSize;
    const digest = this.sha256(this.bytes.subarray(c * size, Math.min((c + 1) * size, this.bytes.byteLength)));
    if (digest !== this.entry.chunks[c]) {
      throw new AppError(
        'index_corrupt',
        `${this.file}: chunk ${c} (bytes ${c * size}–${Math.min((c + 1) * size, this.bytes.byteLength)}) differs from the manifest's sha256; the index is corrupt, re-run \`npm run ingest\`.`,
      );
    }
    this.done[c] = 1;
    this.remaining--;
  }
}
