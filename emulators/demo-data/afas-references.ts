/**
 * Keys and references of an AFAS dataset, checked where it is read: what Profit could never serve is
 * refused with the places of the mistake, what it could serve is accepted (emulators/afas/README.md
 * says which is which and why).
 *
 * - Each GetConnector has one id, each row one key: the users connector one row per `Medewerker`,
 *   employments one per `ExternalID`, organisational units one per `ExternalId`. Profit compares
 *   codes without case (as the emulator's filters do), so `A1` and `a1` are one key.
 * - An employment's `Medewerker` is served by the users connector too: its filter (contract in
 *   the window) is wider than the employments' (contract and function in the window).
 * - An employment's `Organisatorische_eenheid_code` and a unit's `ParentExternalId` name units
 *   that exist; the units connector has no filter.
 * - A manager (`Medewerkernummer_leidinggevende`, `ManagerExternalId`) may name an employee the
 *   users connector does not serve: one who left months ago stays on the employment until HR
 *   changes it.
 */
import { EMPLOYMENTS_CONNECTOR, ORG_UNITS_CONNECTOR, USERS_CONNECTOR } from './connectors.ts';
import type { AfasConnectorData, AfasDataset, AfasRow } from './types.ts';

interface Table {
  readonly connector: AfasConnectorData;
  readonly path: string;
  /** Row index by lower-case key. */
  readonly keys: Map<string, number>;
}

interface Role {
  readonly id: string;
  readonly key: string;
  readonly one: string;
}

/** What is wrong with the dataset's keys and references (`path` names it, `afas` or ''), or undefined. */
export function afasReferenceProblem(
  dataset: AfasDataset,
  path: string,
  usersConnector = USERS_CONNECTOR,
): string | undefined {
  const connectors = `${path === '' ? '' : `${path}.`}connectors`;
  const byId = new Map<string, number>();
  for (const [i, connector] of dataset.connectors.entries()) {
    const first = byId.get(connector.id.toLowerCase());
    if (first !== undefined) {
      const place = (n: number) => `${connectors}[${n}].id ${JSON.stringify(dataset.connectors[n]!.id)}`;
      return `${place(first)} and ${place(i)} are the same connector; AFAS names each GetConnector once, whatever the case`;
    }
    byId.set(connector.id.toLowerCase(), i);
  }
  const tables: (Table | undefined)[] = [];
  const roles: Role[] = [
    { id: usersConnector, key: 'Medewerker', one: 'employee' },
    { id: EMPLOYMENTS_CONNECTOR, key: 'ExternalID', one: 'employment' },
    { id: ORG_UNITS_CONNECTOR, key: 'ExternalId', one: 'organisational unit' },
  ];
  for (const role of roles) {
    const index = byId.get(role.id.toLowerCase());
    if (index === undefined) {
      tables.push(undefined);
      continue;
    }
    const connector = dataset.connectors[index]!;
    const table = { connector, path: `${connectors}[${index}]`, keys: new Map<string, number>() };
    const problem = keyProblem(table, role);
    if (problem !== undefined) return problem;
    tables.push(table);
  }
  const [users, employments, units] = tables;
  if (employments !== undefined) {
    for (const [i, row] of employments.connector.rows.entries()) {
      if (keyOf(row.Medewerker) === undefined)
        return `${employments.path}.rows[${i}] has no Medewerker; every employment in AFAS is an employee's`;
      const problem =
        (users && dangling(employments, i, row, 'Medewerker', users, 'employee')) ??
        (units && dangling(employments, i, row, 'Organisatorische_eenheid_code', units, 'unit'));
      if (problem !== undefined) return problem;
    }
  }
  if (units !== undefined) {
    for (const [i, row] of units.connector.rows.entries()) {
      const problem = dangling(units, i, row, 'ParentExternalId', units, 'unit');
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** Fills the table's key index; a row without its key or with another row's key is the problem. */
function keyProblem(table: Table, role: Role): string | undefined {
  for (const [i, row] of table.connector.rows.entries()) {
    const key = keyOf(row[role.key]);
    if (key === undefined)
      return `${table.path}.rows[${i}] has no ${role.key}; every ${role.one} in AFAS has one`;
    const first = table.keys.get(key);
    if (first !== undefined) {
      const value = JSON.stringify(table.connector.rows[first]![role.key]);
      return `${table.path}.rows[${first}] and ${table.path}.rows[${i}] both hold ${role.key} ${value}; ${table.connector.id} serves one row per ${role.one}`;
    }
    table.keys.set(key, i);
  }
  return undefined;
}

const WHY: Record<string, string> = {
  Medewerker: "an employment's employee passes that connector's filter too, so AFAS would serve them",
  Organisatorische_eenheid_code: "an employment's unit exists in AFAS",
  ParentExternalId: "a unit's parent exists in AFAS",
};

/** A reference in `field` of row `i` that names no row of `target`; an empty one names nothing. */
function dangling(
  table: Table,
  i: number,
  row: AfasRow,
  field: string,
  target: Table,
  what: string,
): string | undefined {
  const key = keyOf(row[field]);
  if (key === undefined || target.keys.has(key)) return undefined;
  return `${table.path}.rows[${i}].${field} ${JSON.stringify(row[field])} names no ${what} of ${target.connector.id} (${target.path}); ${WHY[field]}`;
}

/** A cell as Profit compares codes: text without case; null and '' are no value. */
function keyOf(value: AfasRow[string] | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return typeof value === 'string' ? value.toLowerCase() : String(value);
}
