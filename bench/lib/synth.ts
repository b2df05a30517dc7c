/**
 * Deterministic synthetic corpora for the growth stage: real sentences of the corpus recombined (seeded
 * PRNG) into new paragraphs, grouped into documents of ~50 numbered paragraphs ("1. …"), written as .txt
 * files with a `corpus.json` manifest that also lists the real documents (so gold paragraphs still exist).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusEntry } from '../../ingest/build-index.js';
import type { CorpusData } from '../../server/corpus/corpus-store.js';
import { splitSentences } from '../../server/text/sentences.js';
import { mulberry32 } from '../../evals/lib/metrics.js';

/**
 * The sentence pool: sentences of the real paragraphs, on one line, without list bullets.
 * @example
 * sentencePool(corpus).length // a few hundred for the vendored corpus
 */
export function sentencePool(corpus: CorpusData): string[] {
  const out = new Set<string>();
  for (const p of corpus.paragraphs) {
    for (const s of splitSentences(p.text)) {
      const clean = s
        .replace(/^[•▪◦‣∙·*\-–—]\s*/, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (clean.length >= 30 && clean.length <= 500) out.add(clean);
    }
  }
  return [...out];
}

export interface SyntheticCorpus {
  corpusDir: string;
  /** Paragraphs written (synthetic ones plus the real corpus's). */
  paragraphs: number;
  documents: number;
  bytes: number;
}

export interface SynthOptions {
  /** Output directory (becomes CORPUS_DIR). */
  dir: string;
  /** Total paragraphs wanted, real ones included. */
  paragraphs: number;
  /** The real corpus: sentence source, and its documents are kept in the manifest. */
  real: CorpusData;
  /** Manifest entries of the real corpus and the directory their files live in. */
  realEntries: CorpusEntry[];
  realCorpusDir: string;
  seed?: number;
  perDocument?: number;
}

const TOPICS = ['coopération', 'prévention', 'financement', 'frontières', 'droits de l’homme', 'cybersécurité', 'victimes', 'radicalisation', 'justice pénale', 'échange d’informations'];

/**
 * Writes a synthetic corpus of about `paragraphs` paragraphs into `dir`.
 * @example
 * const s = await writeSyntheticCorpus({ dir: '/tmp/s1k', paragraphs: 1000, real, realEntries, realCorpusDir: 'corpus' });
 */
export async function writeSyntheticCorpus(options: SynthOptions): Promise<SyntheticCorpus> {
  const rand = mulberry32(options.seed ?? 20240601);
  const pool = sentencePool(options.real);
  if (pool.length < 10) throw new Error(`sentence pool too small (${pool.length})`);
  const perDoc = options.perDocument ?? 50;
  const synthetic = Math.max(0, options.paragraphs - options.real.paragraphs.length);
  const docCount = Math.ceil(synthetic / perDoc);
  await mkdir(options.dir, { recursive: true });
  const entries: CorpusEntry[] = options.realEntries.map((e) => ({ ...e, file: path.resolve(options.realCorpusDir, e.file) }));
  let bytes = 0;
  let written = 0;
  const width = String(docCount).length;
  for (let d = 0; d < docCount; d++) {
    const n = Math.min(perDoc, synthetic - written);
    const no = String(d + 1).padStart(width, '0');
    const topic = TOPICS[Math.floor(rand() * TOPICS.length)];
    const title = `Recueil synthétique ${no} sur la ${topic}`;
    const parts: string[] = [title];
    for (let i = 1; i <= n; i++) {
      const k = 2 + Math.floor(rand() * 3);
      const sentences: string[] = [];
      for (let j = 0; j < k; j++) sentences.push(pool[Math.floor(rand() * pool.length)]);
      parts.push(`${i}. ${sentences.join(' ')}`);
    }
    const text = parts.join('\n\n') + '\n';
    const file = `synth-${no}.txt`;
    await writeFile(path.join(options.dir, file), text);
    bytes += Buffer.byteLength(text);
    written += n;
    entries.push({
      id: `synth-${no}`,
      file,
      title,
      shortTitle: `Recueil synthétique ${no}`,
      organisation: 'Corpus synthétique (bench)',
      date: '2024-01-01',
      language: 'fr',
      source: `synthetic corpus, seed ${options.seed ?? 20240601}`,
    });
  }
  await writeFile(path.join(options.dir, 'corpus.json'), JSON.stringify({ documents: entries }, null, 1));
  return { corpusDir: options.dir, paragraphs: written + options.real.paragraphs.length, documents: entries.length, bytes };
}
