import { assertNever, type Employment, type LocalDate, type PrimaryCriterion } from '../../core/index.ts';

export type EmploymentPhase = 'active' | 'pre-hire' | 'future' | 'ended';

export function employmentPhase(e: Employment, today: LocalDate, leadHorizon: LocalDate): EmploymentPhase {
  if (e.endDate !== null && e.endDate < today) return 'ended';
  if (e.startDate === null || e.startDate <= today) return 'active';
  return e.startDate <= leadHorizon ? 'pre-hire' : 'future';
}

const PHASE_RANK: Record<EmploymentPhase, number> = { active: 0, 'pre-hire': 1, future: 2, ended: 3 };
const FAR_FUTURE = '9999-12-31';

/** How two employments order by one criterion (negative: `a` first). */
function compareBy(
  c: PrimaryCriterion,
  a: Employment,
  b: Employment,
  phase: (e: Employment) => EmploymentPhase,
): number {
  switch (c) {
    case 'active-first':
      return PHASE_RANK[phase(a)] - PHASE_RANK[phase(b)];
    case 'highest-fte':
      return (b.fte ?? 0) - (a.fte ?? 0);
    case 'earliest-start':
      return (a.startDate ?? '').localeCompare(b.startDate ?? '');
    case 'latest-start':
      return (b.startDate ?? '').localeCompare(a.startDate ?? '');
    case 'lowest-sequence':
      return (a.sequence ?? Number.MAX_SAFE_INTEGER) - (b.sequence ?? Number.MAX_SAFE_INTEGER);
    case 'highest-sequence':
      return (b.sequence ?? -1) - (a.sequence ?? -1);
    case 'latest-end':
      return (b.endDate ?? FAR_FUTURE).localeCompare(a.endDate ?? FAR_FUTURE);
    default:
      return assertNever(c, 'primary employment criterion');
  }
}

/**
 * Picks the primary employment by the ordered criteria; the employment key breaks remaining ties.
 * The first of the employments in that order, found in one pass (what a stable sort would put first:
 * of equals, the earliest in the list) — no sorted copy and no comparator per person.
 */
export function choosePrimary(
  employments: readonly Employment[],
  criteria: readonly PrimaryCriterion[],
  phase: (e: Employment) => EmploymentPhase,
): Employment | null {
  let best = employments[0];
  if (best === undefined) return null;
  for (let i = 1; i < employments.length; i++) {
    const e = employments[i] as Employment;
    let order = 0;
    for (let c = 0; c < criteria.length && order === 0; c++)
      order = compareBy(criteria[c] as PrimaryCriterion, e, best, phase);
    if (order === 0) order = e.key.localeCompare(best.key);
    if (order < 0) best = e;
  }
  return best;
}
