/**
 * OpenAI-compatible facade over the chat service: `POST /v1/chat/completions` (JSON or SSE chunks ending
 * `data: [DONE]`) and `GET /v1/models`. Lets OpenAI clients, promptfoo or chat UIs query the assistant.
 * Web-standard.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ChatService } from '../chat/chat-service-types.js';
import { boundHistory, readJson } from '../chat/chat-app.js';
import { AppError } from '../errors.js';
import type { ChatRequest, ChatResponse, ChatTurn } from '../types.js';
import { citedAnswerJson, parseOutputMode, toOpenAICitations, type OutputMode } from './cited-output.js';

export { CITED_ANSWER_SCHEMA, toOpenAICitations, type CitedAnswer, type OpenAICitation } from './cited-output.js';

export interface OpenAICompatOptions {
  /** Model id reported in responses and by `GET /v1/models`. */
  modelName: string;
  maxQuestionChars: number;
  maxHistoryTurns?: number;
  maxHistoryChars?: number;
}

interface ParsedCompletionRequest {
  chat: ChatRequest;
  stream: boolean;
  includeUsage: boolean;
  output: OutputMode;
}

function contentText(content: unknown, where: string): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    return content
      .map((part, i) => {
        const p = part as { type?: unknown; text?: unknown };
        if (typeof p !== 'object' || p === null) throw new AppError('invalid_request', `${where}.content[${i}] must be a content part object.`);
        if (p.type === 'text' && typeof p.text === 'string') return p.text;
        throw new AppError('invalid_request', `${where}.content[${i}]: only text parts are supported (got type ${JSON.stringify(p.type)}).`);
      })
      .join('\n');
  }
  throw new AppError('invalid_request', `${where}.content must be a string or an array of text parts.`);
}

/**
 * Validates an OpenAI chat completion body and maps it to a chat request: the last user message is the
 * question, earlier user/assistant messages the history; system/developer messages are ignored.
 * @example
 * parseCompletionRequest({ messages: [{ role: 'user', content: 'Que dit le paragraphe 5 ?' }] }, { modelName: 'm', maxQuestionChars: 2000 });
 */
export function parseCompletionRequest(body: unknown, options: OpenAICompatOptions): ParsedCompletionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('invalid_request', 'The body must be a JSON object with a "messages" array.');
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.messages) || b.messages.length === 0) throw new AppError('invalid_request', '"messages" must be a non-empty array of {role, content}.');
  if (b.n !== undefined && b.n !== null && b.n !== 1) throw new AppError('invalid_request', 'Only n = 1 is supported.');
  if (b.stream !== undefined && b.stream !== null && typeof b.stream !== 'boolean') throw new AppError('invalid_request', '"stream" must be a boolean.');
  const turns: ChatTurn[] = [];
  b.messages.forEach((m, i) => {
    const msg = m as { role?: unknown; content?: unknown };
    if (typeof msg !== 'object' || msg === null || typeof msg.role !== 'string') throw new AppError('invalid_request', `messages[${i}] must be an object with a "role".`);
    if (!['system', 'developer', 'user', 'assistant', 'tool', 'function'].includes(msg.role)) throw new AppError('invalid_request', `messages[${i}].role "${msg.role}" is not supported.`);
    if (msg.role === 'user' || msg.role === 'assistant') turns.push({ role: msg.role, content: contentText(msg.content, `messages[${i}]`) });
  });
  let last = -1;
  for (let i = turns.length - 1; i >= 0; i--) {
    if (turns[i].role === 'user') {
      last = i;
      break;
    }
  }
  const question = last === -1 ? '' : turns[last].content.trim();
  if (!question) throw new AppError('question_missing', 'The last user message must contain the question.');
  if (question.length > options.maxQuestionChars) throw new AppError('question_too_long', `The question has ${question.length} characters; the limit is ${options.maxQuestionChars}.`);
  const history = boundHistory(turns.slice(0, last), options);
  const so = b.stream_options as { include_usage?: unknown } | undefined;
  return { chat: { question, history }, stream: b.stream === true, includeUsage: so?.include_usage === true, output: parseOutputMode(b) };
}

/** The assistant message's payload in each output mode: text, cited-answer JSON as content, or a tool call. */
function messageBody(r: ChatResponse, output: OutputMode, id: string): { fields: Record<string, unknown>; finish: 'stop' | 'tool_calls' } {
  if (output.kind === 'json') return { fields: { content: citedAnswerJson(r) }, finish: 'stop' };
  if (output.kind === 'tool') {
    const call = { id: `call_${id.slice(-24)}`, type: 'function', function: { name: output.name, arguments: citedAnswerJson(r) } };
    return { fields: { content: null, tool_calls: [call] }, finish: 'tool_calls' };
  }
  return { fields: { content: r.answer }, finish: 'stop' };
}

