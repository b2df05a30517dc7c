import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { ChatResponse } from '../types.js';
import { CITED_ANSWER_SCHEMA, citedAnswerJson, parseOutputMode } from './cited-output.js';

const RESPONSE: ChatResponse = {
  answer: 'Selon le § 5, les États adhèrent aux conventions d’ici le 31 décembre 2002 [1].',
  language: 'fr',
  abstained: false,
  citations: [
    { ref: 1, documentId: 'osce-bucharest-plan-2001', documentTitle: 'Plan d’action de Bucarest', paragraph: '5', text: 'Etats participants : …', quote: 'si possible d’ici le 31 décembre 2002' },
  ],
  retrieval: { mode: 'lexical', passages: [] },
};
const tool = (name: string, parameters?: unknown) => ({ type: 'function', function: { name, ...(parameters ? { parameters } : {}) } });
const code = (body: Record<string, unknown>) => {
  try {
    parseOutputMode(body);
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${e.message}` : String(e);
  }
};

describe('parseOutputMode', () => {
  it('reads text, JSON mode, JSON schema and forced tools', () => {
    expect(parseOutputMode({})).toEqual({ kind: 'text' });
    expect(parseOutputMode({ response_format: { type: 'text' } })).toEqual({ kind: 'text' });
    expect(parseOutputMode({ response_format: { type: 'json_object' } })).toEqual({ kind: 'json' });
    expect(parseOutputMode({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: CITED_ANSWER_SCHEMA } } })).toEqual({ kind: 'json' });
    expect(parseOutputMode({ tools: [tool('cite')], tool_choice: 'required' })).toEqual({ kind: 'tool', name: 'cite' });
    expect(parseOutputMode({ tools: [tool('a'), tool('cite')], tool_choice: { type: 'function', function: { name: 'cite' } } })).toEqual({ kind: 'tool', name: 'cite' });
    expect(parseOutputMode({ tools: [tool('cite')], tool_choice: 'auto' })).toEqual({ kind: 'text' });
    expect(parseOutputMode({ tools: [tool('cite')] })).toEqual({ kind: 'text' });
  });

  it('refuses what it cannot honour, naming the cited-answer object', () => {
    expect(code({ response_format: { type: 'xml' } })).toMatch(/^invalid_request: response_format.type "xml"/);
    expect(code({ response_format: 'json' })).toMatch(/^invalid_request/);
    expect(code({ tools: [tool('a'), tool('b')], tool_choice: 'required' })).toMatch(/exactly one tool/);
    expect(code({ tools: [tool('a')], tool_choice: { type: 'function', function: { name: 'b' } } })).toMatch(/naming one of "tools"/);
    expect(code({ tools: [{ type: 'function' }], tool_choice: 'required' })).toMatch(/function tools with a name/);
    expect(code({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object', required: ['answer', 'sources'] } } } })).toMatch(
      /requires "sources"; the assistant returns the cited-answer object \{answer, language, abstained, citations\}/,
    );
    expect(code({ tools: [tool('cite', { type: 'object', required: ['verdict'] })], tool_choice: 'required' })).toMatch(/tool "cite" requires "verdict"/);
  });
});

describe('citedAnswerJson', () => {
  it('is the answer, its language, abstention and the structured citations', () => {
    expect(JSON.parse(citedAnswerJson(RESPONSE))).toEqual({
      answer: RESPONSE.answer,
      language: 'fr',
      abstained: false,
      citations: [
        { ref: 1, documentId: 'osce-bucharest-plan-2001', documentTitle: 'Plan d’action de Bucarest', paragraph: '5', text: 'Etats participants : …', quote: 'si possible d’ici le 31 décembre 2002' },
      ],
    });
  });
});
