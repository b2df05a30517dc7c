/** Browser client of the JSON API: streamed chat over SSE (fetch + ReadableStream) with JSON fallback, documents. */

/** An error with the server's `{error:{code,message}}` fields. */
export class ChatError extends Error {
  /** @param {string} code @param {string} message @param {number} [status] */
  constructor(code, message, status) {
    super(message);
    this.name = 'ChatError';
    this.code = code;
    this.status = status;
  }
}

/**
 * Parses an SSE byte stream into `{event, data}` messages (data lines joined by "\n").
 * @param {ReadableStream<Uint8Array>} body
 * @returns {AsyncGenerator<{event: string, data: string}>}
 */
export async function* readSse(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = 'message';
  let data = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let nl;
      while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
        if (line === '') {
          if (data.length) yield { event, data: data.join('\n') };
          event = 'message';
          data = [];
        } else if (line.startsWith(':')) {
        } else {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let val = colon < 0 ? '' : line.slice(colon + 1);
          if (val.startsWith(' ')) val = val.slice(1);
          if (field === 'event') event = val;
          else if (field === 'data') data.push(val);
        }
      }
    }
    if (data.length) yield { event, data: data.join('\n') };
  } finally {
    reader.releaseLock();
  }
}

async function errorFrom(res) {
  let code = 'http_' + res.status;
  let message = `${res.status} ${res.statusText}`.trim();
  try {
    const body = await res.json();
    if (body && body.error) {
      code = String(body.error.code || code);
      message = String(body.error.message || message);
    }
  } catch {
    /* not JSON */
  }
  return new ChatError(code, message, res.status);
}

/**
 * Asks a question. Streams when the server answers with SSE; falls back to JSON.
 * Calls `onEvent` with `{type:'meta'|'delta'|'citations'|'done', …}` and resolves with the ChatResponse.
 * Rejects with ChatError (server error, `network`, `interrupted`, `aborted`).
 * @param {{question: string, history?: Array<{role:string, content:string}>, lang?: 'fr'|'en'}} request
 * @param {{signal?: AbortSignal, onEvent?: (e: object) => void, base?: string}} [options]
 */
export async function askStream(request, options = {}) {
  const { signal, onEvent = () => {}, base = '' } = options;
  let res;
  try {
    res = await fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream, application/json' },
      body: JSON.stringify(request),
      signal,
    });
  } catch (err) {
    if (signal && signal.aborted) throw new ChatError('aborted', 'aborted');
    throw new ChatError('network', String(err && err.message ? err.message : err));
  }
  if (!res.ok) throw await errorFrom(res);
  const type = res.headers.get('content-type') || '';
  if (!type.includes('text/event-stream') || !res.body) {
    const response = await res.json();
    onEvent({ type: 'meta', language: response.language, retrieval: response.retrieval });
    onEvent({ type: 'delta', text: response.answer });
    onEvent({ type: 'citations', citations: response.citations, abstained: response.abstained });
    onEvent({ type: 'done', response });
    return response;
  }
  try {
    for await (const msg of readSse(res.body)) {
      let data;
      try {
        data = JSON.parse(msg.data);
      } catch {
        continue;
      }
      if (msg.event === 'error') {
        const e = (data && data.error) || {};
        throw new ChatError(String(e.code || 'internal'), String(e.message || 'Internal error.'));
      }
      if (msg.event === 'done') {
        onEvent({ type: 'done', response: data });
        return data;
      }
      onEvent({ type: msg.event, ...data });
    }
  } catch (err) {
    if (err instanceof ChatError) throw err;
    if (signal && signal.aborted) throw new ChatError('aborted', 'aborted');
    throw new ChatError('interrupted', String(err && err.message ? err.message : err));
  }
  if (signal && signal.aborted) throw new ChatError('aborted', 'aborted');
  throw new ChatError('interrupted', 'The stream ended before the answer was complete.');
}

let documentsPromise = null;

/** @returns {Promise<Array<object>>} the documents' metadata, fetched once. */
export function getDocuments(base = '') {
  if (!documentsPromise) {
    documentsPromise = fetch(`${base}/api/documents`)
      .then((r) => (r.ok ? r.json() : { documents: [] }))
      .then((b) => (Array.isArray(b.documents) ? b.documents : []))
      .catch(() => {
        documentsPromise = null;
        return [];
      });
  }
  return documentsPromise;
}

/** @returns {Promise<{document: object, paragraph: object}>} */
export async function getParagraph(documentId, label, base = '') {
  const res = await fetch(`${base}/api/documents/${encodeURIComponent(documentId)}/paragraphs/${encodeURIComponent(label)}`);
  if (!res.ok) throw await errorFrom(res);
  return res.json();
}
