/**
 * The stored corpus in two files, so that loading a large index parses no paragraph text:
 * - `corpus-meta.json`: the documents, and the paragraphs' small fields in columns (repeated strings through
 *   one string table), with the byte offsets of each paragraph's body;
 * - `corpus-bodies.bin`: each paragraph's remaining fields (`text`, `items`, `translation`) as one UTF-8 JSON
 *   object, concatenated.
 * Loaded paragraphs are plain objects whose body fields are enumerable accessors: the body is decoded (and
 * its bytes verified, when a verifier is given) the first time one of them is read, then kept. JSON, spread
 * and `Object.keys` see the same fields, in the same order, as the paragraph that was written. Web-standard.
 */
import { AppError } from '../errors.js';
import type { EnsureVerified } from '../index-chunks.js';
import type { DocumentMeta, Paragraph } from '../types.js';
import type { CorpusData } from './corpus-store.js';

/** Fields kept in the columns; every other field of a paragraph goes to its body. */
const TABLED = ['documentId', 'section', 'kind', 'unit'] as const;
const PLAIN = ['label', 'index', 'eId', 'title'] as const;
const COLUMN_KEYS: ReadonlySet<string> = new Set([...TABLED, ...PLAIN]);

/** The JSON of `corpus-meta.json`. */
export interface CorpusMeta {
  version: 1;
  documents: DocumentMeta[];
  count: number;
  /** Distinct field orders of the paragraphs; `shape[i]` is paragraph i's. */
  shapes: string[][];
  shape: number[];
  /** Values of the tabled fields; their columns hold indexes into it, -1 when the field is absent. */
  strings: string[];
  tabled: Record<(typeof TABLED)[number], number[]>;
  /** The other column fields, null when absent. */
  plain: Record<(typeof PLAIN)[number], Array<string | number | null>>;
  /** Paragraph i's body is bytes [offsets[i], offsets[i + 1]) of `corpus-bodies.bin`. */
  offsets: number[];
}

/** The two files' contents: the metadata and the bodies as UTF-8 chunks (never one string of the whole corpus). */
export interface EncodedCorpus {
  meta: CorpusMeta;
  bodies: Uint8Array[];
  bodyBytes: number;
}

/**
 * Splits a corpus into its metadata columns and body chunks.
 * @example
 * const { meta, bodies } = encodeCorpus(documents, paragraphs);
 */
export function encodeCorpus(documents: DocumentMeta[], paragraphs: Paragraph[]): EncodedCorpus {
  const enc = new TextEncoder();
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const shapeIds = new Map<string, number>();
  const meta: CorpusMeta = {
    version: 1,
    documents,
    count: paragraphs.length,
    shapes: [],
    shape: [],
    strings,
    tabled: { documentId: [], section: [], kind: [], unit: [] },
    plain: { label: [], index: [], eId: [], title: [] },
    offsets: [0],
  };
  const bodies: Uint8Array[] = [];
  let pending = '';
  let bytes = 0;
  const flush = () => {
    const chunk = enc.encode(pending);
    bodies.push(chunk);
    bytes += chunk.byteLength;
    pending = '';
  };
  for (const p of paragraphs) {
    const record = p as unknown as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined);
    const shapeKey = keys.join(',');
    let shape = shapeIds.get(shapeKey);
    if (shape === undefined) shapeIds.set(shapeKey, (shape = meta.shapes.push(keys) - 1));
    meta.shape.push(shape);
    for (const k of TABLED) {
      const v = record[k];
      if (typeof v !== 'string') {
        meta.tabled[k].push(-1);
        continue;
      }
      let id = stringIds.get(v);
      if (id === undefined) stringIds.set(v, (id = strings.push(v) - 1));
      meta.tabled[k].push(id);
    }
    for (const k of PLAIN) meta.plain[k].push((record[k] as string | number | undefined) ?? null);
    const body: Record<string, unknown> = {};
    for (const k of keys) if (!COLUMN_KEYS.has(k)) body[k] = record[k];
    const json = JSON.stringify(body);
    pending += json;
    // Byte offsets: UTF-8 length of the JSON (computed without encoding it twice).
    meta.offsets.push(meta.offsets[meta.offsets.length - 1] + utf8Length(json));
    if (pending.length > 1 << 20) flush();
  }
  flush();
  return { meta, bodies, bodyBytes: bytes };
}

/** UTF-8 byte length of a string (lone surrogates count as U+FFFD, as TextEncoder writes them). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes paragraph bodies on demand, each once. */
class Bodies {
  private readonly cache: Array<Record<string, unknown> | undefined>;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly offsets: number[],
    private readonly ensure: EnsureVerified | undefined,
  ) {
    this.cache = new Array(offsets.length - 1);
  }

  get(i: number): Record<string, unknown> {
    const cached = this.cache[i];
    if (cached) return cached;
    const start = this.offsets[i];
    const end = this.offsets[i + 1];
    this.ensure?.(start, end);
    let body: unknown;
    try {
      body = JSON.parse(decoder.decode(this.bytes.subarray(start, end)));
    } catch (err) {
      throw new AppError('index_corrupt', `corpus-bodies.bin: the body of paragraph ${i} is not valid JSON (${(err as Error).message}); re-run \`npm run ingest\`.`);
    }
    if (typeof body !== 'object' || body === null || typeof (body as { text?: unknown }).text !== 'string')
      throw new AppError('index_corrupt', `corpus-bodies.bin: the body of paragraph ${i} has no text; re-run \`npm run ingest\`.`);
    return (this.cache[i] = body as Record<string, unknown>);
  }
}

