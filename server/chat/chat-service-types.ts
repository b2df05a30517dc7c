/** Contract of the chat pipeline (retrieve → answer → cite), shared by the HTTP routes. Web-standard. */
import type { ChatRequest, ChatResponse } from '../types.js';

/**
 * Events of a streamed answer, in order: one `meta`, `delta`s, one `citations`, then `done` (or `error`).
 * Over HTTP (`Accept: text/event-stream`) each is an SSE message `event: <type>` with `data: <JSON>`:
 * meta → `{language, retrieval}`, delta → `{text}`, citations → `{citations, abstained, degraded?}`,
 * done → the full ChatResponse, error → `{error:{code,message}}`.
 */
export type ChatStreamEvent =
  | { type: 'meta'; language: ChatResponse['language']; retrieval: ChatResponse['retrieval'] }
  | { type: 'delta'; text: string }
  | { type: 'citations'; citations: ChatResponse['citations']; abstained: boolean; degraded?: ChatResponse['degraded'] }
  | { type: 'done'; response: ChatResponse }
  | { type: 'error'; error: { code: string; message: string } };

export interface ChatService {
  /** Answers a validated request. */
  ask(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
  /** Same answer, as a stream of events ending with `done`. */
  askStream(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent, void, void>;
}
