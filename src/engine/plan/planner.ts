/**
 * plan: the exact list of writes per person. Pure and deterministic — no I/O, the clock is an input —
 * so simulation, sync and on-demand share it and only the executor differs (STYLE.md principle 1).
 *
 * Every person is planned in turn (plan-person.ts); then names unique per container are resolved, then
 * managers (a manager may be a person planned later), then linked accounts whose person is gone.
 */
import type { RunItem } from '../../core/index.ts';
import { settleContests } from './account-claims.ts';
import { missingFromSource } from './lifecycle-plan.ts';
import { ManagerReferences } from './manager-plan.ts';
import { planPerson } from './plan-person.ts';
import { PersonOutcome, type PlanInput, planRun } from './plan-run.ts';
import { quarantined, released, withStep } from './quarantine-plan.ts';
import { resolveScopedNames } from './scoped-names.ts';
import type { PersonPlan, Plan } from './types.ts';

export type { PlanInput, QuarantinePlanInput } from './plan-run.ts';

export function plan(input: PlanInput): Plan {
  const run = planRun(input);
  const { config, index, quarantine } = input;
  const only = input.onlyEmployeeNumber;
  // Made at its final size when everyone is planned: grown by push() it is copied a dozen times.
  const personPlans: PersonPlan[] = only === undefined ? new Array(input.persons.length) : [];
  let planned = 0;
  const managers = config.lifecycle.setManager ? new ManagerReferences(run, input.persons) : undefined;
  const out = new PersonOutcome();

  const persons = input.persons;
  for (let i = 0; i < persons.length; i++) {
    const person = persons[i] as (typeof persons)[number];
    const n = person.employeeNumber;
    if (only !== undefined && n !== only) continue;
    let p = planPerson(run, person, out, planned);
    const entry = out.entry;
    if (entry !== undefined && quarantine !== undefined) {
      if (entry.fingerprint === p.fingerprint?.() && p.writes.length > 0 && !quarantine.released?.has(n)) {
        personPlans[planned++] = quarantined(p, entry);
        continue;
      }
      p = withStep(p, released(entry, quarantine, n));
    }
    personPlans[planned++] = p;
    if (out.accountId !== undefined)
      managers?.add(planned - 1, person, p, out.accountId, out.currentManager, out.owner);
  }
  personPlans.length = planned;

  // Accounts two persons of the run matched go to the strongest match, whatever the order they came in.
  const settled =
    run.claims.anyContested &&
    settleContests(run.claims, personPlans, index, run.matchOn, (at) => {
      run.managed--;
      managers?.forget(at);
    });

  // Names unique per container (AD's cn per OU): clashes resolved before any manager is set.
  const scopedUnique = input.capabilities?.scopedUnique ?? [];
  for (const rule of scopedUnique) {
    const resolved = resolveScopedNames(personPlans, index, rule, input.reservedWithin?.[rule.attribute]);
    personPlans.splice(0, personPlans.length, ...resolved);
  }

  managers?.apply(personPlans, scopedUnique.length > 0 || settled);

  if (only === undefined) {
    for (const link of input.links) {
      if (run.personNamed(link.employeeNumber) !== undefined) continue;
      const account = index.byId.get(link.accountId);
      if (!account) continue;
      run.managed++;
      personPlans.push(missingFromSource(run, link, account));
    }
  }
  // The items were drafts while the manager pass could still add to them.
  for (let i = 0; i < personPlans.length; i++) Object.freeze((personPlans[i] as PersonPlan).item as RunItem);
  return Object.freeze({
    persons: Object.freeze(personPlans),
    managedAccounts: run.managed,
    sourceCount: input.persons.length,
  });
}
