/** `POST /api/chat`: JSON answers, or server-sent events with `Accept: text/event-stream`. */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { AppError } from '../errors.js';
import type { ChatRequest, ChatTurn, Lang } from '../types.js';
import type { ChatService } from './chat-service-types.js';

export interface ChatAppOptions {
  maxQuestionChars: number;
  /** Newest turns kept from the history (default 12). */
  maxHistoryTurns?: number;
  /** Total characters of history kept, newest turns first (default 16000). */
  maxHistoryChars?: number;
}

/**
 * The newest turns of a history that fit both the turn count and the total character budget, in order; each turn
 * is first cut to 4 × the question limit. Older turns are dropped: they matter least to a follow-up.
 * @example
 * boundHistory(turns, { maxQuestionChars: 2000, maxHistoryTurns: 12, maxHistoryChars: 16000 });
 */
export function boundHistory(turns: readonly ChatTurn[], options: ChatAppOptions): ChatTurn[] {
  const maxTurns = options.maxHistoryTurns ?? 12;
  let budget = options.maxHistoryChars ?? 16000;
  const kept: ChatTurn[] = [];
  for (let i = turns.length - 1; i >= 0 && kept.length < maxTurns; i--) {
    const content = turns[i].content.slice(0, options.maxQuestionChars * 4);
    if (content.length > budget) break;
    budget -= content.length;
    kept.push({ role: turns[i].role, content });
  }
  return kept.reverse();
}

/**
 * Validates an untrusted chat request body.
 * @example
 * parseChatRequest({ question: 'Que dit le paragraphe 5 ?' }, { maxQuestionChars: 2000 });
 */
export function parseChatRequest(body: unknown, options: ChatAppOptions): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('invalid_request', 'The body must be a JSON object with a "question" string.');
  const b = body as Record<string, unknown>;
  if (typeof b.question !== 'string' || b.question.trim() === '') throw new AppError('question_missing');
  const question = b.question.trim();
  if (question.length > options.maxQuestionChars) throw new AppError('question_too_long', `The question has ${question.length} characters; the limit is ${options.maxQuestionChars}.`);
  let lang: Lang | undefined;
  if (b.lang !== undefined && b.lang !== null) {
    if (b.lang !== 'fr' && b.lang !== 'en') throw new AppError('invalid_request', '"lang" must be "fr" or "en".');
    lang = b.lang;
  }
  let history: ChatTurn[] = [];
  if (b.history !== undefined && b.history !== null) {
    if (!Array.isArray(b.history)) throw new AppError('invalid_request', '"history" must be an array of {role, content}.');
    history = b.history.map((t, i) => {
      const turn = t as Record<string, unknown>;
      if (typeof turn !== 'object' || turn === null || (turn.role !== 'user' && turn.role !== 'assistant') || typeof turn.content !== 'string') {
        throw new AppError('invalid_request', `history[${i}] must be {"role":"user"|"assistant","content":string}.`);
      }
      return { role: turn.role, content: turn.content };
    });
    history = boundHistory(history, options);
  }
  return { question, history, ...(lang ? { lang } : {}) };
}

/** `application/json`, optionally with parameters (`; charset=utf-8`). */
const JSON_TYPE = /^application\/json\s*(?:;|$)/i;

/**
 * Reads a JSON body: `Content-Type: application/json` required (415 otherwise, also when missing), parse failures
 * are `bad_json`. The size is bounded before this by the app's body limit (413).
 */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type.trim())) {
    throw new AppError('unsupported_media_type', type ? `Content-Type "${type.slice(0, 100)}" is not application/json.` : 'The request has no Content-Type; send the body as application/json.');
  }
  const text = await req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_json');
  }
}

/**
 * The chat feature as a Hono sub-app (mount at `/api/chat`).
 * @example
 * app.route('/api/chat', createChatApp(chat, { maxQuestionChars: 2000 }));
 */
export function createChatApp(chat: ChatService, options: ChatAppOptions): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const request = parseChatRequest(await readJson(c.req.raw), options);
    if ((c.req.header('accept') ?? '').includes('text/event-stream')) {
      return streamSSE(c, async (stream) => {
        for await (const event of chat.askStream(request, c.req.raw.signal)) {
          const { type, ...data } = event;
          const payload = type === 'done' ? (data as { response: unknown }).response : data;
          await stream.writeSSE({ event: type, data: JSON.stringify(payload) });
        }
      });
    }
    return c.json(await chat.ask(request, c.req.raw.signal));
  });
  return app;
}
