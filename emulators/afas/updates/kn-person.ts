import type { AfasEmulatorState } from '../emulator-state.ts';
import { doesNotExist, ProfitError } from '../profit-error.ts';
import type { UpdateElement } from './envelope.ts';
import { unknownObject } from './envelope.ts';
import {
  actionOf,
  type CellChanges,
  codeValue,
  emailValue,
  keyValue,
  textValue,
  unknownField,
} from './field-values.ts';
import { personRows, type RowRef } from './people.ts';
import { knownAttributes, type PlannedChange, type UpdatePlan } from './plan.ts';

type PersonField = { readonly kind: 'key' } | { readonly kind: 'email' | 'text'; readonly column?: string };

/** The KnPerson fields the emulator knows, and the GetConnector column each one shows up in. */
const PERSON_FIELDS: Readonly<Record<string, PersonField>> = {
  MatchPer: { kind: 'key' },
  BcCo: { kind: 'key' },
  EmAd: { kind: 'email', column: 'Email_werk' },
  EmA2: { kind: 'email' },
  EmailPortal: { kind: 'email', column: 'Email_portal' },
  TeNr: { kind: 'text', column: 'Telefoonnr_werk' },
  MbNr: { kind: 'text', column: 'Mobielnr_werk' },
  TeN2: { kind: 'text' },
  MbN2: { kind: 'text' },
};

export interface EmployeeScope {
  readonly employeeId: string;
  readonly rows: readonly RowRef[];
}

/**
 * One KnPerson element matched on its person number (`MatchPer` 0 + `BcCo`). Inside KnEmployee the
 * person must be that employee's own.
 */
export function planPerson(
  state: AfasEmulatorState,
  element: UpdateElement,
  employee?: EmployeeScope,
): PlannedChange[] {
  knownAttributes(element.attributes, ['Action'], 'KnPerson');
  actionOf(element.attributes.Action, 'KnPerson');
  const sub = element.objects[0];
  if (sub !== undefined) throw unknownObject(sub.name, 'KnPerson');
  const unknown = Object.keys(element.fields).find((name) => PERSON_FIELDS[name] === undefined);
  if (unknown !== undefined) throw unknownField(unknown, 'KnPerson');

  const matchPer = codeValue(element.fields.MatchPer, 'MatchPer', 'Match person on');
  if (matchPer > 7) throw new ProfitError(`The entered value '${matchPer}' for 'MatchPer' is not valid.`);
  if (matchPer !== 0)
    throw new ProfitError(
      `The AFAS emulator only matches persons on BcCo (MatchPer 0), not MatchPer ${matchPer}.`,
    );
  const personId = keyValue(element.fields.BcCo, 'BcCo', 'Person');
  const rows = personRows(state, personId);
  if (rows.length === 0) throw doesNotExist('Person', personId);
  if (employee && !employee.rows.some((ref) => String(ref.table.row(ref.row).Persoonsnummer) === personId)) {
    throw new ProfitError(`Person '${personId}' does not belong to employee '${employee.employeeId}'.`);
  }

  const columns: CellChanges = {};
  for (const [name, value] of Object.entries(element.fields)) {
    const field = PERSON_FIELDS[name];
    if (field === undefined || field.kind === 'key') continue;
    const cell = field.kind === 'email' ? emailValue(value, name) : textValue(value, name);
    if (field.column !== undefined) columns[field.column] = cell;
  }
  return rows
    .filter((ref) => Object.keys(columns).some((column) => ref.table.field(column) !== undefined))
    .map((ref) => ({ ...ref, changes: columns }));
}

/** `PUT|POST /connectors/KnPerson`: only existing persons can be matched; inserting is not emulated. */
export function planPersons(state: AfasEmulatorState, elements: readonly UpdateElement[]): UpdatePlan {
  const changes = elements.flatMap((element) => planPerson(state, element));
  const personIds = elements.map((element) => String(element.fields.BcCo));
  const results = personIds.map((BcCo) => ({ BcCo }));
  return {
    changes,
    status: 201,
    results: { results: { KnPerson: results.length === 1 ? results[0] : results } },
  };
}
