/**
 * One error handler for the whole API (STYLE.md principle 6): an HrsyncError answers with its
 * catalogue status and `{ error: { code, message, retryable, details } }`; schema validation and
 * other client mistakes become HRS_VALIDATION (400) with paths; anything else is a logged
 * HRS_INTERNAL. Bad input never produces a 500.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { keywordWords, patternWords, readableMessage, readablePath } from '../contracts/index.ts';
import {
  ERROR_CATALOGUE,
  type ErrorCode,
  type ErrorDetail,
  explainErrors,
  HrsyncError,
  isHrsyncError,
} from '../core/index.ts';

export function errorBody(code: ErrorCode, message: string, details: readonly ErrorDetail[] = []) {
  return { error: { code, message, retryable: ERROR_CATALOGUE[code].retryable, details } };
}

export function sendError(reply: FastifyReply, error: HrsyncError): FastifyReply {
  // Only where HTTP gives Retry-After a meaning: too many requests, or the service busy.
  if (error.retryAfter !== undefined && (error.status === 429 || error.status === 503)) {
    reply.header('retry-after', String(error.retryAfter));
  }
  return reply
    .code(error.status)
    .type('application/json')
    .send(errorBody(error.code, error.message, error.details));
}

interface AjvError {
  readonly instancePath?: string;
  readonly message?: string;
  readonly keyword?: string;
  readonly params?: Record<string, unknown>;
}

/**
 * Ajv's errors for a union of literals (`anyOf` of `const`s) are one per member ("must be equal to
 * constant", ×n) and the union's; a nullable field's (`anyOf` of a type and null) add "must be null".
 * One line says what was meant instead: the allowed values, or the member's own complaint.
 */
function withUnionsMerged(errors: readonly AjvError[]): AjvError[] {
  const unionPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath ?? ''));
  const out: AjvError[] = [];
  for (const path of unionPaths) {
    const here = errors.filter((e) => (e.instancePath ?? '') === path);
    const choices = here.flatMap((e) =>
      e.keyword === 'const'
        ? [e.params?.allowedValue]
        : e.keyword === 'enum' && Array.isArray(e.params?.allowedValues)
          ? e.params.allowedValues
          : [],
    );
    if (choices.length > 0) {
      out.push({ instancePath: path, keyword: 'enum', params: { allowedValues: choices } });
    }
  }
  for (const e of errors) {
    const path = e.instancePath ?? '';
    if (!unionPaths.has(path)) {
      out.push(e);
      continue;
    }
    if (out.some((o) => o.keyword === 'enum' && (o.instancePath ?? '') === path && o.params?.allowedValues)) {
      if (['const', 'enum', 'type', 'anyOf'].includes(e.keyword ?? '')) continue;
    }
    const others = errors.filter(
      (o) =>
        (o.instancePath ?? '') === path &&
        o.keyword !== 'anyOf' &&
        !(o.keyword === 'type' && o.params?.type === 'null'),
    );
    if (others.length > 0 && (e.keyword === 'anyOf' || (e.keyword === 'type' && e.params?.type === 'null')))
      continue;
    // A nullable field's wrong type: "must be a whole number or empty (null)".
    const nullable = errors.some(
      (o) => (o.instancePath ?? '') === path && o.keyword === 'type' && o.params?.type === 'null',
    );
    out.push(
      e.keyword === 'type' && nullable ? { ...e, params: { type: [String(e.params?.type), 'null'] } } : e,
    );
  }
  return out;
}

/**
 * At most this many problems are listed. Validation reports every problem (allErrors), so a 2 MiB
 * body of wrong list entries holds hundreds of thousands: listed, they made an answer of tens of
 * megabytes, and merging unions per place took time growing with their square (minutes).
 */
export const LISTED_PROBLEMS = 100;

/** Ajv's errors at the first LISTED_PROBLEMS places of the value (a union's members stay together), and how many places are left. */
function firstPlaces(errors: readonly AjvError[]): { errors: AjvError[]; placesLeft: number } {
  const kept: AjvError[] = [];
  const places = new Set<string>();
  const left = new Set<string>();
  for (const e of errors) {
    const place = e.instancePath ?? '';
    if (places.has(place) || places.size < LISTED_PROBLEMS) {
      places.add(place);
      kept.push(e);
    } else left.add(place);
  }
  return { errors: kept, placesLeft: left.size };
}

