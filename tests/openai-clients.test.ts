/**
 * Real OpenAI-compatible clients (the `openai` npm client and LangChain's ChatOpenAI) against the real app on
 * 127.0.0.1: where each keeps the structured citations of /v1/chat/completions.
 */
import { ChatOpenAI } from '@langchain/openai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITED_ANSWER_SCHEMA, type CitedAnswer, type OpenAICitation } from '../server/openai-compat/openai-compat-app.js';
import { SLOW, startApp, type RunningApp } from './browser/browser-helpers.js';

let app: RunningApp;
let openai: OpenAI;
const model = 'ct-texts-assistant';
const QUESTION = 'Que prévoit le paragraphe 5 du Plan d’action de Bucarest ?';
const messages = [{ role: 'user' as const, content: QUESTION }];

beforeAll(async () => {
  app = await startApp();
  openai = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: 'unused', maxRetries: 0 });
}, SLOW);

afterAll(async () => {
  await app?.close();
}, SLOW);

const langchain = () => new ChatOpenAI({ model, apiKey: 'unused', maxRetries: 0, configuration: { baseURL: `${app.url}/v1` } });

function expectBucharest5(answer: CitedAnswer) {
  expect(answer.abstained).toBe(false);
  expect(answer.language).toBe('fr');
  expect(answer.answer).toContain('31 décembre 2002');
  expect(answer.citations[0]).toMatchObject({ ref: 1, documentId: 'osce-bucharest-plan-2001', paragraph: '5' });
  expect(answer.citations[0].text).toContain('31 décembre 2002');
}

describe('openai npm client', () => {
  it('keeps the extra citations field, in a completion and in the last streamed chunk', { timeout: SLOW }, async () => {
    const completion = await openai.chat.completions.create({ model, messages });
    const message = completion.choices[0].message as (typeof completion.choices)[0]['message'] & { citations: OpenAICitation[] };
    expect(message.content).toContain('31 décembre 2002');
    expect(message.citations[0]).toMatchObject({ documentId: 'osce-bucharest-plan-2001', paragraph: '5' });

    let text = '';
    let citations: OpenAICitation[] = [];
    for await (const chunk of await openai.chat.completions.create({ model, messages, stream: true })) {
      text += chunk.choices[0]?.delta.content ?? '';
      const extra = chunk as typeof chunk & { citations?: OpenAICitation[] };
      if (extra.citations) citations = extra.citations;
    }
    expect(text).toBe(message.content);
    expect(citations).toEqual(message.citations);
  });

  it('returns the cited answer as JSON content with response_format json_object and json_schema', { timeout: SLOW }, async () => {
    const json = await openai.chat.completions.create({ model, messages, response_format: { type: 'json_object' } });
    expectBucharest5(JSON.parse(json.choices[0].message.content ?? '') as CitedAnswer);
    const schema = await openai.chat.completions.create({
      model,
      messages,
      response_format: { type: 'json_schema', json_schema: { name: 'cited_answer', schema: CITED_ANSWER_SCHEMA as unknown as Record<string, unknown>, strict: true } },
    });
    expectBucharest5(JSON.parse(schema.choices[0].message.content ?? '') as CitedAnswer);
  });

  it('answers through a forced function tool, streamed too', { timeout: SLOW }, async () => {
    const tools = [{ type: 'function' as const, function: { name: 'cited_answer', parameters: CITED_ANSWER_SCHEMA as unknown as Record<string, unknown> } }];
    const completion = await openai.chat.completions.create({ model, messages, tools, tool_choice: { type: 'function', function: { name: 'cited_answer' } } });
    const call = completion.choices[0].message.tool_calls?.[0];
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('cited_answer');
    expectBucharest5(JSON.parse(call?.type === 'function' ? call.function.arguments : '{}') as CitedAnswer);

    let args = '';
    for await (const chunk of await openai.chat.completions.create({ model, messages, tools, tool_choice: 'required', stream: true })) {
      for (const t of chunk.choices[0]?.delta.tool_calls ?? []) args += t.function?.arguments ?? '';
    }
    expectBucharest5(JSON.parse(args) as CitedAnswer);
  });
});

describe('@langchain/openai ChatOpenAI', () => {
  it('drops the extra citations field of a plain completion (only the [n] markers stay in the text)', { timeout: SLOW }, async () => {
    const message = await langchain().invoke(QUESTION);
    expect(String(message.content)).toContain('31 décembre 2002');
    expect(JSON.stringify({ ...message.additional_kwargs, ...message.response_metadata })).not.toContain('osce-bucharest-plan-2001');
  });

  it('keeps them with withStructuredOutput: jsonSchema, jsonMode and functionCalling', { timeout: SLOW }, async () => {
    for (const method of ['jsonSchema', 'jsonMode', 'functionCalling'] as const) {
      const structured = langchain().withStructuredOutput<CitedAnswer & Record<string, unknown>>(CITED_ANSWER_SCHEMA as unknown as Record<string, unknown>, { name: 'cited_answer', method });
      expectBucharest5(await structured.invoke(QUESTION));
    }
  });

  it('gets the same object from a streamed structured answer', { timeout: SLOW }, async () => {
    const structured = langchain().withStructuredOutput<CitedAnswer & Record<string, unknown>>(CITED_ANSWER_SCHEMA as unknown as Record<string, unknown>, {
      name: 'cited_answer',
      method: 'functionCalling',
    });
    let last: CitedAnswer | undefined;
    for await (const part of await structured.stream(QUESTION)) last = part as CitedAnswer;
    expectBucharest5(last!);
  });
});
