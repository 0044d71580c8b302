import type { Day } from './local-date.ts';
import type { DemoPerson, EmploymentRecord } from './model.ts';

/**
 * Mirrors hrsync's default primary-employment rule (active first, most hours, earliest start, lowest
 * contract number) so the generated accounts show what a sync would write.
 */
export function primaryEmployment(person: DemoPerson, today: Day): EmploymentRecord | null {
  let best: EmploymentRecord | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const e of person.employments) {
    const ended = e.functionEnd !== null && e.functionEnd < today;
    const rank = ended ? 2 : e.functionStart <= today ? 0 : 1;
    if (
      best === null ||
      rank < bestRank ||
      (rank === bestRank &&
        (e.hours > best.hours ||
          (e.hours === best.hours &&
            (e.functionStart < best.functionStart ||
              (e.functionStart === best.functionStart && e.contract < best.contract)))))
    ) {
      best = e;
      bestRank = rank;
    }
  }
  return best;
}
