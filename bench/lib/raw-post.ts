/**
 * A raw HTTP/1.1 POST of a large generated body over a plain socket, timed to the response status line, for the
 * 413 checks of the tests and `npm run load`. A socket (not node:http) so that a server that answers and closes
 * before the upload ends is still read: the upload is abandoned as soon as the response starts.
 */
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
  /** Milliseconds from the start of the request to the first byte of the response (or to the reset, status 0). */
  ms: number;
}

function parse(raw: string): Omit<RawResponse, 'ms'> {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  let body = rest.join('\r\n\r\n');
  if (headers['transfer-encoding'] === 'chunked') body = body.replace(/(?:^|\r\n)[0-9a-f]+\r\n/gi, '').replace(/\r\n$/, '');
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body };
}

/**
 * Sends `bytes` bytes of body (64 KiB chunks; `chunked` uses Transfer-Encoding instead of Content-Length) and
 * resolves with the response once the server has sent it and closed or finished it.
 * @example
 * const r = await rawPost(port, '/api/chat', 100 * 2 ** 20, { chunked: true }); // r.status === 413
 */
export function rawPost(port: number, route: string, bytes: number, o: { chunked?: boolean; contentType?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = connect(port, '127.0.0.1');
    const framing = o.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${bytes}`;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let ms = -1;
    let raw = '';
    const finish = () => {
      socket.destroy();
      // A reset that arrives before the response was read discards it (Linux purges the receive queue): status 0.
      if (ms < 0) return resolve({ status: 0, headers: {}, body: '', ms: performance.now() - start });
      resolve({ ...parse(raw), ms });
    };
    const pump = () => {
      while (ms < 0 && sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        const piece = n === chunk.length ? chunk : chunk.subarray(0, n);
        const ok = o.chunked ? socket.write(`${n.toString(16)}\r\n`) && socket.write(piece) && socket.write('\r\n') : socket.write(piece);
        if (!ok) return void socket.once('drain', pump);
      }
      if (ms < 0 && o.chunked) socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      socket.write(`POST ${route} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: ${o.contentType ?? 'application/json'}\r\n${framing}\r\nConnection: close\r\n\r\n`);
      pump();
    });
    socket.on('data', (d: Buffer) => {
      if (ms < 0) ms = performance.now() - start;
      raw += d.toString('utf8');
      const parsed = raw.includes('\r\n\r\n') ? parse(raw) : null;
      const length = parsed ? Number(parsed.headers['content-length'] ?? Number.NaN) : Number.NaN;
      if (parsed && (Buffer.byteLength(parsed.body) >= length || /\r\n0\r\n\r\n$/.test(raw))) finish();
    });
    socket.on('error', () => (ms >= 0 ? finish() : undefined));
    socket.on('close', finish);
  });
}
