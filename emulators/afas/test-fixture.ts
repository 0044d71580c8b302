import type { AfasDataset, AfasDataType, AfasFieldMeta, AfasRow } from '../demo-data/types.ts';
import { type RunningAfasEmulator, type StartAfasEmulatorOptions, startAfasEmulator } from './start.ts';

/** Small hand-made data for the emulator's tests, independent of the demo-data generator. */
export const ENVIRONMENT_ID = '12345';
export const TOKEN_DATA = 'ADE370BE8DAF40D0A17FFB914E42675E9998C2D546A2F4FA3E4F3ABFA867B96F';
export const USERS = 'T4E_HelloID_Users_v2';
export const EMPLOYMENTS = 'T4E_HelloID_Employments_v2';

export function field(id: string, dataType: AfasDataType, length = 255): AfasFieldMeta {
  return {
    id,
    fieldId: `U${id.length.toString().padStart(3, '0')}`,
    dataType,
    label: id.replaceAll('_', ' '),
    length,
    controlType: dataType === 'boolean' ? 3 : 1,
    decimals: dataType === 'decimal' ? 2 : 0,
    decimalsFieldId: '',
  };
}

const USER_FIELDS: AfasFieldMeta[] = [
  field('Medewerker', 'string', 15),
  field('Persoonsnummer', 'string', 15),
  field('Gebruiker', 'string', 20),
  field('DisplayName', 'string'),
  field('Geblokkeerd', 'boolean'),
  field('UPN', 'string'),
  field('Email_werk_gebruiker', 'string'),
  field('Email_werk', 'string'),
  field('Telefoonnr_werk', 'string', 30),
  field('Mobielnr_werk', 'string', 30),
  field('Email_portal', 'string'),
  field('Profit_Windows', 'boolean'),
  field('InSite', 'boolean'),
];

type UserSeed = [string, string, string | null, string, boolean, string | null, string | null];

// Medewerker 999 sorts after 1005 as text, which the ordering tests rely on.
const USER_SEEDS: UserSeed[] = [
  ['1001', 'P1001', '12345.1001', 'Jan Jansen', false, 'jan.jansen@contoso.nl', '033-1234567'],
  ['1002', 'P1002', null, 'Anna de Vries', false, null, null],
  ['1003', 'P1003', '12345.1003', 'Émile Bakker', true, 'emile.bakker@contoso.nl', ''],
  ['999', 'P0999', '12345.999', 'Zoë van Dijk', false, 'zoe.vandijk@contoso.nl', '06-12345678'],
  ['1004', 'P1001', '12345.1004', 'Jan Jansen', false, null, null],
  ['1005', 'P1005', '12345.1005', 'piet jansen', false, 'piet@contoso.nl', null],
];

export function userRows(): AfasRow[] {
  return USER_SEEDS.map(([medewerker, person, user, name, blocked, upn, phone]) => ({
    Medewerker: medewerker,
    Persoonsnummer: person,
    Gebruiker: user,
    DisplayName: name,
    Geblokkeerd: blocked,
    UPN: upn,
    Email_werk_gebruiker: upn,
    Email_werk: upn,
    Telefoonnr_werk: phone,
    Mobielnr_werk: null,
    Email_portal: null,
    Profit_Windows: false,
    InSite: true,
  }));
}

const EMPLOYMENT_FIELDS: AfasFieldMeta[] = [
  field('ExternalID', 'string'),
  field('Medewerker', 'string'),
  field('Persoonsnummer', 'string'),
  field('Begindatum_functie', 'date'),
  field('Einddatum_functie', 'date'),
  field('Uren_per_week', 'decimal'),
  field('Volgnummer_contract', 'int'),
];

type EmploymentSeed = [string, string, string, string, string | null, number, number];

const EMPLOYMENT_SEEDS: EmploymentSeed[] = [
  ['E1', '1001', 'P1001', '2020-01-01', null, 40, 1],
  ['E2', '1002', 'P1002', '2021-06-15', '2024-12-31', 32, 2],
  ['E3', '1003', 'P1003', '2019-03-01', '2021-02-28', 24.5, 10],
  ['E4', '999', 'P0999', '2022-09-01', null, 8, 3],
  ['E5', '1004', 'P1001', '2023-01-01', null, 16, 20],
];

export function employmentRows(): AfasRow[] {
  return EMPLOYMENT_SEEDS.map(([id, medewerker, person, start, end, hours, sequence]) => ({
    ExternalID: id,
    Medewerker: medewerker,
    Persoonsnummer: person,
    Begindatum_functie: start,
    Einddatum_functie: end,
    Uren_per_week: hours,
    Volgnummer_contract: sequence,
  }));
}

export function fixtureDataset(): AfasDataset {
  return {
    environmentId: ENVIRONMENT_ID,
    connectors: [
      { id: USERS, description: 'Tools4ever - HelloID - Users', fields: USER_FIELDS, rows: userRows() },
      {
        id: EMPLOYMENTS,
        description: 'Tools4ever - HelloID - Employments',
        fields: EMPLOYMENT_FIELDS,
        rows: employmentRows(),
      },
    ],
  };
}

export interface Fixture extends RunningAfasEmulator {
  /** GET with the right token; `path` is relative to the base URL, e.g. `/connectors/X?take=2`. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** GET and parse the rows of a GetConnector page, asserting a 200. */
  rows(path: string): Promise<Record<string, unknown>[]>;
  send(method: 'PUT' | 'POST', path: string, body: unknown): Promise<Response>;
  admin(method: string, path: string, body?: unknown): Promise<Response>;
}

/** Starts an emulator on a free port; the caller closes it (`after(() => fixture.close())`). */
export async function startFixture(options: Partial<StartAfasEmulatorOptions> = {}): Promise<Fixture> {
  const running = await startAfasEmulator({ dataset: fixtureDataset(), token: TOKEN_DATA, ...options });
  const auth = { authorization: running.token.header };
  const get = (path: string, headers: Record<string, string> = auth) =>
    fetch(running.baseUrl + path, { headers });
  return {
    ...running,
    get,
    async rows(path) {
      const response = await get(path);
      if (response.status !== 200)
        throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { rows: Record<string, unknown>[] }).rows;
    },
    send: (method, path, body) =>
      fetch(running.baseUrl + path, {
        method,
        headers: { ...auth, 'content-type': 'application/json;charset=utf-8' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    admin: (method, path, body) =>
      fetch(running.adminUrl + path, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
  };
}
