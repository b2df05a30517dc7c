/** The questions the bench asks: the eval suite when present, else a small built-in FR/EN list with gold paragraphs. */
import { existsSync, readFileSync } from 'node:fs';

export interface GoldRef {
  documentId: string;
  paragraph: string;
}

export interface BenchQuestion {
  id: string;
  language: 'fr' | 'en';
  type: string;
  question: string;
  history?: Array<{ role: 'user' | 'assistant'; content: string }>;
  gold: GoldRef[];
  mustAbstain?: boolean;
}

export interface QuestionSet {
  source: string;
  questions: BenchQuestion[];
}

const B = 'osce-bucharest-plan-2001';
const O = 'oas-cicte-recommendations-2022';
const U = 'un-sg-symposium-2011';
const E = 'eu-un-dialogue-2020';
const W = 'osce-counter-terrorism';

/** Used when `evals/suites/core.jsonl` is missing: 20 questions written from the vendored corpus. */
export const FALLBACK_QUESTIONS: BenchQuestion[] = [
  {
    id: 'fb-b05-fr',
    language: 'fr',
    type: 'single-fact',
    question: "D'ici quelle date les États participants devaient-ils devenir parties aux conventions des Nations Unies relatives au terrorisme ?",
    gold: [{ documentId: B, paragraph: '5' }],
  },
  {
    id: 'fb-b05-en',
    language: 'en',
    type: 'cross-lingual',
    question: 'By what date should OSCE participating States become parties to the UN anti-terrorism conventions?',
    gold: [{ documentId: B, paragraph: '5' }],
  },
  {
    id: 'fb-b04-fr',
    language: 'fr',
    type: 'single-fact',
    question: 'Quelles résolutions du Conseil de sécurité définissent le cadre juridique de la lutte contre le terrorisme ?',
    gold: [{ documentId: B, paragraph: '4' }],
  },
  { id: 'fb-b14-fr', language: 'fr', type: 'single-fact', question: 'Comment s’appelle la capacité de déploiement rapide de l’OSCE ?', gold: [{ documentId: B, paragraph: '14' }] },
  { id: 'fb-b24-en', language: 'en', type: 'cross-lingual', question: 'What does the Bucharest Plan ask States to do against the financing of terrorism?', gold: [{ documentId: B, paragraph: '24' }] },
  { id: 'fb-b26-fr', language: 'fr', type: 'single-fact', question: 'Comment prévenir les mouvements de terroristes aux frontières ?', gold: [{ documentId: B, paragraph: '26' }] },
  {
    id: 'fb-b26-en',
    language: 'en',
    type: 'cross-lingual',
    question: 'How should States prevent the movement of terrorists across borders and secure travel documents?',
    gold: [{ documentId: B, paragraph: '26' }],
  },
  { id: 'fb-b29-fr', language: 'fr', type: 'single-fact', question: 'Quand la conférence de Bichkek sur la sécurité en Asie centrale a-t-elle lieu ?', gold: [{ documentId: B, paragraph: '29' }] },
  { id: 'fb-b30-en', language: 'en', type: 'cross-lingual', question: 'By when must the Secretary General report to the UN Counter-Terrorism Committee?', gold: [{ documentId: B, paragraph: '30' }] },
  {
    id: 'fb-b12-fr',
    language: 'fr',
    type: 'single-fact',
    question: 'Quel rôle joue le Représentant pour la liberté des médias contre le racisme et la xénophobie ?',
    gold: [{ documentId: B, paragraph: '12' }],
  },
  { id: 'fb-o12-fr', language: 'fr', type: 'single-fact', question: 'Quel réseau faut-il utiliser pour échanger des informations en temps réel ?', gold: [{ documentId: O, paragraph: '12' }] },
  { id: 'fb-o13-en', language: 'en', type: 'cross-lingual', question: 'Which articles of the Convention concern refugee status and asylum?', gold: [{ documentId: O, paragraph: '13' }] },
  {
    id: 'fb-o17-fr',
    language: 'fr',
    type: 'single-fact',
    question: 'Faut-il protéger les infrastructures essentielles contre les activités cybernétiques malveillantes ?',
    gold: [{ documentId: O, paragraph: '17' }],
  },
  { id: 'fb-o27-en', language: 'en', type: 'cross-lingual', question: 'What support should be given to victims of terrorism and their families?', gold: [{ documentId: O, paragraph: '27' }] },
  { id: 'fb-o33-fr', language: 'fr', type: 'single-fact', question: 'Les États parties doivent-ils fournir des ressources financières au CICTE ?', gold: [{ documentId: O, paragraph: '33' }] },
  { id: 'fb-u02-fr', language: 'fr', type: 'single-fact', question: 'Par quelle résolution la Stratégie antiterroriste mondiale a-t-elle été adoptée ?', gold: [{ documentId: U, paragraph: '2' }] },
  { id: 'fb-u05-en', language: 'en', type: 'cross-lingual', question: 'How many entities make up the Counter-Terrorism Implementation Task Force?', gold: [{ documentId: U, paragraph: '5' }] },
  { id: 'fb-u07-fr', language: 'fr', type: 'single-fact', question: 'Combien de séances comptait le Colloque du Secrétaire général ?', gold: [{ documentId: U, paragraph: '7' }] },
  { id: 'fb-e05-en', language: 'en', type: 'cross-lingual', question: 'Who co-chaired the EU–UN counter-terrorism dialogue?', gold: [{ documentId: E, paragraph: '5' }] },
  { id: 'fb-w05-fr', language: 'fr', type: 'single-fact', question: 'Quels sont les domaines prioritaires des activités antiterroristes de l’OSCE ?', gold: [{ documentId: W, paragraph: '5' }] },
  { id: 'fb-abstain-en', language: 'en', type: 'out-of-corpus', question: 'What is the capital of Australia?', gold: [], mustAbstain: true },
];

