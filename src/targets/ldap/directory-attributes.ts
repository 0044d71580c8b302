/**
 * How hrsync's view of an AD user maps onto LDAP. Most attributes are AD's own (`sAMAccountName`,
 * `employeeID`, `title`); a few are derived, as in Microsoft's HR-to-AD provisioning:
 * - `accountEnabled`: the inverse of userAccountControl's ACCOUNTDISABLE bit;
 * - `parentDistinguishedName`: the container the account sits in (a change is a move);
 * - `cn`: the first RDN's value, unescaped (a change is a rename);
 * - `manager`: read as the manager's objectGUID (the account id the engine compares), written as DN;
 * - `accountExpires`: FILETIME ticks on the wire, an ISO instant in hrsync.
 */
import type { AttrValue } from '../../core/index.ts';
import type { AttributeLimit } from '../../engine/ports.ts';
import { fileTimeToIso, generalizedTimeToIso, isoToFileTime } from './file-time.ts';

export const ENABLED = 'accountEnabled';
export const PARENT = 'parentDistinguishedName';
export const CN = 'cn';
export const MANAGER = 'manager';
export const ACCOUNT_EXPIRES = 'accountExpires';
/** When the account was made (conflict candidates show it); read as `YYYY-MM-DDTHH:mm:ssZ`. */
export const WHEN_CREATED = 'whenCreated';

/** Attributes never sent in a plain modify: they are renames, moves or separate writes. */
export const NOT_MODIFIED = new Set([ENABLED, PARENT, CN, MANAGER]);

export const DIRECTORY_ATTRIBUTE_TYPES = {
  accountEnabled: 'boolean',
  accountExpires: 'datetime',
  proxyAddresses: 'string[]',
  otherTelephone: 'string[]',
  otherMobile: 'string[]',
  otherMailbox: 'string[]',
  url: 'string[]',
} as const;

const LIST = new Set(
  Object.entries(DIRECTORY_ATTRIBUTE_TYPES).flatMap(([name, type]) => (type === 'string[]' ? [name] : [])),
);

const SAM_FORBIDDEN = '"/\\[]:;|=,+*?<>@';

/** Windows' rule for a sAMAccountName (MS-SAM): none of `" / \ [ ] : ; | = , + * ? < > @`, no trailing dot. */
function samProblem(value: string): string | null {
  const bad = [...new Set([...value].filter((c) => SAM_FORBIDDEN.includes(c)))];
  if (bad.length > 0) return `may not hold ${bad.map((c) => `"${c}"`).join(' ')}`;
  if (value.endsWith('.')) return 'may not end in a dot';
  return null;
}

const UPN = /^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

const text = (maxLength: number, onTooLong: AttributeLimit['onTooLong']): AttributeLimit => ({
  maxLength,
  onTooLong,
});

/**
 * Windows' limits (rangeUpper in the AD schema, and the SAM rules for sAMAccountName). Samba
 * accepts some values Windows refuses (a 21-character sAMAccountName, a 65-character cn), so hrsync
 * holds every value to Windows' rules itself (active-directory.md §0, §2.7). Names and keys fail the
 * person; descriptive texts are shortened.
 */
export const DIRECTORY_ATTRIBUTE_LIMITS: Readonly<Record<string, AttributeLimit>> = {
  sAMAccountName: { maxLength: 20, onTooLong: 'fail', cannotClear: true, format: samProblem },
  cn: { maxLength: 64, onTooLong: 'fail', cannotClear: true },
  employeeID: text(16, 'fail'),
  givenName: text(64, 'fail'),
  sn: text(64, 'fail'),
  initials: text(6, 'shorten'),
  displayName: text(256, 'fail'),
  mail: text(256, 'fail'),
  userPrincipalName: {
    maxLength: 1024,
    onTooLong: 'fail',
    format: (v) => (UPN.test(v) ? null : 'must be name@suffix, with a suffix of the forest'),
  },
  department: text(64, 'shorten'),
  company: text(64, 'shorten'),
  title: text(128, 'shorten'),
  employeeNumber: text(512, 'fail'),
  employeeType: text(256, 'shorten'),
  physicalDeliveryOfficeName: text(128, 'shorten'),
  telephoneNumber: text(64, 'fail'),
  mobile: text(64, 'fail'),
  proxyAddresses: text(1123, 'fail'),
  description: text(1024, 'shorten'),
};

/** The LDAP attributes to request for the engine's attribute selection. */
export function ldapAttributesFor(attributes: readonly string[]): string[] {
  const wanted = new Set(['objectGUID', 'userAccountControl', 'sAMAccountName']);
  for (const a of attributes) {
    if (a === ENABLED || a === PARENT || a === 'id') continue;
    wanted.add(a);
  }
  return [...wanted];
}

/** One value as read from LDAP (ldapts gives a string or an array of strings). */
export function readValue(attribute: string, raw: unknown): AttrValue {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
  if (attribute === ACCOUNT_EXPIRES) return fileTimeToIso(list[0]);
  if (attribute === WHEN_CREATED) return generalizedTimeToIso(list[0]);
  if (LIST.has(attribute)) return list;
  return list.length === 0 ? null : (list[0] as string);
}

/** One value as LDAP wants it: a list of strings; an empty list clears the attribute. */
export function ldapValues(attribute: string, value: AttrValue | undefined): string[] {
  if (attribute === ACCOUNT_EXPIRES) {
    // accountExpires cannot be removed; "never" is 0.
    return [isoToFileTime(typeof value === 'string' ? value : null)];
  }
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.filter((v) => v !== '');
  const text = typeof value === 'string' ? value : String(value);
  return text === '' ? [] : [text];
}

/** Case-insensitive lookup of an attribute in a search entry (the server spells names its own way). */
export function entryValue(entry: Readonly<Record<string, unknown>>, attribute: string): unknown {
  if (attribute in entry) return entry[attribute];
  const lower = attribute.toLowerCase();
  for (const key of Object.keys(entry)) if (key.toLowerCase() === lower) return entry[key];
  return undefined;
}
