import { assertNever, type Employment, type LocalDate, type PrimaryCriterion } from '../../core/index.ts';

export type EmploymentPhase = 'active' | 'pre-hire' | 'future' | 'ended';

export function employmentPhase(e: Employment, today: LocalDate, leadHorizon: LocalDate): EmploymentPhase {
  if (e.endDate !== null && e.endDate < today) return 'ended';
  if (e.startDate === null || e.startDate <= today) return 'active';
  return e.startDate <= leadHorizon ? 'pre-hire' : 'future';
}

const PHASE_RANK: Record<EmploymentPhase, number> = { active: 0, 'pre-hire': 1, future: 2, ended: 3 };
const FAR_FUTURE = '9999-12-31';

type Compare = (a: Employment, b: Employment) => number;

function criterion(c: PrimaryCriterion, phase: (e: Employment) => EmploymentPhase): Compare {
  switch (c) {
    case 'active-first':
      return (a, b) => PHASE_RANK[phase(a)] - PHASE_RANK[phase(b)];
    case 'highest-fte':
      return (a, b) => (b.fte ?? 0) - (a.fte ?? 0);
    case 'earliest-start':
      return (a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '');
    case 'latest-start':
      return (a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '');
    case 'lowest-sequence':
      return (a, b) => (a.sequence ?? Number.MAX_SAFE_INTEGER) - (b.sequence ?? Number.MAX_SAFE_INTEGER);
    case 'highest-sequence':
      return (a, b) => (b.sequence ?? -1) - (a.sequence ?? -1);
    case 'latest-end':
      return (a, b) => (b.endDate ?? FAR_FUTURE).localeCompare(a.endDate ?? FAR_FUTURE);
    default:
      return assertNever(c, 'primary employment criterion');
  }
}

/** Picks the primary employment by the ordered criteria; the employment key breaks remaining ties. */
export function choosePrimary(
  employments: readonly Employment[],
  criteria: readonly PrimaryCriterion[],
  phase: (e: Employment) => EmploymentPhase,
): Employment | null {
  if (employments.length === 0) return null;
  const compares = criteria.map((c) => criterion(c, phase));
  const sorted = [...employments].sort((a, b) => {
    for (const compare of compares) {
      const r = compare(a, b);
      if (r !== 0) return r;
    }
    return a.key.localeCompare(b.key);
  });
  return sorted[0] ?? null;
}
