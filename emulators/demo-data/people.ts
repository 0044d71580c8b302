/**
 * Who works here: lifecycle kinds in exact numbers, names, phones, who manages which unit, and every
 * person's employments with their manager and stand-in resolved.
 */
import { jobCatalogue } from './catalogue.ts';
import { EmploymentBuilder } from './employments.ts';
import type { Day } from './local-date.ts';
import type { DemoPerson, Employer, OrgUnit } from './model.ts';
import { generatePersonName } from './names/person-name.ts';
import { managerFor, type OrgTree } from './org-units.ts';
import { mobilePhone, workPhone } from './phones.ts';
import { primaryEmployment } from './primary-employment.ts';
import type { DemoProportions } from './proportions.ts';
import type { Random } from './random.ts';
import type { DemoLeaverTiming, DemoLifecycleKind } from './types.ts';

export interface Lifecycles {
  readonly kinds: DemoLifecycleKind[];
  readonly leaverTimings: (DemoLeaverTiming | null)[];
  /** indexes of future starters who start within 14 days */
  readonly soonStarters: Set<number>;
}

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** Exact counts per kind, spread at random; person 0 runs the company and is always employed. */
export function assignLifecycles(random: Random, n: number, p: DemoProportions): Lifecycles {
  const kinds: DemoLifecycleKind[] = new Array(n).fill('employee');
  const leaverTimings: (DemoLeaverTiming | null)[] = new Array(n).fill(null);
  const counts: [DemoLifecycleKind, number][] = [
    ['joiner', Math.round(n * p.joiners)],
    ['future-starter', Math.round(n * p.futureStarters)],
    ['leaver', Math.round(n * p.leavers)],
    ['rehire', Math.round(n * p.rehires)],
  ];
  const picked = random.sample(
    range(1, n),
    counts.reduce((sum, [, c]) => sum + c, 0),
  );
  const byKind = new Map<DemoLifecycleKind, number[]>();
  let next = 0;
  for (const [kind, count] of counts) {
    const list = picked.slice(next, next + count);
    next += list.length;
    byKind.set(kind, list);
    for (const i of list) kinds[i] = kind;
  }
  const leavers = byKind.get('leaver') ?? [];
  const longAgo = Math.round(leavers.length * p.leaversLongAgo);
  const upcoming = Math.round(leavers.length * p.leaversUpcoming);
  leavers.forEach((i, k) => {
    leaverTimings[i] = k < longAgo ? 'long-ago' : k < longAgo + upcoming ? 'upcoming' : 'recent';
  });
  const future = byKind.get('future-starter') ?? [];
  const soonStarters = new Set(future.slice(0, Math.round(future.length * p.futureStartersWithin14Days)));
  return { kinds, leaverTimings, soonStarters };
}

export interface PeopleInput {
  readonly n: number;
  readonly today: Day;
  readonly tree: OrgTree;
  readonly employers: readonly [Employer, Employer];
  readonly proportions: DemoProportions;
  readonly lifecycles: Lifecycles;
  readonly random: {
    readonly names: Random;
    readonly phones: Random;
    readonly employments: Random;
    readonly org: Random;
  };
}

export function createPeople(input: PeopleInput): DemoPerson[] {
  const { n, today, tree, proportions: p, lifecycles, random } = input;
  const persons: DemoPerson[] = [];
  for (let i = 0; i < n; i++) {
    persons.push({
      index: i,
      employeeNumber: String(100_001 + i),
      // Profit numbers persons and organisations from one counter, so person numbers have gaps.
      personNumber: String(1_000_000 + i * 3 + random.names.int(0, 2)),
      kind: lifecycles.kinds[i]!,
      leaverTiming: lifecycles.leaverTimings[i]!,
      // One person in two hundred carries a very long name, at a fixed place so small companies have one too.
      name: generatePersonName(random.names, { partners: p.partners, veryLong: i % 200 === 7 }),
      employments: [],
      manages: null,
      workPhone: random.phones.chance(p.workPhones) ? workPhone(random.phones) : null,
      mobilePhone: random.phones.chance(p.mobilePhones) ? mobilePhone(random.phones) : null,
      hasProfitUser: random.phones.chance(p.profitUsers),
      account: null,
      afasMail: null,
      afasUpn: null,
    });
  }
  appointManagers(tree, persons);
  const multiple = new Set(
    random.org.sample(
      persons.filter((x) => x.kind === 'employee' && x.manages === null).map((x) => x.index),
      Math.round(n * p.multipleEmployments),
    ),
  );
  const builder = new EmploymentBuilder(
    {
      today,
      departments: tree.departments,
      teams: tree.teams,
      jobs: jobCatalogue(),
      employers: input.employers,
      proportions: p,
    },
    random.employments,
  );
  const r = random.employments;
  for (const person of persons) {
    person.employments = (() => {
      if (person.manages !== null) return builder.manager(person.manages);
      switch (person.kind) {
        case 'employee':
          return multiple.has(person.index) ? builder.multiple() : builder.employee();
        case 'joiner':
          return builder.starter(today - r.int(0, 13));
        case 'future-starter':
          return builder.starter(
            today + (lifecycles.soonStarters.has(person.index) ? r.int(1, 14) : r.int(15, 120)),
          );
        case 'leaver': {
          const timing = person.leaverTiming;
          const end =
            timing === 'upcoming'
              ? today + r.int(0, 30)
              : timing === 'long-ago'
                ? today - r.int(91, 5 * 365)
                : today - r.int(1, 90);
          return builder.leaver(end);
        }
        case 'rehire':
          return builder.rehire();
      }
    })();
  }
  appointDeputies(tree, persons, today, random.org);
  for (const person of persons)
    for (const e of person.employments) {
      e.manager = managerFor(e.unit, person.index);
      e.deputy = e.unit.deputy !== null && e.unit.deputy !== person.index ? e.unit.deputy : null;
    }
  return persons;
}

/**
 * Units are filled top-down from current employees in number order (the longest-serving numbers
 * lead); a small company runs out and one person then manages a unit and the ones below it.
 */
function appointManagers(tree: OrgTree, persons: DemoPerson[]): void {
  const pool = persons.filter((x) => x.kind === 'employee').map((x) => x.index);
  let next = 0;
  for (const unit of tree.units) {
    const manager = next < pool.length ? pool[next++]! : (unit.parent?.manager ?? pool[0] ?? null);
    unit.manager = manager;
    if (manager !== null) persons[manager]!.manages ??= unit;
  }
}

/** About one unit in five has a stand-in (Huidige_vervanger): a current member who is not the manager. */
function appointDeputies(tree: OrgTree, persons: readonly DemoPerson[], today: Day, random: Random): void {
  const members = new Map<OrgUnit, number[]>();
  for (const person of persons) {
    if (person.kind !== 'employee' || person.manages !== null) continue;
    const unit = primaryEmployment(person, today)?.unit;
    if (!unit) continue;
    const list = members.get(unit);
    if (list) list.push(person.index);
    else members.set(unit, [person.index]);
  }
  for (const unit of tree.units) {
    const candidates = members.get(unit);
    if (candidates && random.chance(0.2)) unit.deputy = random.pick(candidates);
  }
}
