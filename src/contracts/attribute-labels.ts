/**
 * The one table of target attribute labels: how the Microsoft Entra admin center (cloud) and Active
 * Directory Users and Computers (hybrid) name an attribute, shown with the technical name beside it
 * ("First name · givenName", "Last name · sn") wherever the console shows a target attribute —
 * step 3's mapping and matching, run items and their old → new values, previews, comparisons — and in
 * the plain-word reasons of run items (item-reasons.ts), which the service, the CLI and exports share.
 */
import type { TenantType } from '../core/vocabulary.ts';

/** Microsoft Graph user properties with the labels of the Entra admin center's user properties. */
const CLOUD_LABELS: Readonly<Record<string, string>> = {
  accountEnabled: 'Account enabled',
  ageGroup: 'Age group',
  businessPhones: 'Business phone',
  city: 'City',
  companyName: 'Company name',
  country: 'Country or region',
  department: 'Department',
  displayName: 'Display name',
  employeeHireDate: 'Employee hire date',
  employeeId: 'Employee ID',
  employeeLeaveDateTime: 'Employee leave date',
  employeeType: 'Employee type',
  faxNumber: 'Fax number',
  givenName: 'First name',
  jobTitle: 'Job title',
  mail: 'Email',
  mailNickname: 'Mail nickname',
  manager: 'Manager',
  mobilePhone: 'Mobile phone',
  officeLocation: 'Office location',
  otherMails: 'Other emails',
  postalCode: 'ZIP or postal code',
  preferredLanguage: 'Preferred language',
  proxyAddresses: 'Proxy addresses',
  state: 'State or province',
  streetAddress: 'Street address',
  surname: 'Last name',
  usageLocation: 'Usage location',
  userPrincipalName: 'User principal name',
  userType: 'User type',
};

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

/** What hrsync grants besides attributes (entitlements, issue 11): the same words on both kinds. */
const ENTITLEMENT_LABELS: Readonly<Record<string, string>> = { group: 'Group', licence: 'Licence' };

const TABLES: Readonly<Record<TenantType, Readonly<Record<string, string>>>> = {
  cloud: CLOUD_LABELS,
  hybrid: DIRECTORY_LABELS,
};

/** The attributes a tenant of this kind knows a label for, sorted by name. */
export const labelledAttributes = (type: TenantType): readonly string[] =>
  Object.keys(TABLES[type]).sort((a, b) => a.localeCompare(b));

function lookup(table: Readonly<Record<string, string>>, attribute: string): string | undefined {
  const exact = table[attribute];
  if (exact) return exact;
  // LDAP attribute names are case-insensitive; Graph's are too in $select and $filter.
  const lower = attribute.toLowerCase();
  return Object.entries(table).find(([name]) => name.toLowerCase() === lower)?.[1];
}

/**
 * The friendly label of a target attribute ("Last name" for sn), when the console knows one. Without
 * a tenant type (a page that is about no connection) the cloud's labels are tried first.
 */
export function attributeLabel(type: TenantType | null, attribute: string): string | undefined {
  const entitlement = ENTITLEMENT_LABELS[attribute];
  if (entitlement) return entitlement;
  if (type !== null) return lookup(TABLES[type], attribute);
  return lookup(CLOUD_LABELS, attribute) ?? lookup(DIRECTORY_LABELS, attribute);
}

/** "First name · givenName"; just the label where it is the name ("Department"); the name when unknown. */
export function attributeText(type: TenantType | null, attribute: string): string {
  const label = attributeLabel(type, attribute);
  if (!label) return attribute;
  return label.toLowerCase() === attribute.toLowerCase() ? label : `${label} · ${attribute}`;
}
