/** Test fixture: the vendored corpus segmented and indexed in memory, and the app built on it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { segmentDocument } from '../../ingest/segment.js';
import type { Answerer } from '../../server/answer/answerer.js';
import { createApp } from '../../server/app.js';
import { assembleChat } from '../../server/assemble.js';
import { loadConfig } from '../../server/config.js';
import type { CorpusData } from '../../server/corpus/corpus-store.js';
import { buildLexicalIndex } from '../../server/retrieval/lexical-fields.js';
import type { DocumentMeta, Paragraph } from '../../server/types.js';
import { silentLogger, type Logger } from '../../server/logging/logger.js';
import type { ClientAddress } from '../../server/security/rate-limit.js';

const root = path.resolve(import.meta.dirname, '../..');

let cached: CorpusData | null = null;

/** The five vendored documents, segmented as ingest does. */
export function vendoredCorpus(): CorpusData {
  if (cached) return cached;
  const meta = JSON.parse(readFileSync(path.join(root, 'corpus/corpus.json'), 'utf8')).documents as Array<Omit<DocumentMeta, 'numbering' | 'paragraphCount'> & { file: string }>;
  const documents: DocumentMeta[] = [];
  const paragraphs: Paragraph[] = [];
  for (const { file, ...m } of meta) {
    const seg = segmentDocument(m.id, readFileSync(path.join(root, 'corpus', file), 'utf8'));
    documents.push({ ...m, numbering: seg.numbering, paragraphCount: seg.paragraphs.length });
    paragraphs.push(...seg.paragraphs);
  }
  cached = { documents, paragraphs };
  return cached;
}

/**
 * The app over the vendored corpus, lexical mode.
 * @example
 * const { app } = corpusApp();
 * await app.request('/api/documents');
 */
export function corpusApp(options: { glossary?: boolean; env?: Record<string, string>; answerer?: Answerer; logger?: Logger; clientAddress?: ClientAddress } = {}) {
  const corpus = vendoredCorpus();
  const config = loadConfig({ EMBEDDINGS_PROVIDER: 'none', ...options.env });
  const logger = options.logger ?? silentLogger;
  const assembled = assembleChat({
    corpus,
    lexical: buildLexicalIndex(corpus.documents, corpus.paragraphs),
    glossary: options.glossary ?? true,
    guard: { limits: config.limits, logger },
    ...(options.answerer ? { answerer: options.answerer } : {}),
  });
  const app = createApp({
    config,
    store: assembled.store,
    chat: assembled.chat,
    guards: assembled.guards,
    ...(options.clientAddress ? { clientAddress: options.clientAddress } : {}),
    health: () => ({
      status: 'ok',
      retrieval: { mode: 'lexical' },
      embedding: { provider: 'none', model: null, dimension: null, status: 'disabled' },
      answerer: assembled.answerer.name,
      corpus: { documents: corpus.documents.length, paragraphs: corpus.paragraphs.length, corpusHash: 'test', indexedAt: 'test' },
    }),
    logger,
  });
  return { app, config, ...assembled };
}
