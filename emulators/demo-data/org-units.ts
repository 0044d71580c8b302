import { CITIES, DIVISIONS } from './catalogue.ts';
import type { OrgUnit } from './model.ts';
import type { Random } from './random.ts';

const TEAM_LETTERS = 'ABCDEFGH';

export interface OrgTree {
  /** Every unit, parents before children (root, divisions, departments, teams). */
  readonly units: readonly OrgUnit[];
  readonly departments: readonly OrgUnit[];
  readonly teams: readonly OrgUnit[];
}

const unit = (fields: Omit<OrgUnit, 'manager' | 'deputy'>): OrgUnit => ({
  ...fields,
  manager: null,
  deputy: null,
});

/**
 * company → divisions → departments → teams, about one team per twelve persons and two to eight
 * teams per department. Codes nest (1 → 103 → 103017 → 1030172) so a code tells where a unit hangs.
 */
export function buildOrgTree(random: Random, persons: number, companyName: string): OrgTree {
  const targetTeams = Math.max(1, Math.round(persons / 12));
  const teamsPerDepartment: number[] = [];
  for (let total = 0; total < targetTeams; ) {
    const count = persons < 60 ? 1 : Math.min(random.int(2, 8), targetTeams - total);
    teamsPerDepartment.push(count);
    total += count;
  }
  const divisionCount = Math.max(1, Math.min(DIVISIONS.length, Math.ceil(teamsPerDepartment.length / 6)));
  const topics = random.sample(DIVISIONS, divisionCount);

  const root = unit({
    code: '1',
    name: companyName,
    parent: null,
    level: 0,
    division: null,
    costCenter: { code: '1000', name: 'Directie' },
  });
  const divisions = topics.map((topic, d) => {
    const code = `1${String(d + 1).padStart(2, '0')}`;
    return unit({
      code,
      name: topic.name,
      parent: root,
      level: 1,
      division: topic,
      costCenter: { code: `${code}0`, name: `Staf ${topic.name}` },
    });
  });
  const cityOffset = divisions.map(() => random.int(0, CITIES.length - 1));
  const perDivision = divisions.map(() => 0);
  const departments: OrgUnit[] = [];
  const teams: OrgUnit[] = [];
  teamsPerDepartment.forEach((teamCount, i) => {
    const d = i % divisions.length;
    const division = divisions[d] as OrgUnit;
    const topic = division.division!;
    const j = perDivision[d]!++;
    const round = Math.floor(j / topic.departments.length);
    const city = CITIES[(round + cityOffset[d]!) % CITIES.length];
    const repeat = Math.floor(round / CITIES.length);
    const name = `${topic.departments[j % topic.departments.length]} ${city}${repeat > 0 ? ` ${repeat + 1}` : ''}`;
    const code = `${division.code}${String(j + 1).padStart(3, '0')}`;
    const department = unit({
      code,
      name,
      parent: division,
      level: 2,
      division: topic,
      costCenter: { code, name },
    });
    departments.push(department);
    for (let t = 0; t < teamCount; t++)
      teams.push(
        unit({
          code: `${code}${t + 1}`,
          name: `${name} ${TEAM_LETTERS[t]}`,
          parent: department,
          level: 3,
          division: topic,
          costCenter: department.costCenter,
        }),
      );
  });
  return { units: [root, ...divisions, ...departments, ...teams], departments, teams };
}

/** The nearest manager above a unit (or of it) who is not `person`; null at the top. */
export function managerFor(start: OrgUnit, person: number): number | null {
  for (let u: OrgUnit | null = start; u !== null; u = u.parent)
    if (u.manager !== null && u.manager !== person) return u.manager;
  return null;
}
