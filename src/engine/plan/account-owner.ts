/**
 * Accounts another system owns (Entra: users synced from on-premises AD, `onPremisesSyncEnabled`).
 * The target refuses to change them but for a few attributes, so the plan fails such a change with
 * the reason, and sends only what the target accepts — the simulation shows what the sync would meet
 * instead of the sync finding it out. Matching and linking such an account stay as for any other. Pure.
 *
 * Failed, not a warning: what HR says (a new title, a leaver's disable) does not reach the account
 * until someone changes it where it is owned, and a failure keeps that in view (run outcome "completed
 * with failures", the activation gate) until it is resolved there, the person is excluded by an
 * override or the attribute is no longer mapped.
 */
import type { Account, AttributeChange, AttrValue, ErrorCode, RunStep } from '../../core/index.ts';
import type { ExternalOwner } from '../ports.ts';
import type { PersonPlan } from './types.ts';

export const OWNED_ELSEWHERE: ErrorCode = 'HRS_TARGET_ACCOUNT_OWNED_ELSEWHERE';

/** The owner of the account when it is not the target's own to change; null when hrsync may write it. */
export function ownerOf(account: Account, owner: ExternalOwner | undefined): ExternalOwner | null {
  return owner !== undefined && account.attributes[owner.attribute] === owner.value ? owner : null;
}

/** The changes the target would refuse on such an account. */
export function lockedChanges(owner: ExternalOwner, changes: readonly AttributeChange[]): AttributeChange[] {
  return changes.filter((c) => !owner.writable.includes(c.attribute));
}

/** Whether enabling, disabling (accountEnabled) or deleting the account would be refused. */
export function lifecycleLocked(owner: ExternalOwner, kind: 'enable' | 'disable' | 'delete'): boolean {
  return kind === 'delete' || !owner.writable.includes('accountEnabled');
}

const shown = (v: AttrValue): string =>
  v === null
    ? '(empty)'
    : Array.isArray(v)
      ? v.map((x) => `"${x}"`).join(', ') || '(empty)'
      : `"${String(v)}"`;

/**
 * "This account is managed by on-premises Active Directory (directory sync); change jobTitle
 * "Adviseur" → "Senior adviseur" and disable it there."
 */
export function ownedMessage(
  owner: ExternalOwner,
  locked: readonly AttributeChange[],
  lifecycle: 'enable' | 'disable' | 'delete' | null,
): string {
  const parts: string[] = [];
  if (locked.length > 0)
    parts.push(`change ${locked.map((c) => `${c.attribute} ${shown(c.old)} → ${shown(c.new)}`).join(', ')}`);
  if (lifecycle !== null) parts.push(`${lifecycle} it`);
  return `This account is managed by ${owner.name}; ${parts.join(' and ')} there (or exclude the person with an override)`;
}

/** The failed plan step: the engine's text as its detail, the reason for the words (contracts/item-reasons.ts). */
export function ownedStep(
  owner: ExternalOwner,
  locked: readonly AttributeChange[],
  lifecycle: 'enable' | 'disable' | 'delete' | null,
): RunStep {
  return {
    step: 'plan',
    status: 'failed',
    message: ownedMessage(owner, locked, lifecycle),
    reason: {
      code: 'owned-elsewhere',
      owner: owner.name,
      changes: locked.map((c) => ({ attribute: c.attribute, old: c.old, new: c.new })),
      lifecycle,
    },
  };
}

/** A manager change the target would refuse: the person fails with why, and no manager write is sent. */
export function withLockedManager(before: PersonPlan, after: PersonPlan, owner: ExternalOwner): PersonPlan {
  const changes = after.item.changes.filter((c) => c.attribute === 'manager');
  const owned = ownedStep(owner, changes, null);
  const message = owned.message;
  const { manager: _notSet, ...applied } = before.applied;
  return {
    ...before,
    item: {
      ...before.item,
      action: after.item.action,
      status: 'failed',
      changes: after.item.changes,
      steps: [...before.item.steps, owned],
      error: { code: OWNED_ELSEWHERE, message },
    },
    applied,
  };
}
