/** The configurations the runner can evaluate side by side, and which of them can run here. */

export interface EvalConfiguration {
  name: string;
  description: string;
  /** Environment overrides passed to `loadConfig({ ...env, ...overrides })`. */
  env: Record<string, string>;
  needs: Array<'embeddings' | 'llm'>;
  retrieval: 'lexical' | 'dense' | 'hybrid';
}

export const CONFIGURATIONS: readonly EvalConfiguration[] = [
  {
    name: 'lexical+glossary',
    description: 'BM25 retrieval with the English→French glossary, extractive answers',
    env: { RETRIEVAL_MODE: 'lexical', GLOSSARY: 'on', ANSWERER: 'extractive' },
    needs: [],
    retrieval: 'lexical',
  },
  {
    name: 'lexical-no-glossary',
    description: 'BM25 retrieval without the glossary, extractive answers',
    env: { RETRIEVAL_MODE: 'lexical', GLOSSARY: 'off', ANSWERER: 'extractive' },
    needs: [],
    retrieval: 'lexical',
  },
  { name: 'dense', description: 'Vector retrieval only, extractive answers', env: { RETRIEVAL_MODE: 'dense', GLOSSARY: 'on', ANSWERER: 'extractive' }, needs: ['embeddings'], retrieval: 'dense' },
  { name: 'hybrid', description: 'BM25 + vectors fused, extractive answers', env: { RETRIEVAL_MODE: 'hybrid', GLOSSARY: 'on', ANSWERER: 'extractive' }, needs: ['embeddings'], retrieval: 'hybrid' },
  { name: 'llm', description: 'LLM answers over the best available retrieval', env: { ANSWERER: 'llm', GLOSSARY: 'on' }, needs: ['llm'], retrieval: 'lexical' },
];

export interface Availability {
  embeddings: boolean;
  llm: boolean;
  embeddingsReason: string;
  llmReason: string;
}

/**
 * Which optional components are configured: an embedding provider (EMBEDDINGS_PROVIDER other than `none`,
 * EMBEDDINGS_BASE_URL or EMBEDDINGS_MODEL_DIR set, or `--embeddings`) and an LLM (LLM_BASE_URL set).
 * @example
 * detectAvailability({ LLM_BASE_URL: 'http://localhost:11434/v1' }, false).llm // true
 */
export function detectAvailability(env: Record<string, string | undefined>, forceEmbeddings: boolean): Availability {
  const set = (k: string) => (env[k] ?? '').trim() !== '';
  const provider = (env.EMBEDDINGS_PROVIDER ?? '').trim();
  const embeddings = forceEmbeddings || (provider !== '' && provider !== 'none') || set('EMBEDDINGS_BASE_URL') || set('EMBEDDINGS_MODEL_DIR');
  const llm = set('LLM_BASE_URL');
  return {
    embeddings: embeddings && provider !== 'none',
    llm,
    embeddingsReason:
      provider === 'none' ? 'EMBEDDINGS_PROVIDER=none' : 'no embedding provider configured (set EMBEDDINGS_PROVIDER, EMBEDDINGS_BASE_URL or EMBEDDINGS_MODEL_DIR, or pass --embeddings)',
    llmReason: 'LLM_BASE_URL is not set',
  };
}

export interface Selection {
  run: EvalConfiguration[];
  notRun: Array<{ configuration: EvalConfiguration; reason: string }>;
}

/**
 * Chooses the configurations to run. Without `names` or `mode`: both lexical ones always, dense and hybrid
 * when embeddings are configured, llm when an LLM is. Explicitly named configurations that cannot run throw.
 * @example
 * selectConfigurations({ availability: detectAvailability({}, false) }).run.map((c) => c.name)
 * // ['lexical+glossary', 'lexical-no-glossary']
 */
export function selectConfigurations(opts: { names?: string[]; mode?: 'lexical' | 'dense' | 'hybrid'; availability: Availability }): Selection {
  const { availability: a } = opts;
  const missing = (c: EvalConfiguration) => c.needs.map((n) => (n === 'embeddings' ? (a.embeddings ? '' : a.embeddingsReason) : a.llm ? '' : a.llmReason)).filter(Boolean);
  const withRetrieval = (c: EvalConfiguration): EvalConfiguration =>
    c.name === 'llm' && a.embeddings ? { ...c, retrieval: 'hybrid', env: { ...c.env, RETRIEVAL_MODE: 'hybrid' } } : c.name === 'llm' ? { ...c, env: { ...c.env, RETRIEVAL_MODE: 'lexical' } } : c;
  if (opts.names && opts.names.length) {
    const unknown = opts.names.filter((n) => !CONFIGURATIONS.some((c) => c.name === n));
    if (unknown.length) throw new Error(`Unknown configuration(s): ${unknown.join(', ')}. Known: ${CONFIGURATIONS.map((c) => c.name).join(', ')}.`);
    const chosen = CONFIGURATIONS.filter((c) => opts.names!.includes(c.name));
    const blocked = chosen.filter((c) => missing(c).length);
    if (blocked.length) throw new Error(blocked.map((c) => `Configuration "${c.name}" cannot run: ${missing(c).join('; ')}.`).join('\n'));
    return { run: chosen.map(withRetrieval), notRun: [] };
  }
  let candidates = CONFIGURATIONS.map(withRetrieval);
  if (opts.mode) {
    candidates = candidates.filter((c) => c.name !== 'llm' && c.retrieval === opts.mode);
    const blocked = candidates.filter((c) => missing(c).length);
    if (blocked.length) throw new Error(blocked.map((c) => `--mode ${opts.mode}: configuration "${c.name}" cannot run: ${missing(c).join('; ')}.`).join('\n'));
  }
  return {
    run: candidates.filter((c) => missing(c).length === 0),
    notRun: candidates.filter((c) => missing(c).length).map((c) => ({ configuration: c, reason: missing(c).join('; ') })),
  };
}