function asQuestion(raw: unknown): BenchQuestion | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.question !== 'string' || !r.question.trim()) return null;
  const gold = Array.isArray(r.gold)
    ? r.gold.filter((g): g is GoldRef => typeof g === 'object' && g !== null && typeof (g as GoldRef).documentId === 'string' && typeof (g as GoldRef).paragraph === 'string')
    : [];
  const history = Array.isArray(r.history)
    ? r.history.filter(
        (t): t is { role: 'user' | 'assistant'; content: string } =>
          typeof t === 'object' && t !== null && ((t as { role: unknown }).role === 'user' || (t as { role: unknown }).role === 'assistant') && typeof (t as { content: unknown }).content === 'string',
      )
    : undefined;
  return {
    id: typeof r.id === 'string' ? r.id : `q${Math.random().toString(36).slice(2, 8)}`,
    language: r.language === 'en' ? 'en' : 'fr',
    type: typeof r.type === 'string' ? r.type : 'unknown',
    question: r.question,
    ...(history?.length ? { history } : {}),
    gold,
    ...(r.mustAbstain === true ? { mustAbstain: true } : {}),
  };
}

/**
 * Loads the eval suite leniently (rows without a question are skipped), falling back to {@link FALLBACK_QUESTIONS}.
 * @example
 * const { source, questions } = loadQuestions('evals/suites/core.jsonl');
 */
export function loadQuestions(file: string): QuestionSet {
  if (existsSync(file)) {
    const questions: BenchQuestion[] = [];
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const t = line.trim();
      if (!t || t.startsWith('//')) continue;
      try {
        const q = asQuestion(JSON.parse(t));
        if (q) questions.push(q);
      } catch {
        /* a malformed row is the eval suite's problem, not the bench's */
      }
    }
    if (questions.length >= 5) return { source: file, questions };
  }
  return { source: 'built-in fallback (bench/lib/questions.ts)', questions: FALLBACK_QUESTIONS };
}

/** Questions that count for Hit@k: not expected to abstain, with at least one gold paragraph. */
export function gradable(questions: BenchQuestion[]): BenchQuestion[] {
  return questions.filter((q) => !q.mustAbstain && q.gold.length > 0);
}

/**
 * Rank (1-based) of the first gold paragraph in a ranked list, or null.
 * @example
 * goldRank([{ documentId: 'a', paragraph: '2' }], [{ documentId: 'a', paragraph: '2' }]) // 1
 */
export function goldRank(ranked: readonly GoldRef[], gold: readonly GoldRef[]): number | null {
  const i = ranked.findIndex((r) => gold.some((g) => g.documentId === r.documentId && g.paragraph === r.paragraph));
  return i < 0 ? null : i + 1;
}

/** The request body `/api/chat` receives for a question. */
export function chatBody(q: BenchQuestion): string {
  return JSON.stringify({ question: q.question, ...(q.history?.length ? { history: q.history } : {}) });
}
