import type { ConnectorTable } from '../connector-table.ts';
import type { AfasEmulatorState } from '../emulator-state.ts';
import { toTyped } from '../typed-values.ts';

export interface RowRef {
  readonly table: ConnectorTable;
  readonly row: number;
}

/** Rows of every GetConnector that has the field, where it equals the value. */
export function rowsWhere(state: AfasEmulatorState, fieldId: string, value: string): RowRef[] {
  return state.tables().flatMap((table) => rowsIn(table, fieldId, value).map((row) => ({ table, row })));
}

export function rowsIn(table: ConnectorTable, fieldId: string, value: string): readonly number[] {
  const field = table.field(fieldId);
  const typed = field === undefined ? null : toTyped(field.dataType, value);
  return typed === null ? [] : table.lookup(fieldId, typed);
}

/** An employee is known when any connector has rows for its `Medewerker`. */
export function employeeRows(state: AfasEmulatorState, employeeId: string): RowRef[] {
  return rowsWhere(state, 'Medewerker', employeeId);
}

/** Person fields (e-mail, phones) show on every row of that `Persoonsnummer`. */
export function personRows(state: AfasEmulatorState, personId: string): RowRef[] {
  return rowsWhere(state, 'Persoonsnummer', personId);
}

/**
 * A Profit user is found by the `Gebruiker` column; a users connector without that column falls
 * back on the usual `<environment>.<Medewerker>` user id convention.
 */
export function userRows(state: AfasEmulatorState, users: ConnectorTable, userId: string): readonly number[] {
  if (users.field('Gebruiker') !== undefined) return rowsIn(users, 'Gebruiker', userId);
  const prefix = `${state.environmentId}.`;
  return userId.startsWith(prefix) ? rowsIn(users, 'Medewerker', userId.slice(prefix.length)) : [];
}

/** How a row is named in the update log. */
export function rowLabel(ref: RowRef): string {
  const employee = ref.table.row(ref.row).Medewerker;
  return employee === undefined || employee === null ? `#${ref.row}` : String(employee);
}
