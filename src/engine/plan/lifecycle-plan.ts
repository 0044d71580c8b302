/**
 * Disables and deletes: a leaver past the delete days, a person out of scope, a linked account whose
 * person AFAS no longer returns.
 */
import type { Account, AttributeChange, Link, Person, RunStep } from '../../core/index.ts';
import { addDays } from '../normalise/index.ts';
import { lifecycleLocked, OWNED_ELSEWHERE, ownedStep, ownerOf } from './account-owner.ts';
import { ENABLED, type PlanRun } from './plan-run.ts';
import { because } from './plan-steps.ts';
import { bare, draftItem, type PersonPlan } from './types.ts';

export function isEnabled(account: Account): boolean {
  return account.attributes[ENABLED] !== false;
}

/** A linked leaver whose end date is the configured days behind. */
export function deleteDue(run: PlanRun, person: Person): boolean {
  const days = run.config.lifecycle.deleteAfterDays;
  const end = person.attributes.EndDate;
  return (
    person.lifecycle === 'gone' &&
    days !== null &&
    typeof end === 'string' &&
    addDays(end, days) <= run.input.today
  );
}

/** A disable or delete, unless the account is another system's to change (then failed, with why). */
export function lifecycleWrite(
  run: PlanRun,
  kind: 'disable' | 'delete',
  n: string,
  name: string,
  account: Account,
  steps: RunStep[],
  link: Link | undefined,
): PersonPlan {
  const owner = ownerOf(account, run.externalOwner);
  if (owner === null || !lifecycleLocked(owner, kind))
    return lifecyclePlan(kind, n, name, account, steps, link);
  const owned = ownedStep(owner, [], kind);
  const message = owned.message;
  steps.push(owned);
  return bare(draftItem(n, name, kind, 'failed', account.id, [], steps, { code: OWNED_ELSEWHERE, message }));
}

function lifecyclePlan(
  kind: 'disable' | 'delete',
  n: string,
  name: string,
  account: Account,
  steps: readonly RunStep[],
  link: Link | undefined,
): PersonPlan {
  const changes: AttributeChange[] =
    kind === 'disable' ? [{ attribute: ENABLED, old: isEnabled(account), new: false }] : [];
  return {
    item: draftItem(n, name, kind, 'success', account.id, changes, steps),
    writes: [{ kind, employeeNumber: n, accountId: account.id }],
    newLink: link === undefined,
    dropLink: false,
    applied: { ...(link?.applied ?? {}) },
  };
}

/** A linked account whose person AFAS no longer returns: disabled, or left alone, as configured. */
export function missingFromSource(run: PlanRun, link: Link, account: Account): PersonPlan {
  const name = String(account.attributes.displayName ?? link.employeeNumber);
  const steps = [because('read', { code: 'missing-from-source' })];
  if (run.config.lifecycle.missingFromSource === 'disable' && isEnabled(account)) {
    steps.push(because('plan', { code: 'missing-disable' }));
    return lifecycleWrite(run, 'disable', link.employeeNumber, name, account, steps, link);
  }
  steps.push(because('plan', { code: 'missing-left' }));
  return bare(draftItem(link.employeeNumber, name, 'no-change', 'skipped', account.id, [], steps));
}
