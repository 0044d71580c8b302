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
  interface FastifyContextConfig {
    /**
     * The route authenticates its caller by the body's bytes (a directory agent's signature): a body
     * that cannot be parsed is refused only once the caller is let in (input-hygiene.ts, route.ts).
     */
    authenticatesBody?: boolean;
  }
}
