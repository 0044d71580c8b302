import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Attributes } from '../../core/index.ts';
import { DEFAULT_PERSONS } from '../defaults.ts';
import { localToday, startOfLocalDay } from './local-date.ts';
import { normalise, normaliseInSlices } from './normalise.ts';

const d = (date: string) => `${date}T00:00:00Z`;
const user = (n: string, extra: Attributes = {}): Attributes => ({
  Medewerker: n,
  Roepnaam: `P${n}`,
  Geboortenaam: 'Test',
  ...extra,
});
const job = (
  n: string,
  id: string,
  start: string | null,
  end: string | null,
  extra: Attributes = {},
): Attributes => ({
  Medewerker: n,
  ExternalID: id,
  Begindatum_functie: start ? d(start) : null,
  Einddatum_functie: end ? d(end) : null,
  FTE: 1,
  ...extra,
});

function run(users: Attributes[], employments: Attributes[], units: Attributes[] = [], graceDays = 0) {
  return normalise(
    { users, employments, organizationalUnits: units },
    { today: '2026-11-24', timeZone: 'Europe/Amsterdam', persons: { ...DEFAULT_PERSONS, graceDays } },
  );
}

describe('normalise', () => {
  test('lifecycle from employment dates, with lead and grace days', () => {
    const persons = run(
      ['1', '2', '3', '4', '5', '6', '7'].map((n) => user(n)),
      [
        job('1', 'a', '2020-01-01', null),
        job('2', 'b', '2026-12-01', null), // within 14 lead days
        job('3', 'c', '2027-03-01', null), // beyond the lead days
        job('4', 'd', '2020-01-01', '2026-11-23'), // ended yesterday, grace 2 → leaver
        job('5', 'e', '2020-01-01', '2026-01-01'), // long gone
        job('6', 'f', '2020-01-01', '2026-11-24'), // last day is today: still active
      ],
      [],
      2,
    );
    const lifecycle = Object.fromEntries(persons.map((p) => [p.employeeNumber, p.lifecycle]));
    assert.deepEqual(lifecycle, {
      '1': 'active',
      '2': 'pre-hire',
      '3': 'future',
      '4': 'leaver',
      '5': 'gone',
      '6': 'active',
    });
    assert.equal(persons.length, 6, 'person 7 has no employment and is excluded by default');
  });

  test('rehire: an old ended employment and a new active one make the person active', () => {
    const [p] = run(
      [user('9')],
      [job('9', 'old', '2015-01-01', '2018-06-30'), job('9', 'new', '2026-11-01', null)],
    );
    assert.equal(p?.lifecycle, 'active');
    assert.equal(p?.primary?.key, 'new');
    assert.equal(p?.attributes.EndDate, null);
  });

  test('primary employment: active first, then highest FTE, earliest start', () => {
    const [p] = run(
      [user('1')],
      [
        job('1', 'ended', '2010-01-01', '2011-01-01', { FTE: 1 }),
        job('1', 'small', '2019-01-01', null, { FTE: 0.4 }),
        job('1', 'big', '2021-01-01', null, { FTE: 0.6, Functie_omschrijving: 'Developer' }),
      ],
    );
    assert.equal(p?.primary?.key, 'big');
    assert.equal(p?.attributes.Functie_omschrijving, 'Developer');
  });

  test('manager: own manager, else the org unit manager walking up, never oneself', () => {
    const units = [
      { ExternalId: 'root', DisplayName: 'Company', ParentExternalId: null, ManagerExternalId: '100' },
      { ExternalId: 'it', DisplayName: 'ICT', ParentExternalId: 'root', ManagerExternalId: '200' },
    ];
    const persons = run(
      [user('100'), user('200'), user('300')],
      [
        job('100', 'x', '2020-01-01', null, { Organisatorische_eenheid_code: 'root' }),
        job('200', 'y', '2020-01-01', null, { Organisatorische_eenheid_code: 'it' }),
        job('300', 'z', '2020-01-01', null, {
          Organisatorische_eenheid_code: 'it',
          Medewerkernummer_leidinggevende: '100',
        }),
      ],
      units,
    );
    const m = Object.fromEntries(persons.map((p) => [p.employeeNumber, p.attributes.ManagerEmployeeNumber]));
    assert.deepEqual(m, { '100': null, '200': '100', '300': '100' });
    assert.equal(persons[1]?.attributes.DepartmentPath, 'Company / ICT');
  });

  test('dates are Amsterdam local dates: start instant shifts with daylight saving', () => {
    assert.equal(startOfLocalDay('2026-07-01', 'Europe/Amsterdam'), '2026-06-30T22:00:00Z');
    assert.equal(startOfLocalDay('2026-12-01', 'Europe/Amsterdam'), '2026-11-30T23:00:00Z');
    // 23:30 UTC on the 24th is already the 25th in Amsterdam.
    assert.equal(localToday('2026-11-24T23:30:00Z', 'Europe/Amsterdam'), '2026-11-25');
    const [p] = run([user('1')], [job('1', 'a', '2026-07-01', '2026-12-31')]);
    assert.equal(p?.attributes.StartDateTime, '2026-06-30T22:00:00Z');
    assert.equal(p?.attributes.EndDateTime, '2026-12-31T23:00:00Z');
  });

  test('a person whose only employment starts next year is future, not a leaver (even with an end date)', () => {
    const persons = run(
      [user('1'), user('2')],
      [
        job('1', 'a', '2027-03-01', '2027-12-31'),
        job('2', 'b', '2020-01-01', '2026-11-23'),
        job('2', 'c', '2027-03-01', null),
      ],
      [],
      2,
    );
    const lifecycle = Object.fromEntries(persons.map((p) => [p.employeeNumber, p.lifecycle]));
    assert.deepEqual(lifecycle, { '1': 'future', '2': 'leaver' });
  });

  test('hire date: contracts that touch or overlap count as one uninterrupted employment', () => {
    const persons = run(
      ['1', '2', '3', '4'].map((n) => user(n)),
      [
        // 1: a new contract the day after the previous one ended → hired at the first start
        job('1', 'a1', '2018-01-01', '2021-12-31'),
        job('1', 'a2', '2022-01-01', null),
        // 2: overlapping contracts, and an older one with a gap before them
        job('2', 'b0', '2010-01-01', '2012-06-30'),
        job('2', 'b1', '2015-03-01', '2020-12-31'),
        job('2', 'b2', '2019-01-01', null),
        // 3: a gap of a day → the new contract is a new hire
        job('3', 'c1', '2018-01-01', '2021-12-30'),
        job('3', 'c2', '2022-01-01', null),
        // 4: one contract
        job('4', 'd1', '2024-05-01', null),
      ],
    );
    const hire = Object.fromEntries(persons.map((p) => [p.employeeNumber, p.attributes.HireDate]));
    assert.deepEqual(hire, { '1': '2018-01-01', '2': '2015-03-01', '3': '2022-01-01', '4': '2024-05-01' });
    assert.equal(persons[0]?.attributes.HireDateTime, '2017-12-31T23:00:00Z');
    const primaryStart = normalise(
      {
        users: [user('1')],
        employments: [job('1', 'a1', '2018-01-01', '2021-12-31'), job('1', 'a2', '2022-01-01', null)],
        organizationalUnits: [],
      },
      {
        today: '2026-11-24',
        timeZone: 'Europe/Amsterdam',
        persons: { ...DEFAULT_PERSONS, hireDate: 'primary-start' },
      },
    );
    assert.equal(primaryStart[0]?.attributes.HireDate, '2022-01-01');
  });

  test('rows in any order make the same persons as rows sorted on the employee number', () => {
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const users: Attributes[] = [];
    const employments: Attributes[] = [];
    for (let n = 10; n < 70; n++) {
      const number = String(n);
      // Some employees have no user row, some have two (the first wins), some no employment.
      if (n % 7 !== 0) users.push(user(number, { Roepnaam: `first ${n}` }));
      if (n % 9 === 0) users.push(user(number, { Roepnaam: `second ${n}` }));
      if (n % 11 === 0) continue;
      for (let j = 0; j <= random(3); j++) {
        const start = `20${10 + random(17)}-0${1 + random(9)}-01`;
        employments.push(job(number, `${number}-${j}`, start, random(2) === 0 ? null : '2026-06-30'));
      }
    }
    // Rows without an employee number are left out either way.
    users.splice(5, 0, { Roepnaam: 'nobody' });
    employments.splice(9, 0, job('', 'none', '2020-01-01', null));
    const shuffled = <T>(rows: readonly T[]): T[] => {
      const out = [...rows];
      for (let i = out.length - 1; i > 0; i--) {
        const j = random(i + 1);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    };
    const sorted = run(users, employments);
    for (const excluded of [true, false]) {
      const options = {
        today: '2026-11-24',
        timeZone: 'Europe/Amsterdam',
        persons: { ...DEFAULT_PERSONS, excludeWithoutEmployment: excluded },
      };
      const inOrder = normalise({ users, employments, organizationalUnits: [] }, options);
      // The first of two user rows must stay first: shuffle the employments and the distinct users.
      const firstRows = users.filter((u, i) => users.findIndex((v) => v.Medewerker === u.Medewerker) === i);
      const seconds = users.filter((u) => !firstRows.includes(u));
      const anyOrder = normalise(
        {
          users: [...shuffled(firstRows), ...seconds],
          employments: shuffled(employments),
          organizationalUnits: [],
        },
        options,
      );
      assert.deepEqual(
        anyOrder.map((p) => ({
          ...p,
          employments: [...p.employments].sort((a, b) => a.key.localeCompare(b.key)),
        })),
        inOrder.map((p) => ({
          ...p,
          employments: [...p.employments].sort((a, b) => a.key.localeCompare(b.key)),
        })),
      );
    }
    assert.equal(sorted.find((p) => p.employeeNumber === '18')?.attributes.Roepnaam, 'first 18');
    assert.equal(
      sorted.find((p) => p.employeeNumber === '14')?.attributes.ExternalID,
      '14-0',
      'no user row: the employment row',
    );
    assert.equal(
      sorted.some((p) => p.employeeNumber === '22'),
      false,
      'no employment: excluded by default',
    );
  });

  test('rows that turn out unsorted late, after persons were made and slices yielded: the same persons', () => {
    const users: Attributes[] = [];
    const employments: Attributes[] = [];
    for (let n = 100_000; n < 102_600; n++) {
      users.push(user(String(n)));
      employments.push(job(String(n), `${n}-1`, '2020-01-01', null));
    }
    const persons = run(users, employments);
    assert.equal(persons.length, 2600);
    // One row out of order near the end of either list: grouped by maps, the same persons result.
    const lateEmployment = [...employments];
    lateEmployment.splice(2550, 0, job('100001', '100001-2', '2024-01-01', null));
    const lateUser = [...users.slice(0, 2590), user('100002', { Roepnaam: 'second' }), ...users.slice(2590)];
    const byMaps = run(users, lateEmployment);
    assert.equal(byMaps.length, 2600);
    assert.deepEqual(
      byMaps.find((p) => p.employeeNumber === '100001')?.employments.map((e) => e.key),
      ['100001-1', '100001-2'],
    );
    assert.deepEqual(run(lateUser, employments), persons, 'a repeated user row later on: the first wins');
    // Repeated user rows with a row without a number between them are one person.
    const repeated = run(
      [user('7'), { Roepnaam: 'nobody' }, user('7', { Roepnaam: 'again' }), user('8')],
      [job('7', '7-1', '2020-01-01', null), job('8', '8-1', '2020-01-01', null)],
    );
    assert.deepEqual(
      repeated.map((p) => [p.employeeNumber, p.attributes.Roepnaam]),
      [
        ['7', 'P7'],
        ['8', 'P8'],
      ],
    );
  });

  test("kept attributes: only those, in the full record's order; one the rows lack stays absent", () => {
    const users = [user('1', { Voornaam: 'Piet', Extra: 'x' })];
    const jobs = [job('1', 'j1', '2020-01-01', null, { Functie: 'Adviseur' })];
    const options = { today: '2026-11-24', timeZone: 'Europe/Amsterdam', persons: DEFAULT_PERSONS };
    const rows = { users, employments: jobs, organizationalUnits: [] };
    const full = normalise(rows, { ...options, constants: { Domain: 'contoso.nl' } })[0]?.attributes ?? {};
    const keep = new Set(['Functie', 'Geboortenaam', 'Domain', 'Lifecycle', 'Afwezig', 'constructor']);
    const kept = normalise(rows, { ...options, constants: { Domain: 'contoso.nl' }, attributes: keep })[0]
      ?.attributes;
    assert.deepEqual(
      Object.entries(kept ?? {}),
      Object.entries(full).filter(([k]) => keep.has(k)),
    );
    assert.deepEqual(Object.keys(kept ?? {}), ['Geboortenaam', 'Functie', 'Domain', 'Lifecycle']);
    assert.equal(Object.hasOwn(kept ?? {}, 'Afwezig'), false);
    assert.equal(Object.hasOwn(kept ?? {}, 'constructor'), false);
    assert.equal(Object.getPrototypeOf(kept), Object.prototype);
  });

  test("shared values: every record holds exactly its rows' values (long and short strings, numbers, null)", () => {
    // Long values repeat (pooled), short ones and non-strings pass through; dates and managers too.
    const departments = ['Financiële Administratie', 'Klantenservice Noord', 'ICT'];
    const users = Array.from({ length: 3000 }, (_, i) =>
      user(String(10_000 + i), {
        Telefoonnr_werk: `+31 30 ${String(i).padStart(7, '0')}`,
        Actief: i % 2 === 0,
      }),
    );
    const jobs = users.map((u, i) =>
      job(
        String(u.Medewerker),
        `job-${i}-with-a-long-id`,
        `2020-01-${String((i % 28) + 1).padStart(2, '0')}`,
        null,
        {
          Functie_omschrijving: departments[i % 3] as string,
          Uren_per_week: i % 40,
          Medewerkernummer_leidinggevende: i % 7 === 0 ? null : String(10_000 + (i % 5)),
          Kostenplaats_omschrijving: i % 11 === 0 ? null : `Kostenplaats ${i % 400} Utrecht`,
        },
      ),
    );
    const persons = run(users, jobs);
    assert.equal(persons.length, 3000);
    persons.forEach((p, i) => {
      const u = users[i] as Attributes;
      const j = jobs[i] as Attributes;
      for (const [key, value] of Object.entries({ ...u, ...j })) {
        if (key === 'Medewerker') continue;
        assert.equal(p.attributes[key], value, `${p.employeeNumber} ${key}`);
      }
      assert.equal(p.employeeNumber, u.Medewerker);
      assert.equal(p.employments[0]?.employeeNumber, u.Medewerker);
      assert.equal(p.employments[0]?.managerEmployeeNumber, j.Medewerkernummer_leidinggevende);
      assert.equal(p.employments[0]?.startDate, String(j.Begindatum_functie).slice(0, 10));
    });
  });

  test('in slices: the same persons as in one go, with the event loop given back between slices', async () => {
    const n = 2_500;
    const numbers = Array.from({ length: n }, (_, i) => String(100_000 + i));
    const snapshot = {
      users: numbers.map((m) => user(m, { Achternaam: `Name ${m}` })),
      employments: numbers.map((m, i) => job(m, `e${m}`, '2020-01-01', i % 7 === 0 ? '2026-11-20' : null)),
      organizationalUnits: [],
    };
    const options = { today: '2026-11-24', timeZone: 'Europe/Amsterdam', persons: DEFAULT_PERSONS };
    let pauses = 0;
    const sliced = await normaliseInSlices(snapshot, options, async () => {
      pauses++;
    });
    assert.deepEqual(sliced, normalise(snapshot, options));
    assert.equal(sliced.length, n);
    // 2,500 persons are three slices of at most 1,000: two pauses between them.
    assert.equal(pauses, 2);
  });
});