const approxTokens = (s: string) => Math.ceil(s.length / 4);

function usageOf(request: ChatRequest, answer: string) {
  const prompt = approxTokens([...(request.history ?? []).map((t) => t.content), request.question].join('\n'));
  const completion = approxTokens(answer);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * The OpenAI-compatible feature as a Hono sub-app (mount at `/v1`, or at `/` to serve `/v1/...` paths).
 * Errors are thrown as {@link AppError} and rendered by the parent app's `onError`.
 * @example
 * app.route('/', createOpenAICompatApp(chat, { modelName: 'ct-texts-assistant', maxQuestionChars: 2000 }));
 * // POST /v1/chat/completions {"messages":[{"role":"user","content":"Que dit le paragraphe 13 ?"}]}
 */
export function createOpenAICompatApp(chat: ChatService, options: OpenAICompatOptions): Hono {
  const app = new Hono();
  const created = Math.floor(Date.now() / 1000);
  const model = { id: options.modelName, object: 'model', created, owned_by: 'ct-texts-assistant' };

  app.get('/v1/models', (c) => c.json({ object: 'list', data: [model] }));
  app.get('/v1/models/:id', (c) => {
    if (c.req.param('id') !== options.modelName) throw new AppError('not_found', `No model "${c.req.param('id')}"; GET /v1/models lists the only one, "${options.modelName}".`);
    return c.json(model);
  });

  app.post('/v1/chat/completions', async (c) => {
    const parsed = parseCompletionRequest(await readJson(c.req.raw), options);
    const id = `chatcmpl-${crypto.randomUUID().replace(/-/g, '')}`;
    const now = Math.floor(Date.now() / 1000);
    const extras = (r: Pick<ChatResponse, 'abstained' | 'language' | 'retrieval' | 'degraded'>) => ({
      abstained: r.abstained,
      language: r.language,
      retrieval: r.retrieval,
      ...(r.degraded ? { degraded: r.degraded } : {}),
    });

    if (!parsed.stream) {
      const r = await chat.ask(parsed.chat, c.req.raw.signal);
      const citations = toOpenAICitations(r.citations);
      const body = messageBody(r, parsed.output, id);
      return c.json({
        id,
        object: 'chat.completion',
        created: now,
        model: options.modelName,
        choices: [{ index: 0, message: { role: 'assistant', ...body.fields, refusal: null, citations }, logprobs: null, finish_reason: body.finish }],
        usage: usageOf(parsed.chat, r.answer),
        citations,
        ...extras(r),
      });
    }

    return streamSSE(c, async (stream) => {
      const chunk = (delta: Record<string, unknown>, finish: string | null, more: Record<string, unknown> = {}) =>
        stream.writeSSE({
          data: JSON.stringify({ id, object: 'chat.completion.chunk', created: now, model: options.modelName, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...more }),
        });
      await chunk({ role: 'assistant', content: '' }, null);
      let answer = '';
      try {
        for await (const event of chat.askStream(parsed.chat, c.req.raw.signal)) {
          if (event.type === 'delta' && parsed.output.kind === 'text') {
            answer += event.text;
            await chunk({ content: event.text }, null);
          } else if (event.type === 'done') {
            const citations = toOpenAICitations(event.response.citations);
            const body = messageBody(event.response, parsed.output, id);
            if (parsed.output.kind === 'tool') {
              const [call] = body.fields.tool_calls as Array<Record<string, unknown>>;
              await chunk({ tool_calls: [{ index: 0, ...call }] }, null);
            } else if (parsed.output.kind === 'json' || (!answer && event.response.answer)) {
              await chunk({ content: body.fields.content }, null);
            }
            await chunk({ citations }, body.finish, { citations, ...extras(event.response) });
            if (parsed.includeUsage) {
              await stream.writeSSE({
                data: JSON.stringify({ id, object: 'chat.completion.chunk', created: now, model: options.modelName, choices: [], usage: usageOf(parsed.chat, event.response.answer) }),
              });
            }
          } else if (event.type === 'error') {
            await stream.writeSSE({ data: JSON.stringify({ error: event.error }) });
          }
        }
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('internal');
        await stream.writeSSE({ data: JSON.stringify(e.toJSON()) });
      }
      await stream.writeSSE({ data: '[DONE]' });
    });
  });
  return app;
}
