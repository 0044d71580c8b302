/**
 * Who already has an account, and which of them get an awkward one. Scenario counts are exact
 * (rounded shares of all persons) so every company of some size has each case.
 */
import type { DemoPerson } from './model.ts';
import { namesakeOf } from './names/person-name.ts';
import type { DemoProportions } from './proportions.ts';
import type { Random } from './random.ts';

export type AccountScenario = 'unlinked-upn' | 'unlinked-mail' | 'duplicate-employee-id' | 'duplicate-mail';

export function wantsAccount(person: DemoPerson, p: DemoProportions, random: Random): boolean {
  switch (person.kind) {
    case 'joiner':
    case 'future-starter':
      return false;
    case 'leaver':
      return (
        random.chance(p.existingAccounts) &&
        !(person.leaverTiming === 'long-ago' && random.chance(p.leaverAccountsDeleted))
      );
    case 'employee':
    case 'rehire':
      return random.chance(p.existingAccounts);
  }
}

/** Drawn from current non-manager employees with an account, so the org chart stays intact. */
export function chooseScenarios(
  persons: readonly DemoPerson[],
  hasAccount: readonly boolean[],
  p: DemoProportions,
  random: Random,
): Map<number, AccountScenario> {
  const pool = persons
    .filter((x) => x.kind === 'employee' && x.manages === null && hasAccount[x.index])
    .map((x) => x.index);
  const n = persons.length;
  const duplicates = Math.round(n * p.duplicates);
  const counts: [AccountScenario, number][] = [
    ['unlinked-upn', Math.round(n * p.unlinkedByUpn)],
    ['unlinked-mail', Math.round(n * p.unlinkedByMail)],
    ['duplicate-employee-id', Math.round(duplicates / 2)],
    ['duplicate-mail', duplicates - Math.round(duplicates / 2)],
  ];
  const chosen = random.sample(
    pool,
    counts.reduce((sum, [, c]) => sum + c, 0),
  );
  const scenarios = new Map<number, AccountScenario>();
  let next = 0;
  for (const [scenario, count] of counts)
    for (let i = 0; i < count && next < chosen.length; i++) scenarios.set(chosen[next++]!, scenario);
  return scenarios;
}

/**
 * Joiners whose obvious address will be taken. Half get the name of an employee who already has an
 * account (common names make namesakes); the rest meet a stranger's account with that address.
 * Renames happen here, before any address is handed out.
 */
export function chooseUpnTaken(
  persons: readonly DemoPerson[],
  hasAccount: readonly boolean[],
  p: DemoProportions,
  random: Random,
): number[] {
  const starters = persons
    .filter((x) => x.kind === 'joiner' || x.kind === 'future-starter')
    .map((x) => x.index);
  const targets = random.sample(starters, Math.round(starters.length * p.joinerUpnTaken));
  const namesakes = persons.filter((x) => x.kind === 'employee' && hasAccount[x.index]);
  targets.forEach((index, k) => {
    if (k % 2 === 0 && namesakes.length > 0) {
      const person = persons[index]!;
      person.name = namesakeOf(random.pick(namesakes).name, person.name);
    }
  });
  return targets.sort((a, b) => a - b);
}
