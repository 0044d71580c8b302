/**
 * The demo's showcase cases (issue 11.9), added to the generated company without touching the
 * generator (its manifests and invariants stay as they are):
 * - a new employee whose 67-character surname does not fit Graph's surname (64): the simulation shows them
 *   failed with the reason (names fail by default, never silently cut), and the sync does the same;
 * - an employee whose account is synced from on-premises AD (`onPremisesSyncEnabled`) and whose job
 *   title lags behind AFAS: Graph would refuse the update, so the simulation already shows them failed
 *   ("managed by on-premises Active Directory; change … there") and nothing refused is sent;
 * - an employee whose account holds the User Administrator role and whose mobile number in the tenant
 *   is out of date: the update is planned like anyone's, but Graph refuses it (403: an app with
 *   User.ReadWrite.All may not change an administrator's phone numbers) — a refusal only the target
 *   knows at write time, so the person is quarantined. The demo's pilot connection (scoped to that one
 *   person) syncs at start-up so the admin finds them quarantined on its page.
 * The conflict (two accounts sharing an employee id) is the generator's own.
 */
import type { AfasRow, DemoCompany, GraphUserRecord } from '../../emulators/demo-data/types.ts';

/** Microsoft Entra's built-in User Administrator role (template id). */
const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

export const DEMO_LONG_NAME = {
  employeeNumber: '900001',
  /** 67 characters: Graph allows 64 in surname. */
  surname: 'Vanderzwaluwenburg-Oppenheimer-Kronenberg-Schimmelpenninck-Lanschot',
} as const;

export interface DemoShowcase {
  readonly company: DemoCompany;
  /**
   * The employee whose account holds an administrator role: Graph refuses their update at write time,
   * so they are quarantined. Null when the company is too small to have a suitable account (e.g.
   * `--persons 5`).
   */
  readonly quarantine: { readonly employeeNumber: string; readonly accountId: string } | null;
  /** The employee whose account on-premises AD owns: the simulation shows them failed with why. */
  readonly onPremises: { readonly employeeNumber: string; readonly accountId: string } | null;
}

const USERS = 'T4E_HelloID_Users_v2';
const JOBS = 'T4E_HelloID_Employments_v2';

export function withShowcase(company: DemoCompany): DemoShowcase {
  const connectors = company.afas.connectors.map((c) => ({ ...c, rows: [...c.rows] }));
  const users = connectors.find((c) => c.id === USERS);
  const jobs = connectors.find((c) => c.id === JOBS);
  if (!users || !jobs) throw new Error('the demo company has no users or employments connector');

  // The too-long name: a copy of the first person's rows under a new number, starting soon.
  const template = users.rows[0] as AfasRow;
  const jobTemplate = jobs.rows.find((r) => r.Medewerker === template.Medewerker) as AfasRow | undefined;
  if (!jobTemplate) throw new Error('the demo company’s first person has no employment');
  const n = DEMO_LONG_NAME.employeeNumber;
  users.rows.push({
    ...template,
    Medewerker: n,
    Persoonsnummer: `P${n}`,
    Gebruiker: null,
    DisplayName: `Anna ${DEMO_LONG_NAME.surname}`,
    Email_werk_gebruiker: null,
    Email_portal: null,
    Mobielnr_werk: null,
    Roepnaam: 'Anna',
    Voornaam: 'Anna',
    Voorletters: 'A.',
    Voorvoegsel: null,
    Geboortenaam: DEMO_LONG_NAME.surname,
    Voorvoegsel_partner: null,
    Geboortenaam_partner: null,
    Naamgebruik_code: '0',
    Email_werk: null,
    Telefoonnr_werk: null,
    UPN: null,
  });
  jobs.rows.push({
    ...jobTemplate,
    Medewerker: n,
    Persoonsnummer: `P${n}`,
    Naam: `A. ${DEMO_LONG_NAME.surname}`,
    ExternalID: `${n}-1`,
    Begindatum_functie: '2024-02-01',
    Einddatum_functie: null,
    Medewerkernummer_leidinggevende: null,
  });

  // The quarantined person: an enabled account, the only one with its employee id, of a current
  // employee who manages nobody (so no one else's manager write depends on it).
  const inAfas = new Set(users.rows.map((r) => String(r.Medewerker)));
  const managers = new Set(jobs.rows.map((r) => String(r.Medewerkernummer_leidinggevende ?? '')));
  const perId = new Map<string, number>();
  for (const u of company.tenant.users)
    if (u.employeeId) perId.set(u.employeeId, (perId.get(u.employeeId) ?? 0) + 1);
  // One open-ended employment: nothing about their dates makes them a joiner or leaver.
  const rowsOf = new Map<string, AfasRow[]>();
  for (const r of jobs.rows)
    rowsOf.set(String(r.Medewerker), [...(rowsOf.get(String(r.Medewerker)) ?? []), r]);
  const current = new Set(
    [...rowsOf]
      .filter(
        ([, rows]) =>
          rows.length === 1 && rows[0]?.Einddatum_contract === null && rows[0].Einddatum_functie === null,
      )
      .map(([number]) => number),
  );
  const [admin, onPremises] = company.tenant.users.filter(
    (u) =>
      u.employeeId &&
      u.accountEnabled === true &&
      inAfas.has(u.employeeId) &&
      current.has(u.employeeId) &&
      !managers.has(u.employeeId) &&
      perId.get(u.employeeId) === 1 &&
      !u.onPremisesSyncEnabled,
  );
  const afas = { ...company.afas, connectors };
  if (!admin?.employeeId) return { company: { ...company, afas }, quarantine: null, onPremises: null };
  // The tenant still has the mobile number the employee had before HR recorded a new one.
  const mobile = users.rows.find((r) => String(r.Medewerker) === admin.employeeId)?.Mobielnr_werk;
  const administrator: GraphUserRecord = {
    ...admin,
    mobilePhone: mobile === '06-19990000' ? '06-19990001' : '06-19990000',
  };
  const synced: GraphUserRecord | null = onPremises?.employeeId
    ? { ...onPremises, onPremisesSyncEnabled: true, jobTitle: 'Medewerker (functie uit de oude AD)' }
    : null;
  const tenant = {
    ...company.tenant,
    users: company.tenant.users.map((u) =>
      u === admin ? administrator : u === onPremises && synced ? synced : u,
    ),
    directoryRoles: [
      ...(company.tenant.directoryRoles ?? []),
      {
        id: '5d2f8c1e-0b7a-4e3c-9f21-6a4d8e0c7b35',
        roleTemplateId: USER_ADMINISTRATOR,
        displayName: 'User Administrator',
        members: [admin.id],
      },
    ],
  };
  return {
    company: { ...company, afas, tenant },
    quarantine: { employeeNumber: admin.employeeId, accountId: admin.id },
    onPremises:
      synced && onPremises?.employeeId
        ? { employeeNumber: onPremises.employeeId, accountId: onPremises.id }
        : null,
  };
}
