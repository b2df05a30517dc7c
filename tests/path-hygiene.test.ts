/**
 * No absolute or internal path reaches users: a document ingested from a temporary directory is served
 * with its file name as provenance; no route's output (API, pages, health, permalinks, widget, oEmbed,
 * OpenAI-compatible endpoint) nor the server's log contains that directory or the repository path.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../ingest/build-index.js';
import { createNodeRuntime, type NodeRuntime } from '../node/runtime.js';
import { loadConfig } from '../server/config.js';

let dir: string;
let userDir: string;
let runtime: NodeRuntime;
const logged: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ct-paths-'));
  userDir = path.join(dir, 'private', 'home', 'alice');
  await mkdir(userDir, { recursive: true });
  const file = path.join(userDir, 'screening-memo.md');
  await writeFile(file, '# Screening memo\n\n1. Banks screen every wire transfer against the sanctions list.\n\n2. Alerts go to the compliance officer.\n\n3. Records are kept ten years.');
  const config = loadConfig({ INDEX_DIR: path.join(dir, 'data', 'index'), CORPUS_DIR: path.resolve('corpus'), EMBEDDINGS_PROVIDER: 'none', ADMIN_TOKEN: 't', LOG_LEVEL: 'silent' });
  await buildIndex({ config, paths: [file] });
  runtime = await createNodeRuntime(config, { buildIfMissing: false, log: (l) => logged.push(l) });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const question = 'Who screens wire transfers against the sanctions list?';

describe('path hygiene', () => {
  it('no route output and no log line contains the ingest directory, the repository path or "shared/corpus"', async () => {
    const permalink = `/a?q=${encodeURIComponent(question)}`;
    const routes: Array<[string, RequestInit?]> = [
      ['/api/documents'],
      ['/api/documents/user-screening-memo'],
      ['/api/documents/user-screening-memo/paragraphs/1'],
      ['/api/documents/osce-bucharest-plan-2001'],
      ['/documents/user-screening-memo'],
      ['/documents/osce-bucharest-plan-2001'],
      ['/healthz'],
      ['/healthz/ready'],
      ['/'],
      ['/widget'],
      ['/demo'],
      [permalink],
      [`/a/card?q=${encodeURIComponent(question)}`],
      [`/oembed?url=${encodeURIComponent(`http://localhost${permalink}`)}&format=json`],
      ['/api/chat', json({ question })],
      ['/api/chat', json({ question, stream: true })],
      ['/v1/models'],
      ['/v1/chat/completions', json({ model: 'ct-texts-assistant', messages: [{ role: 'user', content: question }] })],
      ['/v1/chat/completions', json({ model: 'ct-texts-assistant', stream: true, messages: [{ role: 'user', content: question }] })],
      ['/api/documents/nope'],
      ['/nope'],
      ['/api/admin/reload', { method: 'POST', headers: { authorization: 'Bearer t' } }],
    ];
    const forbidden = [userDir, dir, process.cwd(), 'shared/corpus'];
    for (const [route, init] of routes) {
      const res = await runtime.app.request(route, init);
      const body = await res.text();
      expect(res.status, route).toBeLessThan(500);
      for (const f of forbidden) expect(body, `${route} contains ${f}`).not.toContain(f);
    }
    const doc = (await (await runtime.app.request('/api/documents/user-screening-memo')).json()) as { document: { source: string; title: string } };
    expect(doc.document).toMatchObject({ source: 'screening-memo.md', title: 'Screening memo' });
    const answer = (await (await runtime.app.request('/api/chat', json({ question }))).json()) as { citations: Array<{ documentId: string }> };
    expect(answer.citations.map((c) => c.documentId)).toContain('user-screening-memo');
    for (const line of logged) expect(line).not.toContain(userDir);
  });
});
