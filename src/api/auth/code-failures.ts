import type { AuditFields } from '../audit.ts';
import { FAILURES_BEFORE_LOCK, type SignInGuard } from './sign-in-guard.ts';

/**
 * A wrong second-factor code counts as a failed sign-in for the account (issue 10, item 4): the same
 * growing delay and the same lock-out as wrong passwords, audited once per lock-out. Returns whether
 * this failure locked the account.
 */
export async function countWrongCode(
  guard: SignInGuard,
  user: { readonly id: string; readonly email: string; readonly organisationId: string },
  audit: (action: 'session.locked-out', fields: AuditFields) => Promise<void>,
): Promise<boolean> {
  const failed = guard.fail(user.email);
  if (failed.lockedForSeconds !== null) {
    await audit('session.locked-out', {
      organisationId: user.organisationId,
      actor: { type: 'user', id: user.id, name: user.email },
      outcome: 'failure',
      message: `sign-in locked for ${Math.round(failed.lockedForSeconds / 60)} minute(s) after ${FAILURES_BEFORE_LOCK} failed attempts (wrong second-factor codes count)`,
      details: { lockedForSeconds: failed.lockedForSeconds },
    });
    return true;
  }
  await new Promise((resolve) => setTimeout(resolve, failed.delayMs));
  return false;
}

export function lockedMessage(retryAfterSeconds: number): string {
  return `Too many failed sign-ins for this account; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`;
}