/** The first LISTED_PROBLEMS details, and a last one that counts the rest (at least `placesLeft`). */
function listed(details: readonly ErrorDetail[], placesLeft: number): ErrorDetail[] {
  const rest = Math.max(details.length - LISTED_PROBLEMS, placesLeft);
  if (rest <= 0) return [...details];
  return [
    ...details.slice(0, LISTED_PROBLEMS),
    {
      path: '/',
      message: `and at least ${rest.toLocaleString('en')} more problems, not listed: fix these and send it again`,
    },
  ];
}

function validationDetails(errors: readonly AjvError[]): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const e of withUnionsMerged(errors)) {
    // A missing field is named by its own path; an unknown one is named in the words, at its object.
    const missing = e.params?.missingProperty;
    const path = `${e.instancePath ?? ''}${typeof missing === 'string' ? `/${missing}` : ''}` || '/';
    const message = keywordWords(e.keyword, e.params);
    const key = `${path} ${message}`;
    // A union reports once per branch; keep one line per path and message.
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path, message });
  }
  return details;
}

/** "Name: is required"; a detail about the whole body or query is its words alone. */
const inWords = (d: ErrorDetail): string => {
  const where = readablePath(d.path);
  return where === '' ? d.message : `${where}: ${d.message}`;
};

/**
 * A parameter given twice (`?page=1&page=2`) arrives as an array, and the schema would call it "must be
 * integer" although each value is one: say what happened instead, once per parameter.
 */
function repeatedParameters(details: readonly ErrorDetail[], query: unknown): ErrorDetail[] {
  if (query === null || typeof query !== 'object') return [...details];
  const given = query as Record<string, unknown>;
  const out: ErrorDetail[] = [];
  const said = new Set<string>();
  for (const d of details) {
    const name = d.path.slice(1);
    if (!Object.hasOwn(given, name) || !Array.isArray(given[name])) out.push(d);
    else if (!said.has(name)) {
      said.add(name);
      out.push({ path: d.path, message: 'is given more than once; give it once' });
    }
  }
  return out;
}

/**
 * Ajv reports a body value that fits no member of a union with every member's complaints ("/environment
 * /number is not a known field; /environment/baseUrl must have required property 'baseUrl'; … must
 * match a schema in anyOf"). The configuration check's explanation (core/config/explain-errors.ts)
 * says instead which field of the member meant is wrong, and the allowed words; used when the body's
 * schema is a TypeBox one. Values are not repeated: the answer is also audited.
 */
