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
    };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (typeof cookie !== 'string' || cookie === '') return null;
  const sessionHash = sha256(cookie);
  const user = await store.sessions.findUser(sessionHash);
  if (!user) return null;
  return {
    organisationId: user.organisationId,
    role: user.role,
    actor: { type: 'user', id: user.id, name: user.email },
    via: 'session',
    userId: user.id,
    user: { id: user.id, email: user.email, name: user.name },
    sessionHash,
  };
}

export const authPlugin = rootPlugin(async (app: FastifyInstance) => {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    // Before anything is looked up: a cross-site browser request changes nothing (sign-in included).
    assertSameSite(request);
    request.caller = await resolveCaller(app, request);
  });
}, 'hrsync-auth');
