/**
 * Structured citations for OpenAI-compatible clients that keep only the standard fields of a completion:
 * the cited answer as JSON in `message.content` (`response_format` json_object / json_schema) or as the
 * arguments of a forced function call (`tools` + `tool_choice`), beside the extra `citations` field.
 * Web-standard.
 */
import { AppError } from '../errors.js';
import type { ChatResponse, Citation } from '../types.js';

/** A citation as returned in `choices[0].message.citations`, the top-level `citations` and the cited-answer JSON. */
export type OpenAICitation = Pick<Citation, 'ref' | 'documentId' | 'documentTitle' | 'paragraph' | 'text'> & { quote?: string };

/** The JSON object a client receives in JSON mode or as tool-call arguments. */
export interface CitedAnswer {
  answer: string;
  language: ChatResponse['language'];
  abstained: boolean;
  citations: OpenAICitation[];
}

/** How the completion carries the answer: plain text (default), cited-answer JSON in `content`, or a tool call. */
export type OutputMode = { kind: 'text' } | { kind: 'json' } | { kind: 'tool'; name: string };

/** JSON Schema of {@link CitedAnswer}, for clients that declare `json_schema` or a tool's `parameters`. */
export const CITED_ANSWER_SCHEMA = {
  type: 'object',
  properties: {
    answer: { type: 'string', description: 'The answer, with [n] markers referring to citations[].ref.' },
    language: { type: 'string', enum: ['fr', 'en'] },
    abstained: { type: 'boolean', description: 'true when the texts do not answer the question.' },
    citations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ref: { type: 'integer' },
          documentId: { type: 'string' },
          documentTitle: { type: 'string' },
          paragraph: { type: 'string', description: 'The paragraph label as the document numbers it.' },
          text: { type: 'string', description: 'The full cited paragraph.' },
          quote: { type: 'string', description: 'The quoted sentence(s), verbatim from text.' },
        },
        required: ['ref', 'documentId', 'documentTitle', 'paragraph', 'text'],
        additionalProperties: false,
      },
    },
  },
  required: ['answer', 'language', 'abstained', 'citations'],
  additionalProperties: false,
} as const;

/**
 * Structured citations of a chat response.
 * @example
 * toOpenAICitations(response.citations)[0].paragraph // '5'
 */
export function toOpenAICitations(citations: readonly Citation[]): OpenAICitation[] {
  return citations.map((c) => ({ ref: c.ref, documentId: c.documentId, documentTitle: c.documentTitle, paragraph: c.paragraph, text: c.text, ...(c.quote ? { quote: c.quote } : {}) }));
}

/**
 * The cited answer as a JSON string (`content` in JSON mode, `arguments` of the tool call).
 * @example
 * JSON.parse(citedAnswerJson(response)).citations[0].paragraph // '5'
 */
export function citedAnswerJson(r: Pick<ChatResponse, 'answer' | 'language' | 'abstained' | 'citations'>): string {
  const out: CitedAnswer = { answer: r.answer, language: r.language, abstained: r.abstained, citations: toOpenAICitations(r.citations) };
  return JSON.stringify(out);
}

/** A client schema that requires properties the cited answer lacks would be silently unmet: refuse it. */
function checkSchema(schema: unknown, where: string): void {
  const required = (schema as { required?: unknown } | null | undefined)?.required;
  if (!Array.isArray(required)) return;
  const known: readonly string[] = CITED_ANSWER_SCHEMA.required;
  const missing = required.filter((k) => typeof k === 'string' && !known.includes(k));
  if (missing.length) {
    throw new AppError(
      'invalid_request',
      `${where} requires ${missing.map((k) => JSON.stringify(k)).join(', ')}; the assistant returns the cited-answer object {${known.join(', ')}} (see README, "Structured citations").`,
    );
  }
}

function forcedTool(b: Record<string, unknown>): OutputMode | null {
  const choice = b.tool_choice;
  if (choice === undefined || choice === null || choice === 'auto' || choice === 'none') return null;
  const tools = Array.isArray(b.tools) ? b.tools : [];
  const names = tools.map((t) => (t as { function?: { name?: unknown } })?.function?.name).filter((n): n is string => typeof n === 'string' && n.length > 0);
  if (names.length !== tools.length) throw new AppError('invalid_request', '"tools" must be function tools with a name ({type:"function", function:{name, parameters}}).');
  let name: unknown = (choice as { function?: { name?: unknown } })?.function?.name;
  if (choice === 'required') {
    if (names.length !== 1) throw new AppError('invalid_request', 'tool_choice "required" needs exactly one tool: the assistant answers through it with the cited-answer object.');
    name = names[0];
  }
  if (typeof name !== 'string' || !names.includes(name))
    throw new AppError('invalid_request', 'tool_choice must be "auto", "none", "required" or {type:"function", function:{name}} naming one of "tools".');
  const tool = tools[names.indexOf(name)] as { function: { parameters?: unknown } };
  checkSchema(tool.function.parameters, `The parameters of tool "${name}"`);
  return { kind: 'tool', name };
}

/**
 * Reads `response_format`, `tools` and `tool_choice`: a forced function tool gets the cited answer as its
 * arguments; `json_object` or `json_schema` gets it as the content; anything else is plain text.
 * Other tools are ignored (the assistant calls none of its own accord).
 * @example
 * parseOutputMode({ response_format: { type: 'json_object' } }) // { kind: 'json' }
 * parseOutputMode({ tools: [{ type: 'function', function: { name: 'cite' } }], tool_choice: 'required' }) // { kind: 'tool', name: 'cite' }
 */
export function parseOutputMode(b: Record<string, unknown>): OutputMode {
  const tool = forcedTool(b);
  if (tool) return tool;
  const format = b.response_format as { type?: unknown } | null | undefined;
  if (format === undefined || format === null) return { kind: 'text' };
  if (typeof format !== 'object') throw new AppError('invalid_request', '"response_format" must be an object {type: "text" | "json_object" | "json_schema"}.');
  if (format.type === 'text') return { kind: 'text' };
  if (format.type === 'json_schema') checkSchema((format as { json_schema?: { schema?: unknown } }).json_schema?.schema, 'response_format.json_schema.schema');
  if (format.type === 'json_object' || format.type === 'json_schema') return { kind: 'json' };
  throw new AppError('invalid_request', `response_format.type ${JSON.stringify(format.type)} is not supported (text, json_object, json_schema).`);
}
