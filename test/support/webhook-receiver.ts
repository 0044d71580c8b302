/**
 * A real HTTP (or, given a certificate, HTTPS) server on a free loopback port that keeps every webhook hrsync posts to it and answers
 * 200, for the tests that check notifications. `next()` waits for a delivery to arrive (an event,
 * not a sleep); `verifySignature()` checks hrsync's HMAC the way a receiver would.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`, or `https://…` when started with a certificate */
  readonly base: string;
  readonly hooks: readonly ReceivedHook[];
  /** The first delivery from index `from` on (default: any not yet seen) that matches; waits for it. */
  next(
    match?: (hook: ReceivedHook) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<ReceivedHook>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(tls?: {
  readonly certPem: string;
  readonly keyPem: string;
}): Promise<WebhookReceiver> {
  const hooks: ReceivedHook[] = [];
  const arrived = new EventEmitter();
  const receive: RequestListener = (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const hook = { path: req.url ?? '', headers: req.headers, body };
      hooks.push(hook);
      res.writeHead(200).end('ok');
      arrived.emit('hook', hook);
    });
  };
  const server = tls
    ? createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, receive)
    : createServer(receive);
  // A handshake the client refused (an untrusted certificate) is what some tests expect.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hooks,
    next(match = () => true, { from = hooks.length, timeoutMs = 20_000 } = {}) {
      const seen = hooks.slice(from).find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const onHook = (hook: ReceivedHook): void => {
          if (!match(hook)) return;
          clearTimeout(timer);
          arrived.off('hook', onHook);
          resolve(hook);
        };
        const timer = setTimeout(() => {
          arrived.off('hook', onHook);
          reject(
            new Error(`no matching webhook arrived in ${timeoutMs} ms (${hooks.length} received in all)`),
          );
        }, timeoutMs);
        arrived.on('hook', onHook);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Whether a delivery carries hrsync's signature for `key`: `X-Hrsync-Signature: sha256=<hex>` over
 * `<X-Hrsync-Timestamp>.<body>`.
 */
export function signedWith(key: string, hook: ReceivedHook): boolean {
  const timestamp = hook.headers['x-hrsync-timestamp'];
  const given = hook.headers['x-hrsync-signature'];
  if (typeof timestamp !== 'string' || typeof given !== 'string') return false;
  const expected = `sha256=${createHmac('sha256', key).update(`${timestamp}.${hook.body}`).digest('hex')}`;
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
