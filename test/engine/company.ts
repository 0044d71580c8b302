/**
 * A tiny hand-made AFAS company for end-to-end scenarios, so each test states exactly the people it
 * is about. Field metadata is inferred from the field ids the HelloID v2 connectors use.
 */
import type {
  AfasDataset,
  AfasDataType,
  AfasFieldMeta,
  AfasRow,
  TenantDataset,
} from '../../emulators/demo-data/types.ts';

export interface PersonSpec {
  readonly n: string;
  readonly given: string;
  readonly family: string;
  readonly prefix?: string;
  readonly partner?: { readonly family: string; readonly prefix?: string; readonly code: 0 | 1 | 2 | 3 };
  readonly jobs: readonly {
    readonly start: string;
    readonly end?: string | null;
    readonly title?: string;
    readonly unit?: string;
    readonly manager?: string;
    readonly fte?: number;
  }[];
  readonly email?: string | null;
}

function typeOf(id: string): AfasDataType {
  if (/^(Begindatum|Einddatum)/.test(id)) return 'date';
  if (id === 'FTE' || id === 'Uren_per_week') return 'decimal';
  if (id === 'Naamgebruik_code' || id === 'Volgnummer_contract') return 'int';
  if (id === 'Geblokkeerd') return 'boolean';
  return 'string';
}

function fields(ids: readonly string[]): AfasFieldMeta[] {
  return ids.map((id, i) => ({
    id,
    fieldId: `U${String(i + 1).padStart(3, '0')}`,
    dataType: typeOf(id),
    label: id.replaceAll('_', ' '),
    length: 255,
    controlType: 1,
    decimals: typeOf(id) === 'decimal' ? 2 : 0,
    decimalsFieldId: '',
  }));
}

const USER_IDS = [
  'Medewerker',
  'Persoonsnummer',
  'Roepnaam',
  'Voornaam',
  'Voorletters',
  'Voorvoegsel',
  'Geboortenaam',
  'Voorvoegsel_partner',
  'Geboortenaam_partner',
  'Naamgebruik_code',
  'Email_werk',
  'Telefoonnr_werk',
  'Mobielnr_werk',
  'UPN',
];
const EMPLOYMENT_IDS = [
  'Medewerker',
  'Persoonsnummer',
  'ExternalID',
  'Begindatum_functie',
  'Einddatum_functie',
  'Functie_omschrijving',
  'Organisatorische_eenheid_code',
  'Organisatorische_eenheid_omschrijving',
  'Werkgever_omschrijving',
  'Kostenplaats_omschrijving',
  'Medewerkernummer_leidinggevende',
  'FTE',
  'Volgnummer_contract',
  'Soort_medewerker_code',
];
const UNIT_IDS = ['ExternalId', 'DisplayName', 'ParentExternalId', 'ManagerExternalId'];

export function company(persons: readonly PersonSpec[]): AfasDataset {
  const users: AfasRow[] = [];
  const employments: AfasRow[] = [];
  for (const p of persons) {
    users.push({
      Medewerker: p.n,
      Persoonsnummer: `P${p.n}`,
      Roepnaam: p.given,
      Voornaam: p.given,
      Voorletters: `${p.given[0]}.`,
      Voorvoegsel: p.prefix ?? null,
      Geboortenaam: p.family,
      Voorvoegsel_partner: p.partner?.prefix ?? null,
      Geboortenaam_partner: p.partner?.family ?? null,
      Naamgebruik_code: p.partner?.code ?? 0,
      Email_werk: p.email ?? null,
      Telefoonnr_werk: null,
      Mobielnr_werk: null,
      UPN: null,
    });
    p.jobs.forEach((j, i) => {
      employments.push({
        Medewerker: p.n,
        Persoonsnummer: `P${p.n}`,
        ExternalID: `${p.n}-${i + 1}`,
        Begindatum_functie: j.start,
        Einddatum_functie: j.end ?? null,
        Functie_omschrijving: j.title ?? 'Medewerker',
        Organisatorische_eenheid_code: j.unit ?? 'ICT',
        Organisatorische_eenheid_omschrijving: j.unit ?? 'ICT',
        Werkgever_omschrijving: 'Contoso BV',
        Kostenplaats_omschrijving: 'Utrecht',
        Medewerkernummer_leidinggevende: j.manager ?? null,
        FTE: j.fte ?? 1,
        Volgnummer_contract: i + 1,
        Soort_medewerker_code: 'I',
      });
    });
  }
  return {
    environmentId: '12345',
    connectors: [
      { id: 'T4E_HelloID_Users_v2', description: 'Users', fields: fields(USER_IDS), rows: users },
      {
        id: 'T4E_HelloID_Employments_v2',
        description: 'Employments',
        fields: fields(EMPLOYMENT_IDS),
        rows: employments,
      },
      { id: 'T4E_HelloID_OrganizationalUnits_v2', description: 'Units', fields: fields(UNIT_IDS), rows: [] },
    ],
  };
}

export function tenant(users: TenantDataset['users'] = []): TenantDataset {
  return {
    tenantId: '6f1c2b3a-0000-4000-8000-000000000001',
    displayName: 'Contoso BV',
    domains: [
      { id: 'contoso.nl', isVerified: true, isDefault: true },
      { id: 'contoso.onmicrosoft.com', isVerified: true, isDefault: false },
    ],
    users,
    groups: [],
    subscribedSkus: [],
  };
}
