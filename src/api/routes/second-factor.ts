/**
 * A signed-in person's own second factor (issue 10, item 4) — set up, confirm, recovery codes, turn
 * off — and an admin's reset of another user's (a lost phone). The secret is answered once, when an
 * enrolment starts; it never appears in an audit event or log line, and recovery codes only once,
 * when they are made. Only people signed in to a session have a second factor: API tokens are refused.
 */
import type { FastifyInstance } from 'fastify';
import {
  confirmSecondFactorEnrolment,
  disableSecondFactor,
  getSecondFactor,
  renewRecoveryCodes,
  resetUserSecondFactor,
  startSecondFactorEnrolment,
} from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import type { Caller } from '../auth/caller.ts';
import { countWrongCode, lockedMessage } from '../auth/code-failures.ts';
import { verifyPassword } from '../auth/credentials.ts';
import {
  enrolmentFor,
  hashRecoveryCodes,
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  spendSecondFactor,
} from '../auth/second-factor.ts';
import type { SignInGuard } from '../auth/sign-in-guard.ts';
import { toUserDto } from '../dto/access.ts';
import { registerEndpoint } from '../route.ts';

interface Person {
  readonly id: string;
  readonly email: string;
  readonly organisationId: string;
  readonly sessionHash: string;
  readonly caller: Caller;
}

/** The person behind a session; tokens have no second factor of their own. */
function person(caller: Caller): Person {
  if (caller.via !== 'session' || caller.user === null || caller.sessionHash === null) {
    throw new HrsyncError(
      'HRS_FORBIDDEN',
      'A second factor belongs to a person: sign in to the console to manage yours. API tokens cannot.',
    );
  }
  return {
    id: caller.user.id,
    email: caller.user.email,
    organisationId: caller.organisationId,
    sessionHash: caller.sessionHash,
    caller,
  };
}

function refuseWhileLocked(guard: SignInGuard, who: Person): void {
  const locked = guard.check(who.email);
  if (locked.locked) throw new HrsyncError('HRS_RATE_LIMITED', lockedMessage(locked.retryAfterSeconds));
}

const wrongCode = (what = 'code') =>
  new HrsyncError(
    'HRS_VALIDATION',
    `That ${what} is not right, or was used already. Enter the current code from your authenticator app.`,
    { details: [{ path: '/code', message: `wrong or used ${what}` }] },
  );

