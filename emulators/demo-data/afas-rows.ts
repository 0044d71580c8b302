/** Renders the model as GetConnector rows: one per employee, per employment line, per org unit. */
import { HOURS_PER_FTE } from './employments.ts';
import { formatDay } from './local-date.ts';
import type { DemoPerson, EmployeeType, EmploymentRecord, OrgUnit } from './model.ts';
import { displayNameOf, formalNameOf } from './names/compose.ts';
import type { AfasRow } from './types.ts';

const EMPLOYEE_TYPE_NAME: Record<EmployeeType, string> = { I: 'Intern', E: 'Extern', S: 'Stagiair' };
/** Profit Windows licences go to the people who run HR and payroll. */
const BACK_OFFICE = new Set(['Financiën', 'Personeel & Organisatie']);

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

export function userRow(person: DemoPerson, environmentId: string): AfasRow {
  const { name } = person;
  const user = person.hasProfitUser;
  const blocked = person.kind === 'leaver' && person.leaverTiming !== 'upcoming';
  const backOffice = person.employments.some((e) => BACK_OFFICE.has(e.unit.division?.name ?? ''));
  return {
    Medewerker: person.employeeNumber,
    Gebruiker: user ? `${environmentId}.${person.employeeNumber}` : null,
    Persoonsnummer: person.personNumber,
    DisplayName: displayNameOf(name),
    Geblokkeerd: user ? blocked : null,
    UPN: user ? person.afasUpn : null,
    Email_werk_gebruiker: user ? person.afasUpn : null,
    Profit_Windows: user ? backOffice : null,
    Connector: user ? false : null,
    Reservekopieen_via_commandline: user ? false : null,
    Commandline: user ? false : null,
    InSite: user ? !blocked : null,
    OutSite: user ? false : null,
    Voorletters: name.initials,
    Roepnaam: name.callingName,
    Voornaam: name.firstNames,
    Voorvoegsel: name.prefix,
    Geboortenaam: name.birthName,
    Geboortenaam_partner: name.partnerName,
    Voorvoegsel_partner: name.partnerPrefix,
    Naamgebruik_code: String(name.nameUse),
    Mobielnr_werk: person.mobilePhone,
    Telefoonnr_werk: person.workPhone,
    Email_werk: person.afasMail,
    Email_portal: user ? person.afasMail : null,
  };
}

export function employmentRow(
  person: DemoPerson,
  e: EmploymentRecord,
  personAt: (index: number) => DemoPerson,
): AfasRow {
  const manager = e.manager === null ? null : personAt(e.manager);
  const deputy = e.deputy === null ? null : personAt(e.deputy);
  return {
    Medewerker: person.employeeNumber,
    Persoonsnummer: person.personNumber,
    Naam: formalNameOf(person.name),
    Organisatorische_eenheid_code: e.unit.code,
    Organisatorische_eenheid_omschrijving: e.unit.name,
    Functie_code: e.job.code,
    Functie_omschrijving: e.job.description,
    Kostenplaats_code: e.unit.costCenter.code,
    Kostenplaats_omschrijving: e.unit.costCenter.name,
    Werkgever_code: e.employer.code,
    Werkgever_omschrijving: e.employer.name,
    Type_contract: e.contractType,
    Dienstverband: e.hours === 0 ? 'Oproep' : e.hours >= HOURS_PER_FTE ? 'Fulltime' : 'Parttime',
    Volgnummer_contract: e.contract,
    Begindatum_contract: formatDay(e.contractStart),
    Einddatum_contract: e.contractEnd === null ? null : formatDay(e.contractEnd),
    Begindatum_functie: formatDay(e.functionStart),
    Einddatum_functie: e.functionEnd === null ? null : formatDay(e.functionEnd),
    Uren_per_week: e.hours,
    Parttime_percentage: round((e.hours / HOURS_PER_FTE) * 100, 2),
    FTE: round(e.hours / HOURS_PER_FTE, 4),
    Persoonsnummer_leidinggevende: manager?.personNumber ?? null,
    Medewerkernummer_leidinggevende: manager?.employeeNumber ?? null,
    Persoonsnummer_VervangendLeidinggevende: deputy?.personNumber ?? null,
    Medewerkernummer_VervangendLeidinggevende: deputy?.employeeNumber ?? null,
    ExternalID: employmentKey(person, e),
    Soort_medewerker: EMPLOYEE_TYPE_NAME[e.employeeType],
    Soort_medewerker_code: e.employeeType,
    Dienstbetrekking: e.employeeType === 'I',
  };
}

export const employmentKey = (person: DemoPerson, e: EmploymentRecord) =>
  `${person.employeeNumber}-${e.contract}-${e.line}`;

export function orgUnitRow(unit: OrgUnit, personAt: (index: number) => DemoPerson): AfasRow {
  return {
    ExternalId: unit.code,
    DisplayName: unit.name,
    ParentExternalId: unit.parent?.code ?? null,
    ManagerExternalId: unit.manager === null ? null : personAt(unit.manager).employeeNumber,
    Huidige_vervanger: unit.deputy === null ? null : personAt(unit.deputy).employeeNumber,
  };
}
