import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createEmbeddings, embeddingModelId } from './create-embeddings.js';
import { OpenAICompatibleEmbeddings, type OpenAICompatibleEmbeddingsOptions } from './openai-embeddings.js';

interface Seen {
  method: string;
  path: string;
  auth?: string;
  contentType?: string;
  body: { model?: string; input?: string[] };
}

type Handler = (seen: Seen, res: ServerResponse, attempt: number) => void;

let server: Server;
let baseUrl: string;
let seen: Seen[];
let handler: Handler;

/** Deterministic fake embedding of a text. */
function fakeVector(text: string): number[] {
  let sum = 0;
  for (const ch of text) sum += ch.codePointAt(0)!;
  return [text.length, sum % 97, text.split(' ').length];
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Answers like OpenAI, but lists the items in reverse order (clients must sort by `index`). */
const answerReversed: Handler = (req, res) => {
  const input = req.body.input ?? [];
  const data = input.map((text, index) => ({ object: 'embedding', index, embedding: fakeVector(text) })).reverse();
  json(res, 200, { object: 'list', data, model: req.body.model, usage: { prompt_tokens: 1, total_tokens: 1 } });
};

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: Seen['body'] = {};
    try {
      body = JSON.parse(raw) as Seen['body'];
    } catch {
      body = {};
    }
    const entry: Seen = { method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization, contentType: req.headers['content-type'], body };
    seen.push(entry);
    handler(entry, res, seen.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  handler = answerReversed;
});

function make(options: Partial<OpenAICompatibleEmbeddingsOptions> = {}): OpenAICompatibleEmbeddings {
  return new OpenAICompatibleEmbeddings({
    baseUrl,
    apiKey: 'sk-test',
    model: 'e5-test',
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    batchSize: 16,
    timeoutMs: 5000,
    maxRetries: 2,
    retryBaseDelayMs: 1,
    ...options,
  });
}

describe('OpenAICompatibleEmbeddings', () => {
  it('posts the model and prefixed query to {baseUrl}/embeddings with a bearer token', async () => {
    const v = await make().embedQuery('Qu’est-ce que la loi ?');
    expect(v).toEqual(fakeVector('query: Qu’est-ce que la loi ?'));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/embeddings', auth: 'Bearer sk-test', contentType: 'application/json' });
    expect(seen[0].body).toEqual({ model: 'e5-test', input: ['query: Qu’est-ce que la loi ?'] });
  });

  it('sends no authorization header without an api key, and tolerates a trailing slash', async () => {
    await make({ apiKey: undefined, baseUrl: `${baseUrl}/` }).embedQuery('x');
    expect(seen[0].path).toBe('/v1/embeddings');
    expect(seen[0].auth).toBeUndefined();
  });

  it('batches documents by batchSize, prefixes passages and orders vectors by index', async () => {
    const texts = ['un', 'deux trois', 'quatre', 'cinq six sept', 'huit'];
    const vectors = await make({ batchSize: 2 }).embedDocuments(texts);
    expect(seen.map((s) => s.body.input)).toEqual([['passage: un', 'passage: deux trois'], ['passage: quatre', 'passage: cinq six sept'], ['passage: huit']]);
    expect(vectors).toEqual(texts.map((t) => fakeVector(`passage: ${t}`)));
    expect(await make().embedDocuments([])).toEqual([]);
    expect(seen).toHaveLength(3);
  });

  it('retries a 500 then succeeds', async () => {
    handler = (req, res, attempt) => (attempt === 1 ? json(res, 500, { error: 'overloaded' }) : answerReversed(req, res, attempt));
    expect(await make().embedQuery('paris')).toEqual(fakeVector('query: paris'));
    expect(seen).toHaveLength(2);
  });

  it('retries a 429, and gives up after maxRetries with the status and body in the message', async () => {
    handler = (_req, res) => json(res, 429, { error: { message: 'rate limited, slow down' } });
    await expect(make({ maxRetries: 2 }).embedQuery('paris')).rejects.toThrow(/HTTP 429.*rate limited, slow down.*3 attempts/);
    expect(seen).toHaveLength(3);
  });

  it('does not retry a 400 and reports the status and a snippet of the body', async () => {
    handler = (_req, res) => json(res, 400, { error: { message: 'model "e5-test" not found' } });
    await expect(make().embedQuery('paris')).rejects.toThrow(/HTTP 400: .*model \\"e5-test\\" not found/);
    expect(seen).toHaveLength(1);
  });

  it('rejects a response whose data does not match the inputs', async () => {
    handler = (_req, res) => json(res, 200, { data: [{ index: 0, embedding: [1, 2] }] });
    await expect(make().embedDocuments(['a', 'b'])).rejects.toThrow(/1 items in "data" for 2 inputs/);
    expect(seen).toHaveLength(1);
  });

  it('times out a server that never answers, retrying each attempt with a fresh timeout', async () => {
    handler = () => {};
    await expect(make({ timeoutMs: 150, maxRetries: 1 }).embedQuery('paris')).rejects.toThrow(/timed out after 150 ms/);
    expect(seen).toHaveLength(2);
  });

  it('retries network errors', async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    expect(await make({ fetch: flaky }).embedQuery('paris')).toEqual(fakeVector('query: paris'));
    expect(calls).toBe(2);
    expect(seen).toHaveLength(1);
  });
});

describe('createEmbeddings with provider openai', () => {
  it('builds OpenAICompatibleEmbeddings from the config, with a matching model id', async () => {
    const config = loadConfig({
      EMBEDDINGS_PROVIDER: 'openai',
      EMBEDDINGS_BASE_URL: baseUrl,
      EMBEDDINGS_MODEL: 'bge-m3',
      EMBEDDINGS_API_KEY: 'k2',
      EMBEDDINGS_QUERY_PREFIX: '',
    }).embeddings;
    const embeddings = createEmbeddings(config);
    expect(embeddings).toBeInstanceOf(OpenAICompatibleEmbeddings);
    expect(embeddings?.modelId).toBe(`openai:bge-m3@${baseUrl}`);
    expect(embeddingModelId(config)).toBe(embeddings?.modelId);
    expect(await embeddings!.embedQuery('paris')).toEqual(fakeVector('paris'));
    expect(seen[0]).toMatchObject({ auth: 'Bearer k2', body: { model: 'bge-m3', input: ['paris'] } });
  });
});
