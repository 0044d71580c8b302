import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getSession, signIn, signOut } from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import type { User } from '../../store/index.ts';
import type { Caller } from '../auth/caller.ts';
import {
  burnPasswordCheck,
  newSessionId,
  SESSION_COOKIE,
  sha256,
  verifyPassword,
} from '../auth/credentials.ts';
import { FAILURES_BEFORE_LOCK } from '../auth/sign-in-guard.ts';
import { DEFAULT_TIME_ZONE } from '../connections/defaults.ts';
import { registerEndpoint } from '../route.ts';

const SIGN_IN_REFUSED = 'The e-mail address or password is not correct, or the account is disabled.';

function isSecure(app: FastifyInstance, request: FastifyRequest): boolean {
  const setting = app.deps.secureCookies;
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

function setCookie(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAge: number,
) {
  reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecure(app, request),
    path: '/',
    maxAge,
  });
}

async function sessionView(app: FastifyInstance, caller: Caller | null, user?: User) {
  const organisationId = user?.organisationId ?? caller?.organisationId ?? '';
  const organisation = await app.deps.store.organisations.get(organisationId);
  const who = user ?? caller?.user;
  return {
    user: who
      ? { id: who.id, email: who.email, name: who.name }
      : { id: caller?.actor.id ?? '', email: '', name: caller?.actor.name ?? '' },
    role: user?.role ?? caller?.role ?? 'viewer',
    organisation: {
      id: organisationId,
      name: organisation?.name ?? '',
      timeZone: organisation?.timeZone ?? DEFAULT_TIME_ZONE,
    },
    via: user ? ('session' as const) : (caller?.via ?? 'session'),
  };
}

/** Per client address, across accounts (password spraying): at most this many sign-ins per window. */
export const SIGN_INS_PER_ADDRESS = 100;

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
  const limitAddress = app.rateLimit({
    max: SIGN_INS_PER_ADDRESS,
    timeWindow: 5 * 60_000,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      new HrsyncError(
        'HRS_RATE_LIMITED',
        `Too many sign-in attempts from your address; try again in ${context.after}.`,
      ),
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'POST' && request.routeOptions.url === signIn.path)
      await limitAddress.call(app, request, reply);
  });
  registerEndpoint(app, signIn, async ({ body, store, deps, request, reply, audit }) => {
    const guard = deps.signInGuard;
    const locked = guard.check(body.email);
    if (locked.locked) {
      reply.header('retry-after', String(locked.retryAfterSeconds));
      throw new HrsyncError(
        'HRS_RATE_LIMITED',
        `Too many failed sign-ins for this account; try again in ${Math.ceil(locked.retryAfterSeconds / 60)} minute(s).`,
      );
    }
    // An address is unique per organisation, so it may open several accounts: the password decides.
    const candidates = await store.users.findForSignIn(body.email);
    if (candidates.length === 0) await burnPasswordCheck(body.password);
    const matches: (typeof candidates)[number][] = [];
    for (const candidate of candidates) {
      if ((await verifyPassword(candidate.passwordHash, body.password)) && !candidate.user.disabled)
        matches.push(candidate);
    }
    if (matches.length === 0) {
      const failed = guard.fail(body.email);
      for (const { user: refused } of candidates) {
        const actor = { type: 'user' as const, id: refused.id, name: refused.email };
        await audit('session.signed-in', {
          organisationId: refused.organisationId,
          actor,
          outcome: 'failure',
          message: 'sign-in refused: wrong password or disabled account',
        });
        if (failed.lockedForSeconds !== null) {
          await audit('session.locked-out', {
            organisationId: refused.organisationId,
            actor,
            outcome: 'failure',
            message: `sign-in locked for ${Math.round(failed.lockedForSeconds / 60)} minute(s) after ${FAILURES_BEFORE_LOCK} failed attempts`,
            details: { lockedForSeconds: failed.lockedForSeconds },
          });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, failed.delayMs));
      throw new HrsyncError('HRS_UNAUTHENTICATED', SIGN_IN_REFUSED);
    }
    if (matches.length > 1) {
      // The person knows every one of these passwords; nobody else learns anything here.
      throw new HrsyncError(
        'HRS_CONFLICT',
        'This e-mail address and password open accounts in more than one organisation; give each account its own password to choose which one to sign in to.',
      );
    }
    const found = matches[0]!;
    guard.succeed(body.email);
    const { user } = found;
    const actor = { type: 'user' as const, id: user.id, name: user.email };
    const id = newSessionId();
    const ttlSeconds = Math.round(deps.sessionTtlHours * 3600);
    await store.sessions.create(
      sha256(id),
      user,
      new Date(Date.parse(deps.clock.now()) + ttlSeconds * 1000).toISOString(),
    );
    setCookie(app, request, reply, id, ttlSeconds);
    await audit('session.signed-in', { organisationId: user.organisationId, actor, message: 'signed in' });
    return sessionView(app, null, user);
  });

  registerEndpoint(app, signOut, async ({ caller, store, request, reply, audit }) => {
    if (caller.sessionHash !== null) await store.sessions.delete(caller.sessionHash);
    setCookie(app, request, reply, '', 0);
    await audit('session.signed-out', {
      message: caller.via === 'token' ? 'sign-out with a token: nothing to end' : 'signed out',
    });
    return undefined;
  });

  registerEndpoint(app, getSession, async ({ caller }) => sessionView(app, caller));
}
