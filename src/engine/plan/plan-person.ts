/**
 * One person's plan: read, scope, the operator's exclusion, the mapped values, the match, and then
 * what becomes of the account — none needed, a create, a disable or delete, an update. Every person
 * of a run passes here, so it makes only what the person's item shows: steps most persons share are
 * shared, lists are made at their final length, and nothing is copied to be changed.
 */
import type { AttrValue, Person } from '../../core/index.ts';
import { evaluateRules, evaluateRulesIn } from '../map/index.ts';
import { contestedConflict, type MatchInput, matchPerson } from '../match/index.ts';
import { attributeOf, rankOf } from './account-claims.ts';
import { conflictPlan } from './conflict-plan.ts';
import { createPlan } from './create-plan.ts';
import { deleteDue, isEnabled, lifecycleWrite } from './lifecycle-plan.ts';
import { ENABLED, type PersonOutcome, type PlanRun, UNIQUE } from './plan-run.ts';
import { because, byWhom, matchStepOf, readStep, step, unitOf, withReason } from './plan-steps.ts';
import { bare, draftItem, type PersonPlan } from './types.ts';
import { updatePlan } from './update-plan.ts';

/** `at`: where the person's plan goes among the run's plans (their claim on a matched account). */
export function planPerson(run: PlanRun, person: Person, out: PersonOutcome, at: number): PersonPlan {
  out.clear();
  const n = person.employeeNumber;
  const name = person.displayName;
  const attrs = person.attributes;
  const context = run.context.reset(person);
  const read = readStep(person);
  const scope = run.input.scope(person);
  const scoped = run.scopeStep(scope);
  const excluded = run.overrides.excluded.get(n);
  if (excluded) {
    const link = run.linksByEmployee.get(n);
    const match = withReason(
      'match',
      `excluded by an override${byWhom(excluded)}; nothing is sent`,
      { code: 'excluded', by: excluded.createdBy, note: excluded.reason },
      'skipped',
    );
    const steps = [read, scoped, match];
    return bare(draftItem(n, name, 'out-of-scope', 'skipped', link?.accountId ?? null, [], steps));
  }

  // The answer is refilled by the next evaluation of these rules: its parts are kept, not it (nor the
  // values themselves when the run keeps none, run.refillValues).
  const evaluated = evaluateRulesIn(run.plainRules, context, run.refillValues);
  const notFlowed = evaluated.notFlowed;
  if (evaluated.errors.length > 0) {
    const message = evaluated.errors.join('; ');
    const steps = [read, scoped, step('plan', message, 'failed')];
    const error = { code: 'HRS_EXPR_EVALUATION', message };
    return bare(draftItem(n, name, 'no-change', 'failed', null, [], steps, error));
  }
  // Values are fitted to the target before anything compares them, so a shortened value matches
  // what the tenant holds next time (no write on every run).
  const fitted = run.fitPlain(evaluated.values);
  const values = fitted.values;
  const link = run.linksByEmployee.get(n);
  let match = matchPerson(matchInput(run, n, link, values, attrs, context));
  if (match.kind === 'matched') {
    // Out of scope too: what a person matches says whose account it is (account-claims.ts).
    const rank = rankOf(run.matchOn, match.attribute);
    const holder = run.claims.claim(match.account.id, at, rank);
    if (holder >= 0) {
      // For now: every claimant of a contested account is planned again once all are (settleContests).
      // A plan's index is its person's: only an on-demand run skips persons, and it plans one.
      const owner = (run.input.persons[holder] as Person).employeeNumber;
      const theirs = attributeOf(run.matchOn, run.claims.lostTo);
      const tie = run.claims.lostTo === rank;
      match = contestedConflict(match.account, match.attribute, match.value, owner, theirs, tie);
    }
  }
  if (match.kind === 'conflict') return conflictPlan(n, name, read, scoped, scope.inScope, match);
  const matched = matchStepOf(match);
  const dropLink = match.kind === 'none' && match.staleLink;
  const account = match.kind === 'none' ? null : match.account;
  const linked = match.kind === 'linked';
  if (account) run.managed++;
  const desiredEnabled = enabledFor(values[ENABLED], person);

  if (!scope.inScope) {
    const policy = run.config.scope.outOfScope;
    if (!account || !linked || policy === 'none' || (policy === 'disable' && !isEnabled(account))) {
      const steps = [
        read,
        scoped,
        matched,
        because('plan', { code: 'out-of-scope-left', account: account !== null }),
      ];
      return bare(draftItem(n, name, 'out-of-scope', 'skipped', account?.id ?? null, [], steps), dropLink);
    }
    const steps = [read, scoped, matched, because('plan', { code: 'out-of-scope-write', policy })];
    return lifecycleWrite(run, policy, n, name, account, steps, link);
  }

  if (!account) {
    if (person.lifecycle !== 'active' && person.lifecycle !== 'pre-hire') {
      const primary = person.primary;
      const steps = [
        read,
        scoped,
        matched,
        because('plan', {
          code: 'no-account-needed',
          lifecycle: person.lifecycle,
          start: primary?.startDate ?? null,
          end: unitOf(attrs.EndDate) ?? primary?.endDate ?? null,
          leadDays: run.config.persons.leadDays,
        }),
      ];
      return bare(draftItem(n, name, 'no-change', 'skipped', null, [], steps), dropLink);
    }
    out.accountId = null;
    return createPlan(run, person, context, fitted, desiredEnabled, read, scoped, matched, dropLink, out);
  }

  if (linked && deleteDue(run, person)) {
    const steps = [
      read,
      scoped,
      matched,
      because('plan', {
        code: 'delete-due',
        end: String(attrs.EndDate),
        days: run.config.lifecycle.deleteAfterDays ?? 0,
      }),
    ];
    return lifecycleWrite(run, 'delete', n, name, account, steps, link);
  }
  return updatePlan(
    run,
    person,
    account,
    linked,
    fitted,
    notFlowed,
    desiredEnabled,
    read,
    scoped,
    matched,
    out,
  );
}

