import type { Attributes } from './values.ts';
import type { Lifecycle } from './vocabulary.ts';

/** A calendar date in the connection's time zone, `YYYY-MM-DD`. AFAS dates are local dates. */
export type LocalDate = string;

/** One contract/position row from AFAS, normalised. `fields` keeps every raw field of the row. */
export interface Employment {
  readonly key: string;
  readonly employeeNumber: string;
  readonly startDate: LocalDate | null;
  readonly endDate: LocalDate | null;
  readonly fte: number | null;
  readonly sequence: number | null;
  readonly managerEmployeeNumber: string | null;
  readonly fields: Attributes;
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
