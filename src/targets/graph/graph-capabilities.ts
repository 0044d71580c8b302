/**
 * What the Graph target can do, for the engine to branch on (STYLE.md principle 3).
 */
import type { AttributeLimit, TargetCapabilities } from '../../engine/ports.ts';
import { ALWAYS_READ } from './graph-odata.ts';

const UPN_LOCAL = /^[A-Za-z0-9'.\-_!#^~]+$/;
const DOMAIN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const SMTP = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const ALIAS_FORBIDDEN = /[@()\\[\]";:<>,\s]/;
// Checks run on every mapped value of every person: a regular expression literal inside a function is
// a new RegExp object each time it is evaluated, so every one is made once here.
const PLAIN_ASCII = /^[\x21-\x7e]+$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/i;
/** A whole UPN that upnProblem() finds nothing wrong with, but for the dots (checked apart). */
const UPN = /^[A-Za-z0-9'.\-_!#^~]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** Graph's rule for a UPN: one @, a local part of at most 64 of `A-Z a-z 0-9 ' . - _ ! # ^ ~`. */
function upnProblem(upn: string): string | null {
  const at = upn.indexOf('@');
  // A good UPN (nearly all) is answered in place, without cutting it into local part and domain.
  if (
    at > 0 &&
    at <= 64 &&
    UPN.test(upn) &&
    upn.charCodeAt(0) !== 46 && // .
    upn.charCodeAt(at - 1) !== 46 &&
    !upn.includes('..')
  )
    return null;
  if (at <= 0 || at !== upn.lastIndexOf('@')) return 'needs exactly one @ with a name before it';
  const local = upn.slice(0, at);
  if (local.length > 64) return `the part before @ is ${local.length} characters; at most 64 are allowed`;
  if (!UPN_LOCAL.test(local)) return "the part before @ may only hold A-Z, a-z, 0-9 and ' . - _ ! # ^ ~";
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return 'the part before @ may not start or end with a dot, or hold two dots in a row';
  if (!DOMAIN.test(upn.slice(at + 1))) return 'the domain after @ is not a domain name';
  return null;
}

const text = (maxLength: number, onTooLong: AttributeLimit['onTooLong']): AttributeLimit => ({
  maxLength,
  onTooLong,
});

/**
 * Graph v1.0's documented limits for the user properties hrsync maps (see the emulator, which
 * enforces the same). Names fail the person when too long; descriptive texts are shortened.
 */
export const GRAPH_ATTRIBUTE_LIMITS: Readonly<Record<string, AttributeLimit>> = {
  displayName: { maxLength: 256, cannotClear: true, onTooLong: 'fail' },
  givenName: text(64, 'fail'),
  surname: text(64, 'fail'),
  mailNickname: {
    maxLength: 64,
    cannotClear: true,
    onTooLong: 'fail',
    format: (v) =>
      ALIAS_FORBIDDEN.test(v) || !PLAIN_ASCII.test(v)
        ? 'may only hold plain ASCII letters, digits and symbols other than @ ( ) \\ [ ] " ; : < > , and no spaces'
        : null,
  },
  userPrincipalName: { maxLength: 113, cannotClear: true, onTooLong: 'fail', format: upnProblem },
  mail: {
    maxLength: 254,
    onTooLong: 'fail',
    format: (v) => (SMTP.test(v) ? null : 'is not an e-mail address (plain ASCII, one @, a domain)'),
  },
  employeeId: text(16, 'fail'),
  employeeType: text(64, 'shorten'),
  jobTitle: text(128, 'shorten'),
  department: text(64, 'shorten'),
  companyName: text(64, 'shorten'),
  officeLocation: text(128, 'shorten'),
  mobilePhone: text(64, 'fail'),
  businessPhones: { maxValues: 1, onTooLong: 'shorten' },
  otherMails: {
    onTooLong: 'fail',
    format: (v) => (SMTP.test(v) ? null : 'is not an e-mail address (plain ASCII, one @, a domain)'),
  },
  usageLocation: {
    maxLength: 2,
    onTooLong: 'fail',
    format: (v) => (COUNTRY.test(v) ? null : 'must be a two-letter country code such as NL'),
  },
  preferredLanguage: {
    maxLength: 10,
    onTooLong: 'fail',
    format: (v) => (LANGUAGE.test(v) ? null : 'must be a language tag such as nl-NL'),
  },
  city: text(128, 'shorten'),
  country: text(128, 'shorten'),
  state: text(128, 'shorten'),
  streetAddress: text(1024, 'shorten'),
  postalCode: text(40, 'fail'),
  onPremisesImmutableId: text(256, 'fail'),
};

/** Graph's JSON types for user properties that are not plain strings. */
export const GRAPH_ATTRIBUTE_TYPES = {
  accountEnabled: 'boolean',
  businessPhones: 'string[]',
  otherMails: 'string[]',
  proxyAddresses: 'string[]',
  imAddresses: 'string[]',
  employeeHireDate: 'datetime',
  employeeLeaveDateTime: 'datetime',
} as const satisfies NonNullable<TargetCapabilities['attributeTypes']>;

export const GRAPH_CAPABILITIES: TargetCapabilities = {
  displayName: 'Microsoft Entra ID',
  attributeLimits: GRAPH_ATTRIBUTE_LIMITS,
  // accountEnabled comes from the plan's `enabled`, passwordProfile from the writer.
  requiredOnCreate: ['displayName', 'mailNickname', 'userPrincipalName'],
  batchSize: 20,
  // DELETE /users/{id} moves the user to deleted items, restorable for 30 days.
  softDelete: true,
  managerReference: true,
  // Entra refuses a UPN, mail or proxy address that another object holds in any of these (the same
  // checks HelloID's Entra connector runs); mailNickname only has to be unique among nicknames.
  uniqueAttributes: {
    userPrincipalName: ['userPrincipalName', 'mail', 'proxyAddresses'],
    mail: ['mail', 'userPrincipalName', 'proxyAddresses'],
    mailNickname: ['mailNickname'],
    proxyAddresses: ['proxyAddresses', 'mail', 'userPrincipalName'],
  },
  attributeTypes: GRAPH_ATTRIBUTE_TYPES,
  // createdDateTime: conflicts show when each candidate account was made (issue 11.5).
  // onPremisesSyncEnabled: whether on-premises AD owns the account (externalOwner below).
  alwaysRead: [...ALWAYS_READ, 'createdDateTime', 'onPremisesSyncEnabled'],
  entitlements: { groups: true, licenceAttribute: 'assignedLicenses', licenceRequires: 'usageLocation' },
  // Users synced from on-premises AD: Graph refuses every other property ("Unable to update the
  // specified properties for on-premises mastered Directory Sync objects"), accountEnabled, the
  // manager and deleting the user — change those in AD. usageLocation and employeeLeaveDateTime are
  // cloud-side properties Graph still writes; groups and licences are not the account's own.
  externalOwner: {
    attribute: 'onPremisesSyncEnabled',
    value: true,
    name: 'on-premises Active Directory (directory sync)',
    writable: ['usageLocation', 'employeeLeaveDateTime'],
  },
};

export const LIST_ATTRIBUTES: ReadonlySet<string> = new Set(
  Object.entries(GRAPH_ATTRIBUTE_TYPES).flatMap(([name, type]) => (type === 'string[]' ? [name] : [])),
);
