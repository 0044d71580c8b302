import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createTestPki, type TestPki } from './tls.ts';

export interface ListenOptions {
  /** Plain HTTP port; 0 picks a free one. Omit (or `null`) to serve HTTPS only. */
  readonly port?: number | null;
  /** HTTPS port; 0 picks a free one. Omit to serve plain HTTP only. */
  readonly httpsPort?: number;
  /** Address to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Certificates for HTTPS. Default: a fresh test PKI, persisted to `tlsDir` when given. */
  readonly tls?: TestPki;
  /** Folder for a generated test PKI so its CA file can be handed to clients. */
  readonly tlsDir?: string;
}

export interface Listening {
  /** e.g. `http://127.0.0.1:4001` (no trailing slash) */
  readonly httpUrl?: string;
  /** e.g. `https://127.0.0.1:4443` */
  readonly httpsUrl?: string;
  /** The HTTPS URL when served, else the HTTP one: what a client should use by default. */
  readonly url: string;
  /** CA certificate that signed the HTTPS certificate (PEM), when HTTPS is served. */
  readonly caCertPem?: string;
  /** Where that CA certificate is on disk, when persisted. */
  readonly caFile?: string;
  close(): Promise<void>;
}

/**
 * Serves one Fastify app over plain HTTP, HTTPS or both. The HTTPS side is a second node server that
 * hands every request to the same app's router, so hooks, routes and state are shared.
 */
export async function listen(app: FastifyInstance, options: ListenOptions = {}): Promise<Listening> {
  const wantsHttp = options.port !== undefined && options.port !== null;
  if (!wantsHttp && options.httpsPort === undefined)
    throw new Error('listen: give a port, an httpsPort or both');
  const host = options.host ?? '127.0.0.1';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let httpUrl: string | undefined;
  let httpsUrl: string | undefined;
  let httpsServer: Server | undefined;
  let pki: TestPki | undefined;

  await app.ready();
  if (wantsHttp) {
    await app.listen({ port: options.port ?? 0, host });
    httpUrl = `http://${urlHost}:${(app.server.address() as AddressInfo).port}`;
  }
  if (options.httpsPort !== undefined) {
    const httpsPort = options.httpsPort;
    // Whatever stops the HTTPS side (a TLS folder that cannot be written, a port out of range that
    // listen() throws at once, a port in use) closes the HTTP side too: left listening, it kept the
    // process alive after the emulator had said why it could not start.
    try {
      pki = options.tls ?? createTestPki(options.tlsDir === undefined ? {} : { dir: options.tlsDir });
      const { keyPem, certPem } = pki;
      const server = createServer({ key: keyPem, cert: certPem }, (req, res) => app.routing(req, res));
      httpsServer = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(httpsPort, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      await app.close();
      throw error;
    }
    httpsUrl = `https://${urlHost}:${(httpsServer.address() as AddressInfo).port}`;
  }
  const url = (httpsUrl ?? httpUrl) as string;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (httpsServer) {
        const server = httpsServer;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }
      await app.close();
    })();
    return closing;
  };

  return {
    url,
    close,
    ...(httpUrl === undefined ? {} : { httpUrl }),
    ...(httpsUrl === undefined ? {} : { httpsUrl }),
    ...(pki === undefined ? {} : { caCertPem: pki.caCertPem }),
    ...(pki?.caFile === undefined ? {} : { caFile: pki.caFile }),
  };
}
