import type { Caller } from './auth/caller.ts';
import type { ApiDeps } from './deps.ts';

declare module 'fastify' {
  interface FastifyInstance {
    deps: ApiDeps;
  }
  interface FastifyRequest {
    /** Resolved by the auth plugin; null when the request carries no valid session or token. */
    caller: Caller | null;
    /** The session cookie is of a sign-in whose second factor is still awaited (caller is null). */
    secondFactorPending: boolean;
  }
}