/**
 * The matcher's input, in one object per run refilled for each person: matchPerson reads it during
 * the call and keeps none of it (its result holds accounts, not the input).
 */
function matchInput(
  run: PlanRun,
  n: string,
  link: MatchInput['link'],
  values: Readonly<Record<string, AttrValue>>,
  attrs: Person['attributes'],
  context: Parameters<typeof evaluateRulesIn>[1],
): MatchInput {
  const input = run.matchInput;
  const tried = run.matchValues;
  // A matching attribute made with [UniqueName] is matched on the first local part the person gets.
  const firstLocal = run.matchesOnUniqueName ? (run.localParts(context).next().value ?? '') : '';
  for (let i = 0; i < run.matchOn.length; i++) {
    const { attribute, rule, unique } = run.matchOn[i] as PlanRun['matchOn'][number];
    const slot = tried[i] as { attribute: string; value: AttrValue };
    slot.value =
      unique && rule
        ? (evaluateRules([rule], { ...attrs, [UNIQUE]: firstLocal }, context).values[attribute] ?? null)
        : (values[attribute] ?? null);
  }
  input.employeeNumber = n;
  input.link = link;
  input.linkOverride = run.overrides.links.get(n);
  input.refused = refusedAccounts(run, n);
  return input;
}

/** Accounts this person must not match: their never-match overrides, and accounts linked to others. */
function refusedAccounts(run: PlanRun, n: string): ReadonlySet<string> | undefined {
  const { overrides, linkedByOthers } = run;
  const never = overrides.neverMatch.get(n);
  if (linkedByOthers === undefined) return never;
  // Someone who is not linked by an override themselves is refused every account linked by one.
  if (never === undefined && !overrides.links.has(n)) return linkedByOthers;
  const out = new Set(never ?? []);
  for (const [accountId, owner] of overrides.linkedAccounts) if (owner !== n) out.add(accountId);
  return out;
}

/** Without an accountEnabled mapping: enabled while active or within the grace days. */
function enabledFor(mapped: AttrValue | undefined, person: Person): boolean {
  if (typeof mapped === 'boolean') return mapped;
  return person.lifecycle === 'active' || person.lifecycle === 'leaver';
}