export async function secondFactorRoutes(app: FastifyInstance): Promise<void> {
  const now = () => Date.parse(app.deps.clock.now());

  registerEndpoint(app, getSecondFactor, async ({ caller, store }) => {
    const who = person(caller);
    const factor = await store.secondFactors.get(who.organisationId, who.id);
    const organisation = await store.organisations.get(who.organisationId);
    return {
      enabled: factor?.enabledAt != null,
      enabledAt: factor?.enabledAt ?? null,
      enrolmentPending: factor !== null && factor.enabledAt === null,
      recoveryCodesLeft: factor?.enabledAt ? factor.recoveryCodesLeft : 0,
      required: caller.role === 'admin' && (organisation?.requireAdminSecondFactor ?? false),
      microsoft: caller.assurance === 'microsoft',
    };
  });

  registerEndpoint(app, startSecondFactorEnrolment, async ({ caller, store, audit }) => {
    const who = person(caller);
    if (caller.assurance === 'microsoft') {
      throw new HrsyncError(
        'HRS_CONFLICT',
        'You signed in with Microsoft: Entra asks for your second factor, so hrsync does not ask its own.',
      );
    }
    const factor = await store.secondFactors.get(who.organisationId, who.id);
    if (factor?.enabledAt) {
      throw new HrsyncError(
        'HRS_CONFLICT',
        'Your second factor is already on. Turn it off first to set up another authenticator app.',
      );
    }
    const secret = newTotpSecret();
    await store.secondFactors.startEnrolment(who.organisationId, who.id, secret);
    await audit('user.second-factor-enrolment-started', {
      message: `${who.email} started setting up a second factor`,
      details: { userId: who.id },
    });
    return enrolmentFor(secret, who.email);
  });

  registerEndpoint(app, confirmSecondFactorEnrolment, async ({ caller, store, body, audit }) => {
    const who = person(caller);
    const factor = await store.secondFactors.get(who.organisationId, who.id);
    if (factor === null || factor.enabledAt !== null) {
      throw new HrsyncError(
        'HRS_CONFLICT',
        factor === null
          ? 'Start setting up a second factor first (POST /api/v1/account/second-factor/enrolment).'
          : 'Your second factor is already on.',
      );
    }
    const stored = await store.secondFactors.secret(who.organisationId, who.id);
    const step = stored ? matchingStep(stored.secret, body.code, now()) : null;
    if (step === null) throw wrongCode();
    const codes = newRecoveryCodes();
    const hashes = await hashRecoveryCodes(codes);
    await store.transaction(async (tx) => {
      if (!(await tx.secondFactors.spendStep(who.organisationId, who.id, step))) throw wrongCode();
      await tx.secondFactors.enable(who.organisationId, who.id);
      await tx.secondFactors.replaceRecoveryCodes(who.organisationId, who.id, hashes);
      // This session proved the factor; any other session of the person had only the password.
      await tx.sessions.deleteOthersForUser(who.id, who.sessionHash);
      await tx.sessions.setAssuranceForUser(who.id, 'second-factor');
      await audit(
        'user.second-factor-enabled',
        {
          message: `${who.email} turned on a second factor (${codes.length} recovery codes made)`,
          details: { userId: who.id, recoveryCodes: codes.length },
        },
        tx,
      );
    });
    return { recoveryCodes: codes };
  });

  registerEndpoint(app, disableSecondFactor, async ({ caller, store, deps, body, audit }) => {
    const who = person(caller);
    const factor = await store.secondFactors.get(who.organisationId, who.id);
    if (!factor?.enabledAt) throw new HrsyncError('HRS_CONFLICT', 'Your account has no second factor on.');
    const organisation = await store.organisations.get(who.organisationId);
    if (caller.role === 'admin' && organisation?.requireAdminSecondFactor) {
      throw new HrsyncError(
        'HRS_CONFLICT',
        'Your organisation requires admins to use a second factor, so yours cannot be turned off. Another admin can reset it if your phone is lost.',
      );
    }
    refuseWhileLocked(deps.signInGuard, who);
    const account = (await store.users.findForSignIn(who.email)).find((c) => c.user.id === who.id);
    const passwordOk = account !== undefined && (await verifyPassword(account.passwordHash, body.password));
    const codeOk =
      passwordOk && (await spendSecondFactor(store, who.organisationId, who.id, body.code, now())).ok;
    if (!codeOk) {
      await countWrongCode(deps.signInGuard, who, audit);
      throw new HrsyncError('HRS_VALIDATION', 'The password or the code is not right.', {
        details: [{ path: passwordOk ? '/code' : '/password', message: 'not right' }],
      });
    }
    deps.signInGuard.succeed(who.email);
    await store.transaction(async (tx) => {
      await tx.secondFactors.remove(who.organisationId, who.id);
      await tx.sessions.setAssuranceForUser(who.id, 'password');
      await audit(
        'user.second-factor-disabled',
        { message: `${who.email} turned off their second factor`, details: { userId: who.id } },
        tx,
      );
    });
    return undefined;
  });

  registerEndpoint(app, renewRecoveryCodes, async ({ caller, store, deps, body, audit }) => {
    const who = person(caller);
    const factor = await store.secondFactors.get(who.organisationId, who.id);
    if (!factor?.enabledAt) throw new HrsyncError('HRS_CONFLICT', 'Your account has no second factor on.');
    refuseWhileLocked(deps.signInGuard, who);
    if (!(await spendSecondFactor(store, who.organisationId, who.id, body.code, now())).ok) {
      await countWrongCode(deps.signInGuard, who, audit);
      throw wrongCode();
    }
    deps.signInGuard.succeed(who.email);
    const codes = newRecoveryCodes();
    await store.secondFactors.replaceRecoveryCodes(
      who.organisationId,
      who.id,
      await hashRecoveryCodes(codes),
    );
    await audit('user.recovery-codes-renewed', {
      message: `${who.email} made ${codes.length} new recovery codes; the earlier ones no longer work`,
      details: { userId: who.id, recoveryCodes: codes.length },
    });
    return { recoveryCodes: codes };
  });

  registerEndpoint(app, resetUserSecondFactor, async ({ caller, store, params, audit }) => {
    const target = await store.users.get(caller.organisationId, params.id);
    if (!target)
      throw new HrsyncError('HRS_NOT_FOUND', `User ${params.id} was not found in your organisation.`);
    if (target.id === caller.userId) {
      throw new HrsyncError(
        'HRS_CONFLICT',
        'To turn off your own second factor use your account’s security page (it asks your password and a code); another admin can reset it.',
      );
    }
    if (!(await store.secondFactors.remove(caller.organisationId, target.id))) {
      throw new HrsyncError('HRS_CONFLICT', `${target.email} has no second factor to reset.`);
    }
    // Whoever holds the lost phone's sessions loses them too.
    await store.sessions.deleteForUser(target.id);
    await audit('user.second-factor-reset', {
      message: `second factor of ${target.email} reset; their sessions ended`,
      details: { userId: target.id, email: target.email, name: target.name },
    });
    return toUserDto(target, false);
  });
}
