/**
 * Input hygiene for every request (issue 10, item 5): a NUL byte or invalid UTF-8 anywhere in the path,
 * query or JSON body is a 400 before any route or store sees it (PostgreSQL refuses NUL in text, which
 * would otherwise surface as a 500), and too-large bodies are a 413 (see errors.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HrsyncError } from '../../core/index.ts';
import { jsonSyntaxError } from './json-syntax.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Why this raw URL is refused, or null. */
export function urlProblem(rawUrl: string): string | null {
  // Decode each percent-encoded run as UTF-8 the way the router and query parser will.
  const plus = rawUrl.replace(/\+/g, ' ');
  let decoded: string;
  try {
    decoded = decodeURIComponent(plus);
  } catch {
    return 'The request URL is not valid UTF-8 (malformed percent-encoding).';
  }
  if (decoded.includes('\u0000')) return 'The request URL contains a NUL character.';
  return null;
}

function refuse(message: string): HrsyncError {
  return new HrsyncError('HRS_VALIDATION', message);
}

/** JSON.parse for request bodies: strict UTF-8, no NUL in any key or string. */
export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    throw refuse('The request body is not valid UTF-8.');
  }
  if (text.trim() === '') return undefined;
  let nul = false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value) => {
      if (key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) nul = true;
      return value;
    });
  } catch (error) {
    // Valid JSON nested thousands deep overflows the stack of JSON.parse's reviver.
    if (error instanceof RangeError) {
      throw refuse(
        'The request body nests objects and arrays too deeply to be read, far deeper than any field of the API.',
      );
    }
    const where = jsonSyntaxError(text);
    throw refuse(
      where === null
        ? 'The request body is not valid JSON.'
        : `The request body is not valid JSON at line ${where.line}, column ${where.column} (character ${where.offset + 1}): ${where.problem}.`,
    );
  }
  if (nul) throw refuse('The request body contains a NUL character (\\u0000), which no field accepts.');
  return parsed;
}

const printable = (s: string): string => {
  const shown = s.trim().replace(/[^\x21-\x7e]/g, '?');
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
};

/**
 * A JSON body the service cannot read as sent: compressed (Content-Encoding; Fastify would hand the
 * compressed bytes on as if they were text) or in a charset other than UTF-8 (JSON is UTF-8, RFC 8259).
 */
export function bodyEncodingProblem(headers: FastifyRequest['headers']): HrsyncError | null {
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    return new HrsyncError(
      'HRS_UNSUPPORTED_MEDIA_TYPE',
      `The request body was sent with Content-Encoding ${printable(encoding)}; the service reads bodies uncompressed: send it without Content-Encoding.`,
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";]*)/i.exec(headers['content-type'] ?? '')?.[1]?.trim();
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    return new HrsyncError(
      'HRS_UNSUPPORTED_MEDIA_TYPE',
      `The request body was sent in charset ${printable(charset) || '(empty)'}; JSON is read as UTF-8 only: send it as UTF-8, with Content-Type: application/json.`,
    );
  }
  return null;
}

/** Each JSON request's body as the bytes that came (an agent's signature covers them: agent-auth.ts). */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/** The bytes of this request's JSON body, or undefined when it had none. */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return rawBodies.get(request);
}

/** Why the body of a route that authenticates by it could not be parsed, told after authentication. */
const bodyErrors = new WeakMap<FastifyRequest, Error>();

/** The parse error held back for a route with `config.authenticatesBody`, if any. */
export function bodyErrorOf(request: FastifyRequest): Error | undefined {
  return bodyErrors.get(request);
}

export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.headers.host === undefined && request.raw.httpVersion !== '1.0') {
      throw refuse(`The request has no Host header, which HTTP/${request.raw.httpVersion} requires.`);
    }
    const problem = urlProblem(request.raw.url ?? '');
    if (problem !== null) throw refuse(problem);
  });
  // The API speaks JSON only. Fastify would also hand a text/plain body to the route as a string,
  // which the schema then refused as "/ must be object"; without this parser every other type is
  // refused in one sentence saying what to send (errors.ts).
  app.removeContentTypeParser('text/plain');
  // POSTs without a body (simulate, activate) often still say application/json; accept that.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request, body as Buffer);
    try {
      const unreadable = bodyEncodingProblem(request.headers);
      if (unreadable !== null) throw unreadable;
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      // An unauthenticated caller of such a route learns nothing from its body, not even this.
      if (request.routeOptions.config.authenticatesBody !== true) return done(error as Error, undefined);
      bodyErrors.set(request, error as Error);
      done(null, undefined);
    }
  });
}

/** Query strings and path parameters: every number gets an upper bound, so none reaches the store out of range. */
export const MAX_QUERY_NUMBER = 1_000_000_000;

export function boundNumbers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundNumbers);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) copy[k] = boundNumbers(v);
  if ((copy.type === 'integer' || copy.type === 'number') && copy.maximum === undefined) {
    copy.maximum = MAX_QUERY_NUMBER;
  }
  return copy;
}
