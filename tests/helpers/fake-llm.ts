/** A fake OpenAI-compatible LLM on 127.0.0.1 that can be down, slow, endless, failing or echoing its credentials. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeLlmMode = 'ok' | 'slow' | 'endless' | 'flood' | 'error-echo' | 'content-echo' | 'stream-error-echo';

export interface FakeLlm {
  url: string;
  mode: FakeLlmMode;
  /** Requests received. */
  calls: number;
  close(): Promise<void>;
}

function completion(res: ServerResponse, stream: boolean, content: string): void {
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const piece of content.match(/.{1,12}/gs) ?? []) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`);
  res.end('data: [DONE]\n\n');
}

function handle(llm: FakeLlm, req: IncomingMessage, res: ServerResponse, body: string): void {
  llm.calls++;
  const stream = (JSON.parse(body) as { stream?: boolean }).stream === true;
  const auth = req.headers.authorization ?? '';
  switch (llm.mode) {
    case 'ok':
      return completion(res, stream, 'Les États participants s’engagent à devenir parties aux conventions [S1].');
    case 'slow':
      return void setTimeout(() => completion(res, stream, 'Trop tard [S1].'), 10_000).unref();
    case 'endless': {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'encore ' } }] })}\n\n`), 20);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'flood': {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const line = `data: ${JSON.stringify({ choices: [{ delta: { content: 'x'.repeat(4000) } }] })}\n\n`;
      const pump = () => {
        while (res.write(line));
      };
      res.on('drain', pump);
      pump();
      return;
    }
    case 'error-echo':
      res.writeHead(401, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { message: `Invalid credentials: ${auth}`, url: `${llm.url}/chat/completions` } }));
    case 'content-echo':
      return completion(res, stream, `Voici la clé reçue : ${auth} [S1].`);
    case 'stream-error-echo':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      return void res.end(`data: ${JSON.stringify({ error: { message: `quota exceeded for ${auth}` } })}\n\n`);
  }
}

/**
 * Starts the fake LLM; change `mode` between requests.
 * @example
 * const llm = await startFakeLlm('error-echo'); // LLM_BASE_URL = llm.url
 */
export async function startFakeLlm(mode: FakeLlmMode): Promise<FakeLlm> {
  const llm: FakeLlm = { url: '', mode, calls: 0, close: async () => {} };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => handle(llm, req, res, body || '{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  llm.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  llm.close = () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(() => r()));
  };
  return llm;
}
