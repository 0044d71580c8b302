/**
 * Requests Node's HTTP parser refuses before Fastify sees them — a request line and headers over
 * Node's limit (16 KiB), a malformed request line, conflicting Content-Length and Transfer-Encoding,
 * a broken chunk — answered in the API's error shape (Fastify's `clientErrorHandler`), where Node and
 * Fastify would answer a bare status or their own body. The log gets the parser's code and reason,
 * never the raw bytes (`err.rawPacket`): they are whatever the client sent, up to 16 KiB of it.
 *
 * The answer is written and the connection closed cleanly: the rest of what the client is still
 * sending (the tail of a 100,000-character URL) is read and dropped until it stops or a few seconds
 * pass, because closing a socket with unread data resets it, and the client could lose the answer.
 */
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { HrsyncError } from '../../core/index.ts';
import { errorBody } from '../errors.ts';

/** How long a refused connection is drained before it is destroyed. */
const LINGER_MS = 5_000;

interface ParserError extends Error {
  readonly code?: string;
  /** llhttp's fixed description, e.g. "Invalid method encountered". */
  readonly reason?: string;
}

const answered = new WeakSet<Socket>();

/** The refusal for a request Node's HTTP parser stopped at, in the catalogue's words. */
export function clientError(error: ParserError, headerLimit: number): HrsyncError {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new HrsyncError(
      'HRS_HEADERS_TOO_LARGE',
      `The request's URL and headers are too long: together they may be at most ${headerLimit.toLocaleString('en')} bytes. Shorten the URL (its query string) or the headers.`,
    );
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new HrsyncError(
      'HRS_REQUEST_TIMEOUT',
      'The request did not arrive whole in time; the connection is closed. Send it again.',
    );
  }
  // llhttp's reasons are fixed sentences about the grammar ("Invalid method encountered",
  // "Content-Length can't be present with Transfer-Encoding"), never the client's bytes.
  // (`bytesParsed` counts within the last chunk read, not the request, so it cannot say where.)
  const reason = typeof error.reason === 'string' ? error.reason.replace(/[^\x20-\x7e]/g, '') : '';
  return new HrsyncError(
    'HRS_VALIDATION',
    `The request is not valid HTTP/1.1${reason === '' ? '' : `: ${reason}`}${
      error.code ? ` (${error.code})` : ''
    }. Nothing was done.`,
  );
}

function drainThenClose(socket: Socket): void {
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.on('close', () => clearTimeout(timer));
  // The client closing its side, or an error, ends the wait.
  socket.on('end', () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.resume();
}

export function clientErrorHandler(this: FastifyInstance, error: ParserError, socket: Socket): void {
  // A reset connection has nobody to answer; a connection already answered is being drained.
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
  answered.add(socket);
  const limit = (this.server as { maxHeaderSize?: number }).maxHeaderSize ?? maxHeaderSize;
  const refusal = clientError(error, limit);
  // A request cut off by the time limit was slow (or stalled), not malformed: say so. Either way only
  // the parser's code and reason are logged, never what the client sent.
  if (refusal.code === 'HRS_REQUEST_TIMEOUT') {
    const limitMs = (this.server as { requestTimeout?: number }).requestTimeout;
    this.log.info(
      { code: error.code, limitMs },
      `closed a request that did not arrive whole in time${
        typeof limitMs === 'number' && limitMs > 0 ? ` (${limitMs.toLocaleString('en')} ms)` : ''
      }: ${refusal.code}`,
    );
  } else {
    this.log.info({ code: error.code, reason: error.reason }, `refused a malformed request: ${refusal.code}`);
  }
  // An answer to an earlier request on this connection already under way cannot be cut into (Node's
  // own rule, `_httpMessage` being the response in progress).
  const inProgress = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inProgress?.headersSent === true) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(refusal.code, refusal.message));
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
  drainThenClose(socket);
}
