/**
 * Attribute names the console suggests. Suggestions only: the service validates the mapping and
 * the tenant decides what exists, so free text stays allowed.
 */
import type { TenantType } from '../../api/contracts.ts';

const COMMON = [
  'accountEnabled',
  'businessPhones',
  'companyName',
  'department',
  'displayName',
  'employeeHireDate',
  'employeeId',
  'employeeLeaveDateTime',
  'employeeType',
  'givenName',
  'jobTitle',
  'mail',
  'mailNickname',
  'manager',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'usageLocation',
  'userPrincipalName',
];

const HYBRID_ONLY = ['sAMAccountName', 'distinguishedName', 'title', 'physicalDeliveryOfficeName', 'company'];

export const targetAttributes = (type: TenantType): readonly string[] =>
  type === 'hybrid' ? [...COMMON, ...HYBRID_ONLY].sort() : COMMON;

/** Person attributes as hrsync's AFAS source names them (the GetConnector fields). */
export const SOURCE_ATTRIBUTE_HINT =
  'A field of the person or primary employment as read from AFAS, e.g. Medewerker, Roepnaam, Functie_omschrijving.';
