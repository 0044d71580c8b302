/**
 * A person whose account exists: what differs from the mapped values is updated, the account enabled
 * or disabled as the person's lifecycle says — unless the target would refuse a value or another
 * system owns the account, which fails the person with why. Most persons differ in nothing: then
 * nothing is checked, copied or listed.
 */
import type { Account, AttributeChange, Person, PlannedWrite, RunStep } from '../../core/index.ts';
import { lifecycleLocked, lockedChanges, OWNED_ELSEWHERE, ownedStep, ownerOf } from './account-owner.ts';
import { isEnabled } from './lifecycle-plan.ts';
import { movedOutside, OUTSIDE_READ } from './placement.ts';
import { ENABLED, type PersonOutcome, type PlanRun } from './plan-run.ts';
import { accountStep } from './plan-steps.ts';
import { quarantineFingerprint } from './quarantine-plan.ts';
import {
  type LimitCheck,
  refusedStep,
  shortenedStep,
  type WriteProblem,
  writeProblems,
} from './target-limits.ts';
import { draftItem, NOT_KEPT, type PersonPlan, personPlan } from './types.ts';
import { writeBack } from './write-back.ts';

const NO_CHANGES: readonly AttributeChange[] = Object.freeze([]);
const NO_PROBLEMS: readonly WriteProblem[] = Object.freeze([]);
const NO_WARNINGS: readonly RunStep[] = Object.freeze([]);
const NO_WRITES: readonly PlannedWrite[] = Object.freeze([]);

export function updatePlan(
  run: PlanRun,
  person: Person,
  account: Account,
  linked: boolean,
  fitted: LimitCheck,
  notFlowed: ReadonlySet<string>,
  desiredEnabled: boolean,
  read: RunStep,
  scoped: RunStep,
  matched: RunStep,
  out: PersonOutcome,
): PersonPlan {
  const n = person.employeeNumber;
  const values = fitted.values;
  const held = account.attributes;
  const found = run.differences(values, held, notFlowed);
  const changes: readonly AttributeChange[] = found ?? NO_CHANGES;
  const refused = found === undefined ? NO_PROBLEMS : problemsOf(run, fitted, found);
  // A move out of what the read covers is withheld like a refused value (placement.ts).
  const outside =
    found === undefined || run.placement === undefined ? null : movedOutside(run.placement, found);
  const warnings =
    fitted.shortened.size === 0 || found === undefined
      ? NO_WARNINGS
      : found.flatMap((c) => {
          const s = fitted.shortened.get(c.attribute);
          return s ? [shortenedStep(s, run.limits)] : [];
        });
  // An account another system owns (synced from on-premises AD): only what the target accepts goes.
  const owner = ownerOf(account, run.externalOwner);
  const locked = owner !== null && found !== undefined ? lockedChanges(owner, found) : NO_CHANGES;
  // The target would refuse the whole update; the values it accepts and the enable/disable still go.
  const refusedAttributes =
    refused.length > 0 || locked.length > 0 || outside !== null
      ? new Set([...refused.map((r) => r.attribute), ...locked.map((c) => c.attribute)])
      : null;
  if (outside !== null && run.placement !== undefined) refusedAttributes?.add(run.placement.attribute);
  const accepted =
    refusedAttributes !== null ? changes.filter((c) => !refusedAttributes.has(c.attribute)) : changes;
  const enabled = isEnabled(account);
  let action: PersonPlan['item']['action'] = 'no-change';
  if (desiredEnabled !== enabled) action = desiredEnabled ? 'enable' : 'disable';
  const lockedLifecycle =
    owner !== null && (action === 'enable' || action === 'disable') && lifecycleLocked(owner, action)
      ? action
      : null;
  // Made only for a person with something to write: most have nothing.
  let writes: PlannedWrite[] | undefined;
  if (accepted.length > 0)
    writes = [{ kind: 'update', employeeNumber: n, accountId: account.id, changes: accepted }];
  if ((action === 'enable' || action === 'disable') && lockedLifecycle === null) {
    writes ??= [];
    writes.push({ kind: action, employeeNumber: n, accountId: account.id });
  }
  if (changes.length > 0 && action === 'no-change') action = 'update';
  const allChanges =
    action === 'enable' || action === 'disable'
      ? [...changes, { attribute: ENABLED, old: enabled, new: desiredEnabled }]
      : changes;
  const steps = [read, scoped, matched, accountStep(action, person, changes.length)];
  for (let i = 0; i < warnings.length; i++) steps.push(warnings[i] as RunStep);
  let status: PersonPlan['item']['status'] = warnings.length > 0 ? 'warning' : 'success';
  let error: { code: string; message: string } | null = null;
  if (refused.length > 0) {
    const refusal = refusedStep(run.limits, refused, false);
    steps.push(refusal);
    status = 'failed';
    error = { code: 'HRS_TARGET_VALUE_INVALID', message: refusal.message };
  }
  if (outside !== null) {
    steps.push(outside);
    status = 'failed';
    error = { code: OUTSIDE_READ, message: error ? `${error.message}; ${outside.message}` : outside.message };
  }
  if (owner && (locked.length > 0 || lockedLifecycle !== null)) {
    const owned = ownedStep(owner, locked, lockedLifecycle);
    const message = owned.message;
    steps.push(owned);
    status = 'failed';
    error = { code: OWNED_ELSEWHERE, message: error ? `${message}; ${error.message}` : message };
  }
  if (status !== 'failed') {
    const back = writeBack(run.config.writeBack, n, person.attributes, held);
    if (back !== null) {
      writes ??= [];
      writes.push(back);
    }
  }
  out.accountId = account.id;
  out.currentManager = managerOf(account);
  out.owner = owner;
  const all = writes ?? NO_WRITES;
  return personPlan(
    draftItem(n, person.displayName, action, status, account.id, allChanges, steps, error),
    all,
    !linked,
    false,
    run.applies ? values : NOT_KEPT,
    quarantineFingerprint(run, out, n, values, person.attributes.ManagerEmployeeNumber, all.length),
  );
}

/**
 * What the target would refuse of these changes. Without a problem found while fitting and without a
 * value cleared there is nothing to refuse, and no list is made to ask.
 */
function problemsOf(
  run: PlanRun,
  fitted: LimitCheck,
  changes: readonly AttributeChange[],
): readonly WriteProblem[] {
  if (fitted.problems.size === 0 && !changes.some(cleared)) return NO_PROBLEMS;
  return writeProblems(
    fitted,
    changes.map((c) => ({ attribute: c.attribute, value: c.new })),
    run.limits,
    null,
  );
}

const cleared = (c: AttributeChange): boolean => c.new === null;

/** The manager reference the target reported for an account (`manager` attribute), if it reports one. */
function managerOf(account: Account): string | null | undefined {
  if (!Object.hasOwn(account.attributes, 'manager')) return undefined;
  const value = account.attributes.manager;
  return typeof value === 'string' && value !== '' ? value : null;
}
