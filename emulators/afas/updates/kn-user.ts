import type { ConnectorTable } from '../connector-table.ts';
import type { AfasEmulatorState } from '../emulator-state.ts';
import { doesNotExist, ProfitError } from '../profit-error.ts';
import type { UpdateElement } from './envelope.ts';
import { unknownObject } from './envelope.ts';
import {
  actionOf,
  booleanValue,
  type CellChanges,
  codeValue,
  emailValue,
  keyValue,
  textValue,
  unknownField,
} from './field-values.ts';
import { rowsIn, userRows } from './people.ts';
import { knownAttributes, type PlannedChange, type UpdatePlan } from './plan.ts';

type UserField =
  | { readonly kind: 'control' }
  | { readonly kind: 'text' | 'email' | 'boolean'; readonly column?: string; readonly unique?: true };

/** KnUser fields as HelloID sends them, and the users GetConnector column each one shows up in. */
const USER_FIELDS: Readonly<Record<string, UserField>> = {
  MtCd: { kind: 'control' },
  UsIdNew: { kind: 'control' },
  BcCo: { kind: 'control' },
  Nm: { kind: 'text' },
  // Profit requires UPN and user e-mail to be unique over all users.
  Upn: { kind: 'email', column: 'UPN', unique: true },
  EmAd: { kind: 'email', column: 'Email_werk_gebruiker', unique: true },
  XOEA: { kind: 'email' },
  Awin: { kind: 'boolean', column: 'Profit_Windows' },
  Acon: { kind: 'boolean', column: 'Connector' },
  Abac: { kind: 'boolean', column: 'Reservekopieen_via_commandline' },
  Acom: { kind: 'boolean', column: 'Commandline' },
  InSi: { kind: 'boolean', column: 'InSite' },
  Site: { kind: 'boolean', column: 'OutSite' },
  OcUs: { kind: 'boolean' },
  PoMa: { kind: 'boolean' },
  AcUs: { kind: 'boolean' },
  Pw: { kind: 'text' },
  GrId: { kind: 'text' },
  GrDs: { kind: 'text' },
  InLn: { kind: 'text' },
};

/** Profit user ids are at most 20 characters (HelloID cuts `<env>.<employee>` to that). */
const USER_ID_LENGTH = 20;

/**
 * `MtCd`: 0 block and leave all groups but Everyone · 1 add/update · 2 block and leave groups ·
 * 3 add/update, creating the group · 4 change user id (`UsIdNew`) · 5 change password · 6 unblock.
 */
const BLOCKED_BY_MUTATION: Readonly<Record<number, boolean>> = { 0: true, 2: true, 6: false };

export function planUsers(
  state: AfasEmulatorState,
  elements: readonly UpdateElement[],
  method: string,
): UpdatePlan {
  const users = state.table(state.usersConnectorId);
  const changes = elements.flatMap((element) => {
    knownAttributes(element.attributes, ['UsId', 'Action'], 'KnUser');
    const action = actionOf(element.attributes.Action, 'KnUser') ?? (method === 'POST' ? 'insert' : 'update');
    const sub = element.objects[0];
    if (sub !== undefined) throw unknownObject(sub.name, 'KnUser');
    const unknown = Object.keys(element.fields).find((name) => USER_FIELDS[name] === undefined);
    if (unknown !== undefined) throw unknownField(unknown, 'KnUser');
    const userId = keyValue(element.attributes.UsId, '@UsId', 'User');
    if (userId.length > USER_ID_LENGTH)
      throw new ProfitError(`The value for 'User' is longer than ${USER_ID_LENGTH} characters.`);
    const mutation = codeValue(element.fields.MtCd, 'MtCd', 'Mutation code');
    if (mutation > 6) throw new ProfitError(`The entered value '${mutation}' for 'MtCd' is not valid.`);
    if (users === undefined) throw doesNotExist('User', userId);
    const rows =
      action === 'insert' ? newUserRows(state, users, element, userId) : userRows(state, users, userId);
    if (rows.length === 0) throw doesNotExist('User', userId);
    const columns = userColumns(state, users, element, rows, mutation);
    if (action === 'insert') columns.Gebruiker = userId;
    return rows.map((row): PlannedChange => ({ table: users, row, changes: columns }));
  });
  return { changes, status: 201 };
}

/** POST creates the user for the person in `BcCo`, who must not have one yet. */
function newUserRows(
  state: AfasEmulatorState,
  users: ConnectorTable,
  element: UpdateElement,
  userId: string,
): readonly number[] {
  if (users.field('Gebruiker') === undefined)
    throw new ProfitError(`The AFAS emulator cannot create users: '${users.id}' has no 'Gebruiker' field.`);
  if (userRows(state, users, userId).length > 0) throw new ProfitError(`User '${userId}' already exists.`);
  const personId = keyValue(element.fields.BcCo, 'BcCo', 'Person');
  const rows = rowsIn(users, 'Persoonsnummer', personId);
  if (rows.length === 0) throw doesNotExist('Person', personId);
  const existing = rows
    .map((row) => users.row(row).Gebruiker)
    .find((user) => user !== null && user !== undefined);
  if (existing !== undefined)
    throw new ProfitError(`Person '${personId}' already has user '${String(existing)}'.`);
  return rows;
}

function userColumns(
  state: AfasEmulatorState,
  users: ConnectorTable,
  element: UpdateElement,
  rows: readonly number[],
  mutation: number,
): CellChanges {
  const columns: CellChanges = {};
  for (const [name, value] of Object.entries(element.fields)) {
    const field = USER_FIELDS[name];
    if (field === undefined || field.kind === 'control') continue;
    const cell =
      field.kind === 'boolean'
        ? booleanValue(value, name)
        : field.kind === 'email'
          ? emailValue(value, name)
          : textValue(value, name);
    if (field.column === undefined || users.field(field.column) === undefined) continue;
    if (field.unique && typeof cell === 'string') {
      const holder = rowsIn(users, field.column, cell).find((row) => !rows.includes(row));
      if (holder !== undefined)
        throw new ProfitError(
          `The value '${cell}' for '${name}' is already used by user '${String(users.row(holder).Gebruiker ?? holder)}'.`,
        );
    }
    columns[field.column] = cell;
  }
  const blocked = BLOCKED_BY_MUTATION[mutation];
  if (blocked !== undefined) columns.Geblokkeerd = blocked;
  if (mutation === 4) {
    const newId = keyValue(element.fields.UsIdNew, 'UsIdNew', 'New user id');
    if (newId.length > USER_ID_LENGTH)
      throw new ProfitError(`The value for 'UsIdNew' is longer than ${USER_ID_LENGTH} characters.`);
    const taken = userRows(state, users, newId).find((row) => !rows.includes(row));
    if (taken !== undefined) throw new ProfitError(`User '${newId}' already exists.`);
    columns.Gebruiker = newId;
  }
  return columns;
}
