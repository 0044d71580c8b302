/**
 * The three HelloID v2 GetConnectors as Profit describes them in `metainfo/get/{id}`: field ids from
 * the Tools4ever connector definitions, Dutch labels, types and lengths as a Profit environment would
 * plausibly report them. `fieldId` is Profit's internal column code; the REST rows use `id`.
 */
import type { AfasDataType, AfasFieldMeta } from './types.ts';

export const USERS_CONNECTOR = 'T4E_HelloID_Users_v2';
export const EMPLOYMENTS_CONNECTOR = 'T4E_HelloID_Employments_v2';
export const ORG_UNITS_CONNECTOR = 'T4E_HelloID_OrganizationalUnits_v2';

type FieldSpec = readonly [
  id: string,
  dataType: AfasDataType,
  label: string,
  length: number,
  decimals?: number,
];

/** Profit's control types as seen in metainfo: text box, number, check box, date. */
const CONTROL_TYPE: Record<AfasDataType, number> = { string: 1, int: 2, decimal: 2, boolean: 3, date: 4 };

function fields(prefix: string, specs: readonly FieldSpec[]): readonly AfasFieldMeta[] {
  return Object.freeze(
    specs.map(([id, dataType, label, length, decimals = 0], i) =>
      Object.freeze({
        id,
        fieldId: `${prefix}${String(i + 1).padStart(3, '0')}`,
        dataType,
        label,
        length,
        controlType: CONTROL_TYPE[dataType],
        decimals,
        decimalsFieldId: '',
      }),
    ),
  );
}

export const USER_FIELDS = fields('U', [
  ['Medewerker', 'string', 'Medewerker', 15],
  ['Gebruiker', 'string', 'Gebruiker', 50],
  ['Persoonsnummer', 'string', 'Persoonsnummer', 15],
  ['DisplayName', 'string', 'Weergavenaam', 255],
  ['Geblokkeerd', 'boolean', 'Geblokkeerd', 1],
  ['UPN', 'string', 'UPN', 255],
  ['Email_werk_gebruiker', 'string', 'E-mail werk (gebruiker)', 255],
  ['Profit_Windows', 'boolean', 'Profit Windows', 1],
  ['Connector', 'boolean', 'Connector', 1],
  ['Reservekopieen_via_commandline', 'boolean', 'Reservekopieën via commandline', 1],
  ['Commandline', 'boolean', 'Commandline', 1],
  ['InSite', 'boolean', 'InSite', 1],
  ['OutSite', 'boolean', 'OutSite', 1],
  ['Voorletters', 'string', 'Voorletters', 15],
  ['Roepnaam', 'string', 'Roepnaam', 50],
  ['Voornaam', 'string', 'Voornamen', 80],
  ['Voorvoegsel', 'string', 'Voorvoegsel', 15],
  ['Geboortenaam', 'string', 'Geboortenaam', 80],
  ['Geboortenaam_partner', 'string', 'Geboortenaam partner', 80],
  ['Voorvoegsel_partner', 'string', 'Voorvoegsel partner', 15],
  ['Naamgebruik_code', 'string', 'Naamgebruik (code)', 2],
  ['Mobielnr_werk', 'string', 'Mobiel werk', 30],
  ['Telefoonnr_werk', 'string', 'Telefoonnr. werk', 30],
  ['Email_werk', 'string', 'E-mail werk', 255],
  ['Email_portal', 'string', 'E-mail portal', 255],
]);

export const EMPLOYMENT_FIELDS = fields('C', [
  ['Medewerker', 'string', 'Medewerker', 15],
  ['Persoonsnummer', 'string', 'Persoonsnummer', 15],
  ['Naam', 'string', 'Naam', 255],
  ['Organisatorische_eenheid_code', 'string', 'Organisatorische eenheid', 15],
  ['Organisatorische_eenheid_omschrijving', 'string', 'Omschrijving organisatorische eenheid', 80],
  ['Functie_code', 'string', 'Functie', 15],
  ['Functie_omschrijving', 'string', 'Omschrijving functie', 80],
  ['Kostenplaats_code', 'string', 'Kostenplaats', 15],
  ['Kostenplaats_omschrijving', 'string', 'Omschrijving kostenplaats', 80],
  ['Werkgever_code', 'string', 'Werkgever', 15],
  ['Werkgever_omschrijving', 'string', 'Omschrijving werkgever', 80],
  ['Type_contract', 'string', 'Type contract', 50],
  ['Dienstverband', 'string', 'Dienstverband', 50],
  ['Volgnummer_contract', 'int', 'Volgnummer contract', 9],
  ['Begindatum_contract', 'date', 'Begindatum contract', 10],
  ['Einddatum_contract', 'date', 'Einddatum contract', 10],
  ['Begindatum_functie', 'date', 'Begindatum functie', 10],
  ['Einddatum_functie', 'date', 'Einddatum functie', 10],
  ['Uren_per_week', 'decimal', 'Uren per week', 9, 2],
  ['Parttime_percentage', 'decimal', 'Parttime percentage', 9, 2],
  ['FTE', 'decimal', 'FTE', 9, 4],
  ['Persoonsnummer_leidinggevende', 'string', 'Persoonsnummer leidinggevende', 15],
  ['Medewerkernummer_leidinggevende', 'string', 'Medewerker leidinggevende', 15],
  ['Persoonsnummer_VervangendLeidinggevende', 'string', 'Persoonsnummer vervangend leidinggevende', 15],
  ['Medewerkernummer_VervangendLeidinggevende', 'string', 'Medewerker vervangend leidinggevende', 15],
  ['ExternalID', 'string', 'ExternalID', 50],
  ['Soort_medewerker', 'string', 'Soort medewerker', 50],
  ['Soort_medewerker_code', 'string', 'Soort medewerker (code)', 2],
  ['Dienstbetrekking', 'boolean', 'Dienstbetrekking', 1],
]);

export const ORG_UNIT_FIELDS = fields('O', [
  ['ExternalId', 'string', 'Organisatorische eenheid', 15],
  ['DisplayName', 'string', 'Omschrijving', 80],
  ['ParentExternalId', 'string', 'Bovenliggende organisatorische eenheid', 15],
  ['ManagerExternalId', 'string', 'Manager', 15],
  ['Huidige_vervanger', 'string', 'Huidige vervanger', 15],
]);

export interface AfasConnectorDefinition {
  readonly id: string;
  readonly description: string;
  readonly fields: readonly AfasFieldMeta[];
}

const described = (id: string, fields: readonly AfasFieldMeta[]): AfasConnectorDefinition =>
  Object.freeze({ id, description: `Tools4ever - HelloID - ${id}`, fields });

/** The connectors the demo company serves, in the order `metainfo` lists them. */
export const AFAS_CONNECTORS: readonly AfasConnectorDefinition[] = Object.freeze([
  described(USERS_CONNECTOR, USER_FIELDS),
  described(EMPLOYMENTS_CONNECTOR, EMPLOYMENT_FIELDS),
  described(ORG_UNITS_CONNECTOR, ORG_UNIT_FIELDS),
]);
