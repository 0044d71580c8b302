import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Employment, PrimaryCriterion } from '../../core/index.ts';
import { choosePrimary, type EmploymentPhase, employmentPhase } from './primary.ts';

const CRITERIA: readonly PrimaryCriterion[] = [
  'active-first',
  'highest-fte',
  'earliest-start',
  'latest-start',
  'lowest-sequence',
  'highest-sequence',
  'latest-end',
];

/** What choosePrimary promises: the first employment of a stable sort by the criteria, then the key. */
function bySorting(
  employments: readonly Employment[],
  criteria: readonly PrimaryCriterion[],
  phase: (e: Employment) => EmploymentPhase,
): Employment | null {
  const rank = { active: 0, 'pre-hire': 1, future: 2, ended: 3 };
  const compare = (c: PrimaryCriterion, a: Employment, b: Employment): number => {
    if (c === 'active-first') return rank[phase(a)] - rank[phase(b)];
    if (c === 'highest-fte') return (b.fte ?? 0) - (a.fte ?? 0);
    if (c === 'earliest-start') return (a.startDate ?? '').localeCompare(b.startDate ?? '');
    if (c === 'latest-start') return (b.startDate ?? '').localeCompare(a.startDate ?? '');
    if (c === 'lowest-sequence')
      return (a.sequence ?? Number.MAX_SAFE_INTEGER) - (b.sequence ?? Number.MAX_SAFE_INTEGER);
    if (c === 'highest-sequence') return (b.sequence ?? -1) - (a.sequence ?? -1);
    return (b.endDate ?? '9999-12-31').localeCompare(a.endDate ?? '9999-12-31');
  };
  const sorted = [...employments].sort((a, b) => {
    for (const c of criteria) {
      const r = compare(c, a, b);
      if (r !== 0) return r;
    }
    return a.key.localeCompare(b.key);
  });
  return sorted[0] ?? null;
}

test('choosePrimary: the employment a stable sort by the criteria puts first, ties to the earliest listed', () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const dates = [null, '2019-01-01', '2024-06-01', '2026-11-24', '2026-12-01', '2027-03-01'];
  const pick = <T>(xs: readonly T[]): T => xs[random(xs.length)] as T;
  for (let round = 0; round < 2_000; round++) {
    const employments: Employment[] = Array.from({ length: 1 + random(5) }, (_, i) => ({
      // Repeated keys too: then the order in the list decides.
      key: pick(['a', 'b', 'c', `k${i}`]),
      employeeNumber: '1',
      startDate: pick(dates),
      endDate: pick(dates),
      fte: pick([null, 0.5, 1]),
      sequence: pick([null, 1, 2]),
      managerEmployeeNumber: null,
    }));
    const criteria = Array.from({ length: random(4) }, () => pick(CRITERIA));
    const phase = (e: Employment) => employmentPhase(e, '2026-11-24', '2026-12-08');
    assert.equal(
      choosePrimary(employments, criteria, phase),
      bySorting(employments, criteria, phase),
      `criteria ${criteria.join(', ')} over ${JSON.stringify(employments)}`,
    );
  }
  assert.equal(
    choosePrimary([], CRITERIA, () => 'active'),
    null,
  );
});
