/**
 * Attribute names the console suggests. Suggestions only: the service validates the mapping and
 * the tenant decides what exists, so free text stays allowed. A hybrid tenant's attributes are
 * Active Directory's own LDAP names; the console shows them with a friendly label ("Last name · sn").
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

/** Active Directory user attributes (LDAP names) with the labels Active Directory Users and Computers uses. */
const DIRECTORY_LABELS: Readonly<Record<string, string>> = {
  accountEnabled: 'Account enabled',
  accountExpires: 'Account expires',
  cn: 'Name (CN)',
  company: 'Company',
  department: 'Department',
  description: 'Description',
  displayName: 'Display name',
  employeeID: 'Employee ID',
  employeeNumber: 'Employee number',
  employeeType: 'Employee type',
  facsimileTelephoneNumber: 'Fax',
  givenName: 'First name',
  homePhone: 'Home phone',
  initials: 'Initials',
  l: 'City',
  mail: 'E-mail',
  manager: 'Manager',
  mobile: 'Mobile',
  otherMobile: 'Other mobile numbers',
  otherTelephone: 'Other telephone numbers',
  parentDistinguishedName: 'Container (OU)',
  physicalDeliveryOfficeName: 'Office',
  postalCode: 'Postal code',
  proxyAddresses: 'E-mail addresses (proxy)',
  sAMAccountName: 'User logon name (pre-Windows 2000)',
  sn: 'Last name',
  st: 'State/province',
  streetAddress: 'Street',
  telephoneNumber: 'Telephone number',
  title: 'Job title',
  userPrincipalName: 'User logon name (UPN)',
  'msDS-cloudExtensionAttribute1': 'Cloud extension attribute 1',
};

export const targetAttributes = (type: TenantType): readonly string[] =>
  type === 'hybrid' ? Object.keys(DIRECTORY_LABELS).sort((a, b) => a.localeCompare(b)) : COMMON;

/** The friendly label of a target attribute, when the console knows one ("Last name" for sn). */
export function attributeLabel(type: TenantType, attribute: string): string | undefined {
  if (type !== 'hybrid') return undefined;
  const exact = DIRECTORY_LABELS[attribute];
  if (exact) return exact;
  // LDAP attribute names are case-insensitive.
  const lower = attribute.toLowerCase();
  return Object.entries(DIRECTORY_LABELS).find(([name]) => name.toLowerCase() === lower)?.[1];
}

/** Person attributes as hrsync's AFAS source names them (the GetConnector fields). */
export const SOURCE_ATTRIBUTE_HINT =
  'A field of the person or primary employment as read from AFAS, e.g. Medewerker, Roepnaam, Functie_omschrijving.';
