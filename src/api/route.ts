/**
 * Registers a contract endpoint (src/contracts) as a Fastify route: its schemas validate the
 * request and document it in OpenAPI, its access level is enforced before validation, and its
 * handler can only audit the actions the endpoint declares. Refusals of auditable operations are
 * audited too, with the error code.
 */
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type AuditActionOf,
  type BodyOf,
  type Endpoint,
  ErrorBody,
  implicitErrors,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  SECOND_FACTOR_SETUP_OPERATIONS,
  securityOf,
} from '../contracts/index.ts';
import { ERROR_CATALOGUE, type ErrorCode, HrsyncError } from '../core/index.ts';
import type { Store } from '../store/index.ts';
import { type AuditFields, recordAudit, type Subject } from './audit.ts';
import { allows, type Caller } from './auth/caller.ts';
import type { ApiDeps } from './deps.ts';
import { toHrsyncError } from './errors.ts';
import { bodyErrorOf } from './plugins/input-hygiene.ts';

export interface RouteContext<E extends Endpoint> {
  readonly params: ParamsOf<E>;
  readonly query: QueryOf<E>;
  readonly body: BodyOf<E>;
  readonly caller: E['access'] extends 'public' ? Caller | null : Caller;
  readonly store: Store;
  readonly deps: ApiDeps;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  /** Records an audit event; pass the transaction's store when inside one (SQLite has one connection). */
  audit(action: AuditActionOf<E>, fields: AuditFields, via?: Store): Promise<void>;
  about(subject: Subject): void;
}

export type RouteHandler<E extends Endpoint> = (ctx: RouteContext<E>) => Promise<ResponseOf<E>>;

export interface EndpointOptions {
  /**
   * Authenticates a caller whose credential covers the request's bytes (a directory agent's
   * signature): runs once the body is read and before anything about the input is judged — a body
   * that does not parse, the params' and body's schemas — so a caller it refuses learns nothing
   * about the input rules. Throws to refuse.
   */
  readonly authenticate?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** The largest body this route reads, when not the service's (BODY_LIMIT_BYTES). */
  readonly bodyLimit?: number;
}

function responseSchemas(e: Endpoint): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  if (e.status === 204) responses[204] = { type: 'null', description: 'Done; no content' };
  else if (e.produces === 'text/csv') {
    responses[e.status] = {
      description: e.summary,
      content: { 'text/csv': { schema: e.response as TSchema } },
    };
  } else responses[e.status] = e.response;
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...e.errors, ...implicitErrors(e)])) {
    const status = ERROR_CATALOGUE[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of byStatus) {
    responses[status] = { ...ErrorBody, description: codes.join(', ') };
  }
  return responses;
}

function declared(e: Endpoint, code: ErrorCode): boolean {
  return e.errors.includes(code) || implicitErrors(e).includes(code);
}

export function registerEndpoint<E extends Endpoint>(
  app: FastifyInstance,
  e: E,
  handler: RouteHandler<E>,
  options: EndpointOptions = {},
): void {
  const { authenticate, bodyLimit } = options;
  const auditable = e.audit !== 'read-only';
  const firstAction = auditable ? (e.audit as readonly string[])[0]! : '';

  app.route({
    method: e.method,
    url: e.path,
    schema: {
      operationId: e.operationId,
      summary: e.summary,
      tags: [e.tag],
      ...(securityOf(e).length === 0 ? {} : { security: securityOf(e) }),
      ...(e.params ? { params: e.params } : {}),
      ...(e.query ? { querystring: e.query } : {}),
      ...(e.body ? { body: e.body } : {}),
      response: responseSchemas(e),
    } as Record<string, unknown>,
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
    ...(authenticate
      ? {
          config: { authenticatesBody: true },
          preValidation: async (request: FastifyRequest, reply: FastifyReply) => {
            await authenticate(request, reply);
            const unreadable = bodyErrorOf(request);
            if (unreadable) throw unreadable;
          },
        }
      : {}),
    // Before the body is even parsed: an anonymous or under-privileged caller learns nothing about the
    // input rules. Route-level onRequest runs after the auth plugin's shared onRequest hook.
    onRequest: async (request) => {
      if (e.access === 'public') return;
      const caller = request.caller;
      if (!caller) {
        if (request.secondFactorPending) {
          throw new HrsyncError(
            'HRS_SECOND_FACTOR_PENDING',
            'Finish signing in: send the code from your authenticator app (or a recovery code) to POST /api/v1/session/second-factor.',
          );
        }
        throw new HrsyncError(
          'HRS_UNAUTHENTICATED',
          'Sign in, or send an API token as "Authorization: Bearer hrs_…".',
        );
      }
      if (caller.mustEnrolSecondFactor && !SECOND_FACTOR_SETUP_OPERATIONS.has(e.operationId)) {
        throw new HrsyncError(
          'HRS_SECOND_FACTOR_REQUIRED',
          'Your organisation requires admins to use a second factor: set one up first (POST /api/v1/account/second-factor/enrolment, then confirm it with a code).',
        );
      }
      if (!allows(caller.role, e.access)) {
        const error = new HrsyncError(
          'HRS_FORBIDDEN',
          `Your role "${caller.role}" does not allow this operation (${e.operationId}); it needs the ${e.access} role.`,
        );
        if (auditable) {
          await recordAudit(app.deps.store, caller, firstAction, {
            outcome: 'refused',
            message: error.message,
            details: { code: error.code, operation: e.operationId },
          });
        }
        throw error;
      }
    },
    handler: async (request, reply) => {
      const subject: { current: Subject } = { current: {} };
      const caller = request.caller;
      const ctx = {
        params: request.params,
        query: request.query,
        body: request.body,
        caller,
        store: app.deps.store,
        deps: app.deps,
        request,
        reply,
        audit: (action: string, fields: AuditFields, via?: Store) =>
          recordAudit(via ?? app.deps.store, caller, action, fields),
        about: (s: Subject) => {
          subject.current = { ...subject.current, ...s };
        },
        // Fastify validated params, query and body against the endpoint's own schemas above, so
        // they have the endpoint's static types; the compiler cannot follow that link by itself.
      } as unknown as RouteContext<E>;
      try {
        const result = await handler(ctx);
        reply.code(e.status);
        if (e.status === 204) return reply.send();
        if (e.produces === 'text/csv') reply.type('text/csv; charset=utf-8');
        return result;
      } catch (error) {
        const known = toHrsyncError(error);
        if (known && auditable && known.status < 500) {
          await recordAudit(app.deps.store, caller, firstAction, {
            outcome: 'refused',
            message: known.message,
            details: { code: known.code, operation: e.operationId },
            ...(subject.current.connectionId ? { connectionId: subject.current.connectionId } : {}),
            ...(subject.current.connectionName ? { connectionName: subject.current.connectionName } : {}),
            ...(subject.current.tenantId ? { tenantId: subject.current.tenantId } : {}),
            ...(subject.current.runId ? { runId: subject.current.runId } : {}),
          });
        }
        if (known && !declared(e, known.code)) {
          request.log.error(
            { code: known.code, operation: e.operationId },
            'error code not declared by the endpoint',
          );
          if (app.deps.strictContracts) {
            throw new HrsyncError(
              'HRS_INTERNAL',
              `${e.operationId} answered ${known.code}, which it does not declare.`,
            );
          }
        }
        throw error;
      }
    },
  });
}
