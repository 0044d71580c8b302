/**
 * HTTP over a plain socket, for what a client library would not send: the bytes as given, read until
 * the service closes the connection.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  // biome-ignore lint/suspicious/noExplicitAny: the error body is read as plain JSON
  readonly body: any;
  /** The client socket's error, e.g. ECONNRESET; null when the service closed it cleanly. */
  readonly socketError: string | null;
}

/**
 * Sends `request` as bytes and reads until the service closes the connection. A request left unfinished
 * is a stalled client: nothing more is sent.
 */
export function rawExchange(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let socketError: string | null = null;
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      socketError = e.code ?? e.message;
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split === -1) {
        reject(new Error(`no HTTP answer (socket error: ${socketError}): ${JSON.stringify(text)}`));
        return;
      }
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const raw = text.slice(split + 4);
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {}
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, socketError });
    });
    socket.write(request);
  });
}
