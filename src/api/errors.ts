/**
 * One error handler for the whole API (STYLE.md principle 6): an HrsyncError answers with its
 * catalogue status and `{ error: { code, message, retryable, details } }`; schema validation and
 * other client mistakes become HRS_VALIDATION (400) with paths; anything else is a logged
 * HRS_INTERNAL. Bad input never produces a 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ERROR_CATALOGUE,
  type ErrorCode,
  type ErrorDetail,
  HrsyncError,
  isHrsyncError,
} from '../core/index.ts';

export function errorBody(code: ErrorCode, message: string, details: readonly ErrorDetail[] = []) {
  return { error: { code, message, retryable: ERROR_CATALOGUE[code].retryable, details } };
}

export function sendError(reply: FastifyReply, error: HrsyncError): FastifyReply {
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

function validationDetails(errors: readonly AjvError[]): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const e of errors) {
    const extra = e.params?.missingProperty ?? e.params?.additionalProperty;
    const path = `${e.instancePath ?? ''}${typeof extra === 'string' ? `/${extra}` : ''}` || '/';
    const message =
      e.keyword === 'additionalProperties' ? 'is not a known field' : (e.message ?? 'is invalid');
    const key = `${path} ${message}`;
    // A union reports once per branch; keep one line per path and message.
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path, message });
  }
  return details;
}

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

/** `query`: the request's parsed query string, to recognise a parameter given more than once. */
export function toHrsyncError(error: unknown, query?: unknown): HrsyncError | null {
  if (isHrsyncError(error)) return error;
  const e = error as FastifyError & { validationContext?: string };
  if (Array.isArray(e.validation)) {
    const all = validationDetails(e.validation as AjvError[]);
    const details = e.validationContext === 'querystring' ? repeatedParameters(all, query) : all;
    const where = e.validationContext ?? 'request';
    const summary = details.map((d) => `${d.path} ${d.message}`).join('; ');
    return new HrsyncError('HRS_VALIDATION', `The ${where} is invalid: ${summary}`, { details });
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new HrsyncError(
      'HRS_VALIDATION',
      'The request body must be JSON, sent with the header Content-Type: application/json.',
    );
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 404) return new HrsyncError('HRS_NOT_FOUND', e.message);
    if (e.statusCode === 413) {
      return new HrsyncError('HRS_PAYLOAD_TOO_LARGE', 'The request body is too large (at most 2 MiB).');
    }
    return new HrsyncError('HRS_VALIDATION', e.message);
  }
  return null;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toHrsyncError(error, request.query);
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

export function notFoundError(method: string, url: string): HrsyncError {
  return new HrsyncError('HRS_NOT_FOUND', `There is no ${method} ${url.split('?')[0]}.`);
}
