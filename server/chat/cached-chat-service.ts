/** An LRU cache of answers in front of a ChatService. Web-standard. */
import type { ChatRequest, ChatResponse } from '../types.js';
import type { ChatService, ChatStreamEvent } from './chat-service-types.js';

/** The cache key: the question as asked (trimmed, spaces collapsed), the conversation and the forced language. */
export function answerCacheKey(request: ChatRequest): string {
  return JSON.stringify([request.question.replace(/\s+/g, ' ').trim(), request.lang ?? '', (request.history ?? []).map((t) => [t.role, t.content])]);
}

/**
 * Remembers the last `size` answers; answers are deterministic for a given index and configuration,
 * so a repeated question (starter questions, shared permalinks) is served without retrieval. Degraded answers
 * (LLM down, extractive fallback) are not kept, so the LLM answer comes back when the LLM does.
 * @example
 * const chat = new CachedChatService(new RagChatService(deps), 500);
 */
export class CachedChatService implements ChatService {
  private readonly entries = new Map<string, ChatResponse>();

  constructor(
    private readonly inner: ChatService,
    private readonly size: number,
  ) {}

  private remember(key: string, response: ChatResponse): void {
    this.entries.delete(key);
    this.entries.set(key, response);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }

  private recall(key: string): ChatResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) this.remember(key, hit);
    return hit;
  }

  async ask(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const key = answerCacheKey(request);
    const hit = this.recall(key);
    if (hit) return hit;
    const response = await this.inner.ask(request, signal);
    if (!response.degraded) this.remember(key, response);
    return response;
  }

  async *askStream(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent, void, void> {
    const key = answerCacheKey(request);
    const hit = this.recall(key);
    if (hit) {
      yield { type: 'meta', language: hit.language, retrieval: hit.retrieval };
      yield { type: 'delta', text: hit.answer };
      yield { type: 'citations', citations: hit.citations, abstained: hit.abstained };
      yield { type: 'done', response: hit };
      return;
    }
    for await (const event of this.inner.askStream(request, signal)) {
      if (event.type === 'done' && !event.response.degraded) this.remember(key, event.response);
      yield event;
    }
  }
}
