/**
 * Attribute names the console suggests. Suggestions only: the service validates the mapping and
 * the tenant decides what exists, so free text stays allowed. A hybrid tenant's attributes are
 * Active Directory's own LDAP names. Labels ("Last name · sn") come from the console's one table,
 * ui/attribute-labels.ts.
 */
import type { TenantType } from '../../api/contracts.ts';
import { labelledAttributes, attributeLabel as labelOf } from '../../ui/attribute-labels.ts';

/** The label shown beside a target attribute in step 3, when it says more than the name itself. */
export function attributeLabel(type: TenantType, attribute: string): string | undefined {
  const label = labelOf(type, attribute);
  return label && label.toLowerCase() !== attribute.toLowerCase() ? label : undefined;
}

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

export const targetAttributes = (type: TenantType): readonly string[] =>
  type === 'hybrid' ? labelledAttributes('hybrid') : COMMON;

/** Person attributes as hrsync's AFAS source names them (the GetConnector fields). */
export const SOURCE_ATTRIBUTE_HINT =
  'A field of the person or primary employment as read from AFAS, e.g. Medewerker, Roepnaam, Functie_omschrijving.';
