/** Node adapter: the client address for the rate limit, from the socket, or from a trusted proxy's X-Forwarded-For. */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import proxyaddr from 'proxy-addr';
import { AppError } from '../server/errors.js';
import type { ClientAddress } from '../server/security/rate-limit.js';

/**
 * The socket peer address (@hono/node-server passes the request as `c.env.incoming`); when that peer is one of
 * `trustedProxies` (IPs, CIDR ranges or proxy-addr names such as `loopback`), the nearest untrusted address of
 * `X-Forwarded-For`. `undefined` outside a Node server (in-process `app.request()`), which the rate limit skips.
 * @example
 * createApp({ ...deps, clientAddress: nodeClientAddress(['10.0.0.0/8']) });
 */
export function nodeClientAddress(trustedProxies: readonly string[]): ClientAddress {
  let trust: ReturnType<typeof proxyaddr.compile>;
  try {
    trust = proxyaddr.compile([...trustedProxies]);
  } catch (err) {
    throw new AppError('config_invalid', `TRUSTED_PROXIES: ${(err as Error).message}.`);
  }
  return (c: Context) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming?.socket?.remoteAddress) return undefined;
    return proxyaddr(incoming, trust);
  };
}
