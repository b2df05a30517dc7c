import { describe, expect, it } from 'vitest';
import type { ChatRequest, ChatResponse } from '../types.js';
import { CachedChatService } from './cached-chat-service.js';
import type { ChatService, ChatStreamEvent } from './chat-service-types.js';

/** A chat service that counts its calls and answers with the question (a test double for the decorator). */
function countingService() {
  let calls = 0;
  const respond = (r: ChatRequest): ChatResponse => ({ answer: `A: ${r.question}`, language: 'fr', abstained: false, citations: [], retrieval: { mode: 'lexical', passages: [] } });
  const service: ChatService = {
    async ask(r) {
      calls++;
      return respond(r);
    },
    async *askStream(r): AsyncGenerator<ChatStreamEvent, void, void> {
      calls++;
      const response = respond(r);
      yield { type: 'meta', language: 'fr', retrieval: response.retrieval };
      yield { type: 'delta', text: response.answer };
      yield { type: 'citations', citations: [], abstained: false };
      yield { type: 'done', response };
    },
  };
  return { service, calls: () => calls };
}

describe('CachedChatService', () => {
  it('serves a repeated question from the cache, keyed by question, history and language', async () => {
    const inner = countingService();
    const chat = new CachedChatService(inner.service, 10);
    await chat.ask({ question: 'Que dit le paragraphe 5 ?' });
    await chat.ask({ question: '  Que dit le  paragraphe 5 ? ' });
    expect(inner.calls()).toBe(1);
    await chat.ask({ question: 'Que dit le paragraphe 5 ?', lang: 'en' });
    await chat.ask({ question: 'Que dit le paragraphe 5 ?', history: [{ role: 'user', content: 'x' }] });
    expect(inner.calls()).toBe(3);
  });

  it('evicts the least recently used answer beyond its size', async () => {
    const inner = countingService();
    const chat = new CachedChatService(inner.service, 2);
    await chat.ask({ question: 'a' });
    await chat.ask({ question: 'b' });
    await chat.ask({ question: 'a' });
    await chat.ask({ question: 'c' });
    await chat.ask({ question: 'a' });
    expect(inner.calls()).toBe(3);
    await chat.ask({ question: 'b' });
    expect(inner.calls()).toBe(4);
  });

  it('replays a cached answer as a complete event stream', async () => {
    const inner = countingService();
    const chat = new CachedChatService(inner.service, 10);
    const collect = async () => {
      const events: ChatStreamEvent[] = [];
      for await (const e of chat.askStream({ question: 'q' })) events.push(e);
      return events;
    };
    const first = await collect();
    const second = await collect();
    expect(inner.calls()).toBe(1);
    expect(second.map((e) => e.type)).toEqual(['meta', 'delta', 'citations', 'done']);
    expect(second.at(-1)).toEqual(first.at(-1));
  });
});
