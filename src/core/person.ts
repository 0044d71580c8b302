import type { Attributes } from './values.ts';
import type { Lifecycle } from './vocabulary.ts';

/** A calendar date in the connection's time zone, `YYYY-MM-DD`. AFAS dates are local dates. */
export type LocalDate = string;

/**
 * One contract/position row from AFAS, normalised. The row itself is not kept: the primary
 * employment's fields are in the person's attributes, and a run holds its persons until the plan is
 * made (the rows were ~0.3 KB a person at the plan's peak, issue 13).
 */
export interface Employment {
  readonly key: string;
  readonly employeeNumber: string;
  readonly startDate: LocalDate | null;
  readonly endDate: LocalDate | null;
  readonly fte: number | null;
  readonly sequence: number | null;
  readonly managerEmployeeNumber: string | null;
}

/** One employee as read from AFAS, with all employments and the chosen primary one. */
export interface Person {
  readonly employeeNumber: string;
  readonly displayName: string;
  readonly lifecycle: Lifecycle;
  readonly employments: readonly Employment[];
  readonly primary: Employment | null;
  /**
   * What mappings and scoping filters read: the user row's fields, the primary employment's fields
   * and derived fields (see engine/normalise for the list), by field id.
   */
  readonly attributes: Attributes;
}
