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
    organisation: { id: organisationId, name: organisation?.name ?? '' },
    via: user ? ('session' as const) : (caller?.via ?? 'session'),
  };
}

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, signIn, async ({ body, store, deps, request, reply, audit }) => {
    const found = await store.users.findForSignIn(body.email);
    if (!found) {
      await burnPasswordCheck(body.password);
      throw new HrsyncError('HRS_UNAUTHENTICATED', SIGN_IN_REFUSED);
    }
    const { user, passwordHash } = found;
    const ok = (await verifyPassword(passwordHash, body.password)) && !user.disabled;
    const actor = { type: 'user' as const, id: user.id, name: user.email };
    if (!ok) {
      await audit('session.signed-in', {
        organisationId: user.organisationId,
        actor,
        outcome: 'failure',
        message: 'sign-in refused: wrong password or disabled account',
      });
      throw new HrsyncError('HRS_UNAUTHENTICATED', SIGN_IN_REFUSED);
    }
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
