import { type CellChanges, unknownField } from './field-values.ts';
import { type RowRef, rowLabel } from './people.ts';
import type { AppliedChange } from './update-log.ts';

export interface PlannedChange extends RowRef {
  readonly changes: CellChanges;
}

/** What an UpdateConnector call will do, decided before anything is written (Profit validates the
 * whole body and then processes it as one transaction). */
export interface UpdatePlan {
  readonly changes: readonly PlannedChange[];
  readonly status: 200 | 201;
  readonly results?: unknown;
}

export function applyPlan(plan: UpdatePlan): AppliedChange[] {
  return plan.changes.flatMap((planned) =>
    planned.table.update(planned.row, planned.changes).map((change) => ({
      connector: planned.table.id,
      row: rowLabel(planned),
      ...change,
    })),
  );
}

/** Rejects `@`-members other than the ones an object knows. */
export function knownAttributes(
  attributes: Readonly<Record<string, unknown>>,
  allowed: readonly string[],
  objectName: string,
): void {
  const unknown = Object.keys(attributes).find((name) => !allowed.includes(name));
  if (unknown !== undefined) throw unknownField(`@${unknown}`, objectName);
}
