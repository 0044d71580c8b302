/**
 * The user properties the emulator knows, with the Graph v1.0 rules that clients trip over:
 * length limits, which are writable, which come back without `$select`, and how each can be
 * filtered (by default, or only as an advanced query with `ConsistencyLevel: eventual` + `$count`).
 */

export type PropertyKind = 'string' | 'boolean' | 'dateTime' | 'strings' | 'object' | 'licenses';

/** `default`: works by default; `advanced`: needs the advanced query parameters. */
export type QuerySupport = 'default' | 'advanced';

export interface FilterSupport {
  /** `eq` and `in` (and, advanced only, `ne` / `not`) */
  readonly eq?: QuerySupport;
  readonly startsWith?: QuerySupport;
  /** Graph allows `endsWith` only on mail, otherMails, userPrincipalName and proxyAddresses. */
  readonly endsWith?: QuerySupport;
  /** `ge` / `le` / `gt` / `lt` */
  readonly range?: QuerySupport;
  /** comparing with `null` */
  readonly nullValues?: QuerySupport;
}

export interface PropertySpec {
  readonly name: string;
  readonly kind: PropertyKind;
  readonly maxLength?: number;
  readonly writable: boolean;
  /** Returned when the request has no `$select`. */
  readonly defaultSelected?: boolean;
  readonly requiredOnCreate?: boolean;
  readonly filter?: FilterSupport;
  /** Reading or writing needs the User-LifeCycleInfo permissions. */
  readonly lifecycle?: boolean;
  /** Still writable through Graph when the user is synced from on-premises AD. */
  readonly writableWhenSynced?: boolean;
  /** Accepted on write, never returned (selecting it yields null). */
  readonly writeOnly?: boolean;
}

const d = 'default' as const;
const a = 'advanced' as const;

