import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getSession, signIn, signOut, verifySecondFactor } from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import type { SessionAssurance, User } from '../../store/index.ts';
import type { Caller } from '../auth/caller.ts';
import { countWrongCode, lockedMessage } from '../auth/code-failures.ts';
import {
  burnPasswordCheck,
  newSessionId,
  SESSION_COOKIE,
  sha256,
  verifyPassword,
} from '../auth/credentials.ts';
import { PENDING_SECOND_FACTOR_SECONDS, spendSecondFactor } from '../auth/second-factor.ts';
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

const SECOND_FACTOR_OF: Readonly<Record<SessionAssurance, 'none' | 'used' | 'microsoft'>> = {
  password: 'none',
  'second-factor': 'used',
  'pending-second-factor': 'none',
  microsoft: 'microsoft',
};

/** The session as the API shows it; `signedIn` is a session that was just established. */
async function sessionView(
  app: FastifyInstance,
  caller: Caller | null,
  signedIn?: { readonly user: User; readonly assurance: SessionAssurance },
) {
  const user = signedIn?.user;
  const organisationId = user?.organisationId ?? caller?.organisationId ?? '';
  const organisation = await app.deps.store.organisations.get(organisationId);
  const who = user ?? caller?.user;
  const assurance = signedIn?.assurance ?? caller?.assurance ?? null;
  const mustEnrol = signedIn
    ? signedIn.assurance === 'password' &&
      signedIn.user.role === 'admin' &&
      (organisation?.requireAdminSecondFactor ?? false)
    : (caller?.mustEnrolSecondFactor ?? false);
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
    secondFactor: assurance === null ? ('not-applicable' as const) : SECOND_FACTOR_OF[assurance],
    secondFactorRequired: mustEnrol,
  };
}

const expiresIn = (app: FastifyInstance, seconds: number): string =>
  new Date(Date.parse(app.deps.clock.now()) + seconds * 1000).toISOString();

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
    const url = request.routeOptions.url;
    if (request.method === 'POST' && (url === signIn.path || url === verifySecondFactor.path))
      await limitAddress.call(app, request, reply);
  });
  registerEndpoint(app, signIn, async ({ body, store, deps, request, reply, audit }) => {
    const guard = deps.signInGuard;
    const locked = guard.check(body.email);
    if (locked.locked) {
      reply.header('retry-after', String(locked.retryAfterSeconds));
      throw new HrsyncError('HRS_RATE_LIMITED', lockedMessage(locked.retryAfterSeconds));
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
    const { user } = found;
    const factor = await store.secondFactors.get(user.organisationId, user.id);
    if (factor?.enabledAt) {
      // The password alone opens nothing: a short-lived session that waits for the code. The failure
      // count is not reset here, so right passwords cannot buy more guesses at the code.
      const id = newSessionId();
      const expiresAt = expiresIn(app, PENDING_SECOND_FACTOR_SECONDS);
      await store.sessions.create(sha256(id), user, expiresAt, 'pending-second-factor');
      setCookie(app, request, reply, id, PENDING_SECOND_FACTOR_SECONDS);
      return { secondFactor: 'pending' as const, expiresAt };
    }
    guard.succeed(body.email);
    const actor = { type: 'user' as const, id: user.id, name: user.email };
    const id = newSessionId();
    const ttlSeconds = Math.round(deps.sessionTtlHours * 3600);
    await store.sessions.create(sha256(id), user, expiresIn(app, ttlSeconds), 'password');
    setCookie(app, request, reply, id, ttlSeconds);
    await audit('session.signed-in', { organisationId: user.organisationId, actor, message: 'signed in' });
    return sessionView(app, null, { user, assurance: 'password' });
  });

  registerEndpoint(app, verifySecondFactor, async ({ body, store, deps, request, reply, audit }) => {
    const cookie = request.cookies[SESSION_COOKIE];
    const pendingHash = typeof cookie === 'string' && cookie !== '' ? sha256(cookie) : null;
    const pending = pendingHash === null ? null : await store.sessions.find(pendingHash);
    if (pendingHash === null || pending === null || pending.assurance !== 'pending-second-factor') {
      throw new HrsyncError(
        'HRS_UNAUTHENTICATED',
        'Sign in with your e-mail address and password first; the code must follow within 5 minutes.',
      );
    }
    const { user } = pending;
    const guard = deps.signInGuard;
    const locked = guard.check(user.email);
    if (locked.locked) {
      await store.sessions.delete(pendingHash);
      reply.header('retry-after', String(locked.retryAfterSeconds));
      throw new HrsyncError('HRS_RATE_LIMITED', lockedMessage(locked.retryAfterSeconds));
    }
    const actor = { type: 'user' as const, id: user.id, name: user.email };
    const check = await spendSecondFactor(
      store,
      user.organisationId,
      user.id,
      body.code,
      Date.parse(deps.clock.now()),
    );
    if (!check.ok) {
      await audit('session.signed-in', {
        organisationId: user.organisationId,
        actor,
        outcome: 'failure',
        message: 'sign-in refused: wrong, used or expired second-factor code',
      });
      if (await countWrongCode(guard, user, audit)) {
        await store.sessions.delete(pendingHash);
        throw new HrsyncError(
          'HRS_RATE_LIMITED',
          'Too many wrong codes: sign-in is locked for this account.',
        );
      }
      throw new HrsyncError(
        'HRS_UNAUTHENTICATED',
        'That code is not right, or was used already. Enter the current code from your authenticator app, or a recovery code.',
      );
    }
    guard.succeed(user.email);
    // A new session id once the second factor is proven: the pending cookie never becomes a full one.
    await store.sessions.delete(pendingHash);
    const id = newSessionId();
    const ttlSeconds = Math.round(deps.sessionTtlHours * 3600);
    await store.sessions.create(sha256(id), user, expiresIn(app, ttlSeconds), 'second-factor');
    setCookie(app, request, reply, id, ttlSeconds);
    await audit('session.signed-in', {
      organisationId: user.organisationId,
      actor,
      message:
        check.used === 'code'
          ? 'signed in with a second factor'
          : `signed in with a recovery code (${check.recoveryCodesLeft ?? 0} left)`,
      details: {
        secondFactor: check.used,
        ...(check.recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft: check.recoveryCodesLeft }),
      },
    });
    return sessionView(app, null, { user, assurance: 'second-factor' });
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