/** Position of a loaded paragraph in its corpus, for the shared body accessors (non-enumerable: JSON, spread and `Object.keys` skip it). */
const POSITION = Symbol('paragraph position');
/** The bodies a loaded paragraph reads from, on the prototype its corpus's paragraphs share. */
const BODIES = Symbol('paragraph bodies');

type Loaded = Record<string, unknown> & { [POSITION]: number; [BODIES]: Bodies };

/** One accessor per body field, shared by every paragraph (no closure per paragraph: loading 10^5 stays cheap). */
const accessors = new Map<string, PropertyDescriptor>();
function accessor(k: string): PropertyDescriptor {
  let d = accessors.get(k);
  if (!d) {
    d = {
      enumerable: true,
      configurable: true,
      get(this: Loaded) {
        return this[BODIES].get(this[POSITION])[k];
      },
      set(this: Loaded, v: unknown) {
        this[BODIES].get(this[POSITION])[k] = v;
      },
    };
    accessors.set(k, d);
  }
  return d;
}

/**
 * Paragraph objects over the stored files: column fields set, body fields read through on first use.
 * `ensure` (optional) verifies a byte range of the bodies before it is decoded.
 * @example
 * const corpus = decodeCorpus(meta, bodies, (s, e) => verifier.ensure(s, e));
 * corpus.paragraphs[0].text; // decoded now
 */
export function decodeCorpus(meta: CorpusMeta, bodyBytes: Uint8Array, ensure?: EnsureVerified): CorpusData {
  const bodies = new Bodies(bodyBytes, meta.offsets, ensure);
  const { strings, tabled, plain } = meta;
  // Per shape: each field's column (tabled or plain) or its shared accessor.
  const shapes = meta.shapes.map((keys) =>
    keys.map((k) => ({
      k,
      tabled: k in tabled ? tabled[k as (typeof TABLED)[number]] : null,
      plain: k in plain ? plain[k as (typeof PLAIN)[number]] : null,
      body: COLUMN_KEYS.has(k) ? null : accessor(k),
    })),
  );
  const paragraphs = new Array<Paragraph>(meta.count);
  const proto = Object.create(Object.prototype, { [BODIES]: { value: bodies } }) as object;
  // One descriptor reused for every position: `Object.create(proto, { [POSITION]: … })` builds and reads a
  // descriptor map per paragraph, several times slower at 10^5 paragraphs.
  const position: PropertyDescriptor = { value: 0, writable: false, enumerable: false, configurable: false };
  for (let i = 0; i < meta.count; i++) {
    const p = Object.create(proto) as Loaded;
    position.value = i;
    Object.defineProperty(p, POSITION, position);
    for (const f of shapes[meta.shape[i]]) {
      if (f.body) Object.defineProperty(p, f.k, f.body);
      else p[f.k] = f.tabled ? strings[f.tabled[i]] : f.plain![i];
    }
    paragraphs[i] = p as unknown as Paragraph;
  }
  return { documents: meta.documents, paragraphs };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks `corpus-meta.json` against the manifest's counts and the bodies' size; returns the reason of the first problem, or null.
 * @example
 * const problem = corpusMetaProblem(meta, { documents: 6, paragraphs: 320 }, bodies.byteLength);
 */
export function corpusMetaProblem(raw: unknown, counts: { documents: number; paragraphs: number }, bodyBytes: number): string | null {
  if (!isObject(raw) || raw.version !== 1 || !Array.isArray(raw.documents) || !isObject(raw.tabled) || !isObject(raw.plain)) return 'must hold "documents" and the paragraph columns (version 1)';
  const m = raw as unknown as CorpusMeta;
  if (m.documents.length !== counts.documents) return `${m.documents.length} documents, the manifest says ${counts.documents}`;
  if (m.count !== counts.paragraphs) return `${String(m.count)} paragraphs, the manifest says ${counts.paragraphs}`;
  const n = m.count;
  const columns = [m.shape, m.offsets, ...TABLED.map((k) => m.tabled[k]), ...PLAIN.map((k) => m.plain[k])];
  if (!Array.isArray(m.shapes) || !Array.isArray(m.strings) || columns.some((c) => !Array.isArray(c) || c.length !== (c === m.offsets ? n + 1 : n)))
    return `every paragraph column must have ${n} entries`;
  const perDoc = new Map<string, number>();
  for (const d of m.documents) if (isObject(d) && typeof d.id === 'string') perDoc.set(d.id, 0);
  if (perDoc.size !== m.documents.length) return 'documents need distinct string ids';
  if (m.shapes.some((s) => !Array.isArray(s) || !s.includes('text') || s.some((k) => typeof k !== 'string'))) return 'a paragraph shape lacks text';
  if (m.offsets[0] !== 0 || m.offsets[n] !== bodyBytes) return `the body offsets end at ${String(m.offsets[n])}, corpus-bodies.bin has ${bodyBytes} bytes`;
  for (let i = 0; i < n; i++) {
    const doc = m.strings[m.tabled.documentId[i]];
    if (!m.shapes[m.shape[i]] || typeof m.plain.label[i] !== 'string' || !perDoc.has(doc) || !(m.offsets[i + 1] >= m.offsets[i])) return 'a paragraph lacks text, label or a known documentId';
    perDoc.set(doc, perDoc.get(doc)! + 1);
  }
  for (const [id, count] of perDoc) if (count === 0) return `document "${id}" has an empty paragraph list`;
  return null;
}