const SPECS: readonly PropertySpec[] = [
  { name: 'id', kind: 'string', writable: false, defaultSelected: true, filter: { eq: d } },
  {
    name: 'accountEnabled',
    kind: 'boolean',
    writable: true,
    requiredOnCreate: true,
    filter: { eq: d, range: a },
  },
  { name: 'assignedLicenses', kind: 'licenses', writable: false },
  { name: 'businessPhones', kind: 'strings', writable: true, defaultSelected: true, filter: { eq: d } },
  {
    name: 'city',
    kind: 'string',
    maxLength: 128,
    writable: true,
    filter: { eq: d, startsWith: d, nullValues: a },
  },
  {
    name: 'companyName',
    kind: 'string',
    maxLength: 64,
    writable: true,
    filter: { eq: a, startsWith: a, range: a, nullValues: a },
  },
  {
    name: 'country',
    kind: 'string',
    maxLength: 128,
    writable: true,
    filter: { eq: d, startsWith: d, nullValues: a },
  },
  { name: 'createdDateTime', kind: 'dateTime', writable: false, filter: { eq: d, range: d } },
  { name: 'deletedDateTime', kind: 'dateTime', writable: false, filter: { eq: d, range: d } },
  {
    name: 'department',
    kind: 'string',
    maxLength: 64,
    writable: true,
    filter: { eq: d, startsWith: d, range: d, nullValues: a },
  },
  {
    name: 'displayName',
    kind: 'string',
    maxLength: 256,
    writable: true,
    requiredOnCreate: true,
    defaultSelected: true,
    filter: { eq: d, startsWith: d, nullValues: a },
  },
  { name: 'employeeHireDate', kind: 'dateTime', writable: true, filter: { eq: a, range: a } },
  {
    name: 'employeeId',
    kind: 'string',
    maxLength: 16,
    writable: true,
    filter: { eq: d, startsWith: d, range: a, nullValues: a },
  },
  {
    name: 'employeeLeaveDateTime',
    kind: 'dateTime',
    writable: true,
    lifecycle: true,
    writableWhenSynced: true,
    filter: { eq: a, range: a },
  },
  { name: 'employeeOrgData', kind: 'object', writable: true },
  {
    name: 'employeeType',
    kind: 'string',
    maxLength: 64,
    writable: true,
    filter: { eq: a, startsWith: a, range: a },
  },
  {
    name: 'givenName',
    kind: 'string',
    maxLength: 64,
    writable: true,
    defaultSelected: true,
    filter: { eq: d, startsWith: d, range: d, nullValues: a },
  },
  {
    name: 'jobTitle',
    kind: 'string',
    maxLength: 128,
    writable: true,
    defaultSelected: true,
    filter: { eq: d, startsWith: d, range: d, nullValues: a },
  },
  {
    name: 'mail',
    kind: 'string',
    maxLength: 254,
    writable: true,
    defaultSelected: true,
    filter: { eq: d, startsWith: d, endsWith: a, range: d, nullValues: a },
  },
  {
    name: 'mailNickname',
    kind: 'string',
    maxLength: 64,
    writable: true,
    requiredOnCreate: true,
    filter: { eq: d, startsWith: d, range: d, nullValues: a },
  },
  {
    name: 'mobilePhone',
    kind: 'string',
    maxLength: 64,
    writable: true,
    defaultSelected: true,
    filter: { eq: a, startsWith: a, nullValues: a },
  },
  {
    name: 'officeLocation',
    kind: 'string',
    maxLength: 128,
    writable: true,
    defaultSelected: true,
    filter: { eq: a, startsWith: a, nullValues: a },
  },
  { name: 'onPremisesExtensionAttributes', kind: 'object', writable: true },
  { name: 'onPremisesImmutableId', kind: 'string', maxLength: 256, writable: true, filter: { eq: a } },
  { name: 'onPremisesSyncEnabled', kind: 'boolean', writable: false, filter: { eq: d } },
  { name: 'otherMails', kind: 'strings', writable: true, filter: { eq: d, startsWith: d, endsWith: a } },
  { name: 'passwordProfile', kind: 'object', writable: true, requiredOnCreate: true, writeOnly: true },
  { name: 'postalCode', kind: 'string', maxLength: 40, writable: true, filter: { eq: a, startsWith: a } },
  {
    name: 'preferredLanguage',
    kind: 'string',
    maxLength: 10,
    writable: true,
    defaultSelected: true,
    filter: { eq: a, startsWith: a },
  },
  { name: 'proxyAddresses', kind: 'strings', writable: false, filter: { eq: d, startsWith: d, endsWith: a } },
  {
    name: 'state',
    kind: 'string',
    maxLength: 128,
    writable: true,
    filter: { eq: d, startsWith: d, nullValues: a },
  },
  {
    name: 'streetAddress',
    kind: 'string',
    maxLength: 1024,
    writable: true,
    filter: { eq: a, startsWith: a },
  },
  {
    name: 'surname',
    kind: 'string',
    maxLength: 64,
    writable: true,
    defaultSelected: true,
    filter: { eq: d, startsWith: d, range: d, nullValues: a },
  },
  {
    name: 'usageLocation',
    kind: 'string',
    maxLength: 2,
    writable: true,
    writableWhenSynced: true,
    filter: { eq: d, startsWith: d },
  },
  {
    name: 'userPrincipalName',
    kind: 'string',
    maxLength: 113,
    writable: true,
    requiredOnCreate: true,
    defaultSelected: true,
    filter: { eq: d, startsWith: d, endsWith: a },
  },
  { name: 'userType', kind: 'string', writable: true, filter: { eq: d, nullValues: a } },
];

const BY_LOWER_NAME = new Map(SPECS.map((spec) => [spec.name.toLowerCase(), spec]));

/** Graph matches property names case-insensitively in `$select`, `$filter` and bodies. */
export function userProperty(name: string): PropertySpec | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

export const USER_PROPERTIES: readonly PropertySpec[] = SPECS;

export const DEFAULT_USER_SELECT: readonly string[] = SPECS.filter((s) => s.defaultSelected).map(
  (s) => s.name,
);
