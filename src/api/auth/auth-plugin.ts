/**
 * Resolves the caller of every API request: `Authorization: Bearer hrs_…` (an API token) or the
 * session cookie. Both are looked up by their sha-256; neither value is ever stored or logged.
 */
import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertSameSite } from '../plugins/web-hardening.ts';
import { rootPlugin } from '../root-plugin.ts';
import { type Caller, lowerRole } from './caller.ts';
import { API_TOKEN_PREFIX, SESSION_COOKIE, sha256 } from './credentials.ts';

async function resolveCaller(app: FastifyInstance, request: FastifyRequest): Promise<Caller | null> {
  const { store } = app.deps;
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) {
    const token = header.slice('Bearer '.length).trim();
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const found = await store.apiTokens.use(sha256(token));
    if (!found) return null;
    const { token: apiToken, creator } = found;
    return {
      organisationId: apiToken.organisationId,
      // Never more than its creator may do now: a demoted creator demotes the token.
      role: lowerRole(apiToken.role, creator.role),
      actor: { type: 'token', id: apiToken.id, name: `token ${apiToken.name} (${creator.email})` },
      via: 'token',
      userId: creator.id,
      user: { id: creator.id, email: creator.email, name: creator.name },
      sessionHash: null,
      // API tokens answer to their creator's role, not to a second factor (README, Security).
      assurance: null,
      mustEnrolSecondFactor: false,
    };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (typeof cookie !== 'string' || cookie === '') return null;
  const sessionHash = sha256(cookie);
  const session = await store.sessions.find(sessionHash);
  if (!session) return null;
  const { user, assurance } = session;
  // Password right, code not yet given: not a caller (routes answer HRS_SECOND_FACTOR_PENDING).
  if (assurance === 'pending-second-factor') {
    request.secondFactorPending = true;
    return null;
  }
  // A session with a password alone may have to set up a second factor first (an admin, when the
  // organisation requires one); Microsoft sessions did their MFA at Entra, and a session that used
  // a second factor has one.
  const mustEnrolSecondFactor =
    assurance === 'password' &&
    user.role === 'admin' &&
    ((await store.organisations.get(user.organisationId))?.requireAdminSecondFactor ?? false);
  return {
    organisationId: user.organisationId,
    role: user.role,
    actor: { type: 'user', id: user.id, name: user.email },
    via: 'session',
    userId: user.id,
    user: { id: user.id, email: user.email, name: user.name },
    sessionHash,
    assurance,
    mustEnrolSecondFactor,
  };
}

export const authPlugin = rootPlugin(async (app: FastifyInstance) => {
  app.decorateRequest('caller', null);
  app.decorateRequest('secondFactorPending', false);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    // Before anything is looked up: a cross-site browser request changes nothing (sign-in included).
    assertSameSite(request);
    request.caller = await resolveCaller(app, request);
  });
}, 'hrsync-auth');
