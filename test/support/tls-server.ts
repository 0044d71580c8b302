/**
 * An HTTPS server that answers `{}` to everything and counts the TCP connections made to it, so a
 * test can tell how often a client tried, without timing anything.
 */
import { createServer } from 'node:https';
import { type AddressInfo, createServer as createNetServer } from 'node:net';

export interface CountingTlsServer {
  /** `https://127.0.0.1:{port}` */
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted so far (a TLS handshake the client refused still counts). */
  connections(): number;
  close(): Promise<void>;
}

export async function startCountingTlsServer(certificate: {
  readonly certPem: string;
  readonly keyPem: string;
}): Promise<CountingTlsServer> {
  const server = createServer(
    { cert: certificate.certPem, key: certificate.keyPem },
    (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    },
  );
  let connections = 0;
  server.on('connection', () => {
    connections++;
  });
  // A refused handshake is the point of these tests, not an error of the server.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on this machine where nothing listens (one was just bound and let go). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
