/**
 * An API endpoint declared once (STYLE.md principle 8): method, path, who may call it, what goes in
 * and out, which errors it can answer with, and what it records in the audit log. The server's
 * routes, the tests, the console and the CLI all import these declarations.
 *
 * `audit` is required: an endpoint that forgets to say what it audits does not compile. Reads say
 * `'read-only'`; everything else lists its audit actions, and the route can only record those.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { ErrorCode } from '../core/errors.ts';
import type { Role } from '../core/vocabulary.ts';
import type { AuditAction } from './audit-actions.ts';

/** The least role that may call the endpoint; `public` needs no sign-in. */
export type Access = 'public' | Role;

export type AuditDeclaration = 'read-only' | readonly [AuditAction, ...AuditAction[]];

export interface Endpoint {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify-style path with `:name` parameters, e.g. `/api/v1/connections/:id`. */
  readonly path: `/${string}`;
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  /**
   * `agent`: the caller is a directory agent proving itself by its request signature
   * (`Authorization: Agent <JWT>`, scheme AGENT_SIGNATURE_SCHEME), checked by the route before its
   * input; such endpoints are `public` to the session and token checks.
   */
  readonly signedBy?: 'agent';
  readonly params?: TSchema;
  readonly query?: TSchema;
  readonly body?: TSchema;
  readonly status: 200 | 201 | 202 | 204;
  /** Absent for 204 responses. */
  readonly response?: TSchema;
  /** `text/csv` endpoints answer with a file; the response schema is then a string. */
  readonly produces?: 'application/json' | 'text/csv';
  /** Errors beyond the ones every endpoint can give (validation, sign-in, role). */
  readonly errors: readonly ErrorCode[];
  readonly audit: AuditDeclaration;
}

/** The OpenAPI security schemes, by name: a session cookie, an API token, a directory agent's signature. */
export const SESSION_SCHEME = 'cookieAuth';
export const TOKEN_SCHEME = 'bearerAuth';
export const AGENT_SIGNATURE_SCHEME = 'agentSignature';

/** The OpenAPI `security` of an endpoint: who may call it, and how they prove it. */
export function securityOf(e: Endpoint): readonly Readonly<Record<string, readonly string[]>>[] {
  if (e.signedBy === 'agent') return [{ [AGENT_SIGNATURE_SCHEME]: [] }];
  if (e.access === 'public') return [];
  return [{ [SESSION_SCHEME]: [] }, { [TOKEN_SCHEME]: [] }];
}

/** Declares an endpoint, keeping every literal (path, audit actions, schemas) in its type. */
export const endpoint = <const E extends Endpoint>(declaration: E): E => declaration;

type StaticOr<S, Fallback> = S extends TSchema ? Static<S> : Fallback;
export type ParamsOf<E extends Endpoint> = StaticOr<E['params'], Record<string, never>>;
export type QueryOf<E extends Endpoint> = StaticOr<E['query'], Record<string, never>>;
export type BodyOf<E extends Endpoint> = StaticOr<E['body'], undefined>;
export type ResponseOf<E extends Endpoint> = StaticOr<E['response'], undefined>;
export type AuditActionOf<E extends Endpoint> = E['audit'] extends readonly (infer A)[] ? A : never;

/** Fills `:name` parameters: `pathFor(getConnection, { id })` → `/api/v1/connections/…`. */
export function pathFor(
  e: Pick<Endpoint, 'path'>,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return e.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter "${name}" for ${e.path}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * What an admin who must set up a second factor (the organisation requires it) may still call: who
 * am I, sign out, and the enrolment itself. Everything else answers HRS_SECOND_FACTOR_REQUIRED.
 */
export const SECOND_FACTOR_SETUP_OPERATIONS: ReadonlySet<string> = new Set([
  'getSession',
  'signOut',
  'getSecondFactor',
  'startSecondFactorEnrolment',
  'confirmSecondFactorEnrolment',
]);

/** Errors any endpoint may answer with, so declarations list only their own. */
export function implicitErrors(e: Endpoint): readonly ErrorCode[] {
  const codes: ErrorCode[] = ['HRS_VALIDATION', 'HRS_INTERNAL'];
  if (e.access !== 'public') codes.push('HRS_UNAUTHENTICATED', 'HRS_SECOND_FACTOR_PENDING');
  if (e.access !== 'public' && !SECOND_FACTOR_SETUP_OPERATIONS.has(e.operationId))
    codes.push('HRS_SECOND_FACTOR_REQUIRED');
  if (e.access === 'operator' || e.access === 'admin') codes.push('HRS_FORBIDDEN');
  if (e.body !== undefined) codes.push('HRS_PAYLOAD_TOO_LARGE');
  // Every method but GET reads a body when one is sent, and refuses one that is not JSON.
  if (e.method !== 'GET') codes.push('HRS_UNSUPPORTED_MEDIA_TYPE');
  return codes;
}
