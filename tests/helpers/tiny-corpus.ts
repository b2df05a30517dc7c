/** Test fixture: a tiny synthetic corpus (one French plan, one English act) and the pipeline's stage dependencies over it. */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { VectorStoreInterface } from '@langchain/core/vectorstores';
import { CorpusStore, type CorpusData } from '../../server/corpus/corpus-store.js';
import { DEFAULT_RANKING_PARAMS, type RankingParams } from '../../server/pipeline/params.js';
import { AnswerPipeline } from '../../server/pipeline/pipeline.js';
import { Bm25Index } from '../../server/retrieval/bm25-index.js';
import { DocumentCues } from '../../server/retrieval/document-cues.js';
import { buildLexicalIndex } from '../../server/retrieval/lexical-fields.js';
import { QueryPlanner } from '../../server/retrieval/query-planner.js';
import { Glossary } from '../../server/text/glossary.js';
import type { DocumentMeta, Paragraph, RetrievalMode } from '../../server/types.js';

const doc = (m: Partial<DocumentMeta> & Pick<DocumentMeta, 'id' | 'title' | 'shortTitle' | 'language'>, n: number): DocumentMeta => ({
  organisation: 'Test',
  date: '2001-12-04',
  source: 'https://example.org',
  numbering: 'numbered',
  paragraphCount: n,
  ...m,
});
const para = (documentId: string, label: string, index: number, text: string, extra: Partial<Paragraph> = {}): Paragraph => ({ documentId, label, index, text, kind: 'numbered', ...extra });

/** "Plan Alpha" (French, numbered paragraphs) and "Beta Act" (English, sections). */
export const TINY: CorpusData = {
  documents: [
    doc({ id: 'alpha', title: 'Plan d’action Alpha', shortTitle: 'Plan Alpha', shortTitleEn: 'Alpha Plan', language: 'fr', aliases: 'Plan Alpha; Alpha Plan' }, 5),
    doc({ id: 'beta', title: 'Beta Act', shortTitle: 'Beta Act', language: 'en', unit: 'section' }, 2),
  ],
  paragraphs: [
    para('alpha', '1', 0, 'Les États participants s’efforceront de ratifier les conventions relatives au terrorisme d’ici le 31 décembre 2002.'),
    para('alpha', '2', 1, 'Les États prendront des mesures pour prévenir et réprimer le financement du terrorisme et gèleront les avoirs des terroristes.'),
    para('alpha', '3', 2, 'Le Comité de coordination se réunira deux fois par an à Vienne.'),
    para('alpha', '4', 3, 'Domaines prioritaires : a) la coopération judiciaire ; b) la sécurité des documents de voyage ; c) la protection des droits de l’homme.', {
      items: [{ path: ['a)'], eId: 'para_4__point_a', start: 24, end: 50 }],
    }),
    para('alpha', '5', 4, 'Le Bureau des institutions démocratiques aidera les États à rédiger leur législation antiterroriste.'),
    para('beta', '1', 5, 'The Minister may designate an entity as a terrorist entity by order.', { unit: 'section' }),
    para('beta', '2', 6, 'A person who finances terrorism is liable to imprisonment for a term of ten years.', { unit: 'section' }),
  ],
};

/** Stage dependencies over the tiny corpus (lexical, glossary on). */
export function tinyDeps(
  opts: { params?: Partial<RankingParams>; mode?: RetrievalMode; vectorStore?: VectorStoreInterface | null; embeddings?: EmbeddingsInterface | null; onDenseError?: (e: unknown) => void } = {},
) {
  const store = new CorpusStore(TINY);
  const lexical = Bm25Index.fromData(buildLexicalIndex(TINY.documents, TINY.paragraphs));
  const cues = new DocumentCues(store.documents());
  const planner = new QueryPlanner({ store, lexical, cues, glossary: new Glossary() });
  const params: RankingParams = { ...DEFAULT_RANKING_PARAMS, ...opts.params };
  const deps = {
    store,
    lexical,
    cues,
    planner,
    params,
    mode: opts.mode ?? ('lexical' as RetrievalMode),
    vectorStore: opts.vectorStore ?? null,
    embeddings: opts.embeddings ?? null,
    ...(opts.onDenseError ? { onDenseError: opts.onDenseError } : {}),
  };
  return { ...deps, pipeline: new AnswerPipeline(deps) };
}
