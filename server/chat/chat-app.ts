/** `POST /api/chat`: JSON answers, or server-sent events with `Accept: text/event-stream`. */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { AppError } from '../errors.js';
import type { ChatRequest, ChatTurn, Lang } from '../types.js';
import type { ChatService } from './chat-service-types.js';

export interface ChatAppOptions {
  maxQuestionChars: number;
  maxHistoryTurns?: number;
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
      return { role: turn.role, content: turn.content.slice(0, options.maxQuestionChars * 4) };
    });
    history = history.slice(-(options.maxHistoryTurns ?? 12));
  }
  return { question, history, ...(lang ? { lang } : {}) };
}

/** Reads a JSON body, mapping parse failures to `bad_json`. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (type && !/json/i.test(type)) throw new AppError('unsupported_media_type', `Content-Type "${type}" is not JSON; send application/json.`);
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