function bodyDetails(
  errors: readonly AjvError[],
  body?: { schema: unknown; value: unknown },
  placesLeft = 0,
): ErrorDetail[] {
  const plain = validationDetails(errors);
  const schema = body?.schema;
  if (!errors.some((e) => e.keyword === 'anyOf')) return plain;
  // The explanation walks the whole body again (a second or more for a 2 MiB one): only for a body
  // whose problems are all listed.
  if (placesLeft > 0) return plain;
  if (typeof schema !== 'object' || schema === null || !(Kind in schema)) return plain;
  try {
    const explained = explainErrors(schema as TSchema, body?.value, { values: false }).map((d) => {
      // TypeBox's "Expected string to match '<pattern>'" (a pattern without a description), in words.
      const pattern = /^expected string to match '(.*)'$/s.exec(d.message)?.[1];
      // TypeBox's other phrases ("Expected integer to be greater or equal to 0") the console's way.
      return {
        path: d.path,
        message: pattern === undefined ? readableMessage(d.message) : patternWords(pattern),
      };
    });
    // A union described in the schema ("expected audit events older than this are removed; …") or
    // named by its members' types reads better as what the value broke, where Ajv said so.
    const worded = explained.flatMap((d) => {
      const own = plain.filter((p) => p.path === d.path);
      return /^expected (?!\{)/.test(d.message) && own.length > 0 ? own : [d];
    });
    return worded.length > 0 ? worded : plain;
  } catch {
    return plain;
  }
}

/** The largest request body the service reads (Fastify's `bodyLimit`). */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

function payloadTooLarge(contentLength: string | undefined, limit = BODY_LIMIT_BYTES): HrsyncError {
  const size = Number(contentLength);
  const sent = Number.isSafeInteger(size) && size > 0 ? ` (${size.toLocaleString('en')} bytes)` : '';
  const where = limit === BODY_LIMIT_BYTES ? 'the service takes' : 'this endpoint takes';
  return new HrsyncError(
    'HRS_PAYLOAD_TOO_LARGE',
    `The request body is too large${sent}: ${where} at most ${limit / (1024 * 1024)} MiB (${limit.toLocaleString('en')} bytes).`,
  );
}

/**
 * What the error handler knows of the request: its query (a parameter given twice), type and body,
 * and the route's body schema (to explain a union the body does not fit).
 */
type RequestFacts = Pick<FastifyRequest, 'query' | 'headers' | 'body'> & {
  readonly routeOptions?: {
    readonly schema?: { readonly body?: unknown } | undefined;
    readonly bodyLimit?: number | undefined;
  };
};

/** The media type a request's Content-Type names, short and printable, for a message. */
export function mediaTypeOf(contentType: string | undefined): string | null {
  if (contentType === undefined || contentType.trim() === '') return null;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const printable = type.replace(/[^\x21-\x7e]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 80)}…` : printable;
}

function unsupportedMediaType(contentType: string | undefined): HrsyncError {
  const type = mediaTypeOf(contentType);
  const received = type === null ? 'has no Content-Type' : `was sent as ${type}`;
  return new HrsyncError(
    'HRS_UNSUPPORTED_MEDIA_TYPE',
    `The request body ${received}; this endpoint takes JSON: send it with the header Content-Type: application/json.`,
  );
}

/** `request`: what the error is about, to name a repeated query parameter, the type sent, an empty body. */
export function toHrsyncError(error: unknown, request?: RequestFacts): HrsyncError | null {
  if (isHrsyncError(error)) return error;
  const e = error as FastifyError & { validationContext?: string };
  if (Array.isArray(e.validation)) {
    if (e.validationContext === 'body' && request !== undefined && request.body === undefined) {
      return new HrsyncError(
        'HRS_VALIDATION',
        'The request body is empty; this endpoint takes a JSON object (Content-Type: application/json).',
        { details: [{ path: '/', message: 'is empty; send a JSON object' }] },
      );
    }
    const { errors: ajvErrors, placesLeft } = firstPlaces(e.validation as AjvError[]);
    const all =
      e.validationContext === 'body'
        ? bodyDetails(
            ajvErrors,
            { schema: request?.routeOptions?.schema?.body, value: request?.body },
            placesLeft,
          )
        : validationDetails(ajvErrors);
    const details = listed(
      e.validationContext === 'querystring' ? repeatedParameters(all, request?.query) : all,
      placesLeft,
    );
    // Fastify calls the path's parameters "params": "The params is invalid" read badly.
    const where = e.validationContext === 'params' ? 'path' : (e.validationContext ?? 'request');
    // Each field as the console names it ("Name: is longer than …"); the details keep the JSON paths.
    const summary = details.map(inWords).join('; ');
    return new HrsyncError('HRS_VALIDATION', `The ${where} is invalid: ${summary}`, { details });
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return unsupportedMediaType(request?.headers['content-type']);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 404) return new HrsyncError('HRS_NOT_FOUND', e.message);
    if (e.statusCode === 413)
      return payloadTooLarge(request?.headers['content-length'], request?.routeOptions?.bodyLimit);
    return new HrsyncError('HRS_VALIDATION', e.message);
  }
  return null;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toHrsyncError(error, request);
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, known.message);
      return sendError(reply, known);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendError(
      reply,
      new HrsyncError(
        'HRS_INTERNAL',
        `An unexpected error occurred; it was logged with request id ${request.id}.`,
      ),
    );
  });
}

/** The request's path for a message: without the query, and cut short (it may be 16 KiB long). */
function pathOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

export function notFoundError(method: string, url: string): HrsyncError {
  return new HrsyncError('HRS_NOT_FOUND', `There is no ${method} ${pathOf(url)}.`);
}

export function methodNotAllowedError(method: string, url: string, allowed: readonly string[]): HrsyncError {
  return new HrsyncError(
    'HRS_METHOD_NOT_ALLOWED',
    `${pathOf(url)} does not take ${method}; it takes ${allowed.join(', ')}.`,
  );
}
