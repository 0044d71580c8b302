/**
 * Validation details in words, shared by the console and the CLI (issue 12, item 5): a refusal
 * names the field the administrator sees on the form ("Mapping rule 4 › Source or expression"), not
 * its JSON path (`/mapping/3/source`), and says what is wrong as a sentence, not in Ajv's phrases.
 * The CLI prints the path beside the words, since a configuration file is edited by its paths.
 */

import { keywordWords } from './keyword-words.ts';
import { patternWords } from './pattern-words.ts';

/** The fields of the API's bodies and of a connection configuration, as the console's forms label them. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  thresholds: 'Safety thresholds',
  maxDisableDeleteCount: 'Most disables + deletes per run',
  maxDisableDeletePercent: 'Most disables + deletes (% of accounts)',
  maxSourceShrinkPercent: 'Most the source may shrink (%)',
  lifecycle: 'Lifecycle',
  deleteAfterDays: 'Delete a leaver’s account after (days)',
  missingFromSource: 'When a person disappears from AFAS',
  setManager: 'Set each account’s manager',
  scope: 'Scope',
  outOfScope: 'When a person leaves scope',
  filters: 'Filter',
  clauses: 'clause',
  attribute: 'attribute',
  operator: 'operator',
  value: 'value',
  persons: 'Persons',
  leadDays: 'Lead days',
  graceDays: 'Grace days',
  primary: 'Primary employment rules',
  primaryEmployment: 'Primary employment rules',
  excludeWithoutEmployment: 'Ignore persons without any employment',
  hireDate: 'Hire date',
  timeZone: 'Time zone',
  mapping: 'Mapping rule',
  target: 'Target attribute',
  source: 'Source or expression',
  type: 'Type',
  apply: 'Apply',
  default: 'Default when empty',
  onTooLong: 'If too long',
  matching: 'Matching attribute',
  uniqueness: 'Unique names',
  scheme: 'Naming scheme',
  candidates: 'Unique name candidates',
  maxSuffix: 'Highest number suffix',
  writeBack: 'Write-back to AFAS',
  entitlements: 'Entitlement rule',
  environment: 'AFAS environment',
  number: 'Environment number',
  kind: 'Environment type',
  connectors: 'GetConnectors',
  pageSize: 'Rows per page',
  parallel: 'Parallel calls',
  baseUrl: 'ProfitRestServices URL',
  token: 'App Connector token',
  tenantId: 'Tenant',
  clientId: 'Application (client) ID',
  credential: 'Credential',
  secret: 'Client secret',
  certificate: 'Certificate',
  privateKey: 'Private key',
  defaultDomain: 'Default domain',
  directory: 'Active Directory',
  urls: 'Domain controller URLs',
  bindUser: 'Bind account',
  bindPassword: 'Bind password',
  baseDn: 'Base DN',
  container: 'Container for new accounts',
  disabledContainer: 'Container for disabled accounts',
  upnSuffixes: 'UPN suffixes new accounts may use',
  name: 'Name',
  description: 'Description',
  email: 'E-mail address',
  emails: 'E-mail recipients',
  webhooks: 'Webhook',
  url: 'URL',
  signingKey: 'Signing key',
  smtp: 'Mail server',
  host: 'Host',
  port: 'Port',
  password: 'Password',
  reason: 'Reason',
  role: 'Role',
  expiresAt: 'Expiry',
  employeeNumber: 'Employee number',
  accountId: 'Account',
  start: 'Start',
  every: 'Every',
  unit: 'Unit',
  // The other fields a refusal can name (test/service/keyword-errors.test.ts finds them all), as the
  // console labels them; those without a form (retention, an agent's registration, path and query
  // parameters) as the API describes them.
  action: 'Action',
  activate: 'Save and activate',
  actor: 'Actor',
  auditDays: 'Keep audit events (days)',
  authoritative: 'Authoritative for its groups',
  authorityHost: 'Sign-in endpoint (authority host)',
  caCertificate: 'CA certificate (PEM)',
  changesOnly: 'Only persons with a change',
  claim: 'Kind',
  clientSecret: 'Client secret',
  code: 'Code from the app',
  condition: 'Who',
  connectionId: 'Connection',
  count: 'Number of runs',
  crv: 'Curve (crv)',
  cursor: 'Next-page cursor',
  customerId: 'Customer',
  destinationType: 'Destination tenant type',
  directoryId: 'Directory (tenant) ID',
  disabled: 'Disabled',
  disabledPlanNames: 'Service plans to leave off',
  disabledPlans: 'Service plans to leave off',
  displayName: 'Group name',
  employments: 'Employments GetConnector',
  enabled: 'Sign in with Microsoft',
  events: 'Send a notification when',
  expiresInDays: 'Expires after',
  expression: 'Expression',
  format: 'Format',
  from: 'From',
  grantAt: 'Granted',
  graphBaseUrl: 'Microsoft Graph endpoint',
  groups: 'Group',
  id: 'ID',
  ids: 'Account IDs',
  keepRuns: 'Keep the items of the latest runs',
  key: 'One-time registration key',
  kty: 'Key type (kty)',
  licences: 'Licence',
  limit: 'Most results',
  mappings: 'Role mapping',
  mode: 'Notifications for this connection',
  mustChangePassword: 'New accounts must change their password at the first sign-in',
  order: 'Sort order',
  organizationalUnits: 'Organisational units GetConnector',
  outcome: 'Outcome',
  overrideId: 'Override',
  page: 'Page',
  person: 'Person',
  previewId: 'Preview',
  publicKey: 'Public key',
  q: 'Search',
  removeAfterDays: 'Days after disable before removal',
  requireAdminSecondFactor: 'Require a second factor for administrators',
  runId: 'Run',
  runItemDays: 'Keep run items (days)',
  security: 'Security',
  skuId: 'Licence (SKU ID)',
  skuPartNumber: 'Licence (SKU part number)',
  sort: 'Sort by',
  sourceSystem: 'Source system',
  state: 'State',
  status: 'Status',
  subscriptionActive: 'User Management subscription active',
  tlsServerName: 'TLS server name',
  to: 'To',
  upn: 'UPN',
  users: 'Employees GetConnector',
  username: 'User name',
  verifiedDomains: 'Verified domains',
  version: 'Version',
  viaAgents: 'Reach the domain controllers through agents',
  with: 'Compare with',
  x: 'Public key value (x)',
};

/**
 * One entry of a list whose label is plural ("Domain controller URLs"): `/directory/urls/1` is
 * "Domain controller URL 2", not "Domain controller URLs 2".
 */
const ITEM_WORDS: Readonly<Record<string, string>> = {
  urls: 'Domain controller URL',
  upnSuffixes: 'UPN suffix',
};

/** A field whose label depends on the group it is in (`smtp/from` is the sender, not a date). */
const NESTED_WORDS: Readonly<Record<string, string>> = {
  'smtp/from': 'Sender address',
  'groups/id': 'Group ID',
  'mappings/value': 'Group object ID or app role value',
  'writeBack/email': 'Write the account’s e-mail address to the employee in AFAS',
  'writeBack/upn': 'Write the user principal name to the AFAS user',
};

/**
 * A configuration's top level (a configuration file; the paths a saved step reports as changed),
 * where `source` and `target` are the AFAS side and the destination, not a mapping rule's source and
 * target attribute.
 */
const TOP_WORDS: Readonly<Record<string, string>> = {
  source: 'AFAS source',
  target: 'Destination',
  destination: 'Destination',
  version: 'Configuration version',
};

const word = (part: string, top: boolean, parent: string | undefined): string =>
  (top && Object.hasOwn(TOP_WORDS, part) ? TOP_WORDS[part] : undefined) ??
  (parent !== undefined && Object.hasOwn(NESTED_WORDS, `${parent}/${part}`)
    ? NESTED_WORDS[`${parent}/${part}`]
    : undefined) ??
  (Object.hasOwn(FIELD_WORDS, part) ? FIELD_WORDS[part] : undefined) ??
  part;

/**
 * A field's label, as the form shows it and refusals name it: the console's forms take their labels
 * from here, so the two cannot drift apart ("Domain controller: is required" under a field labelled
 * "Domain controller URLs").
 */
export const fieldLabel = (part: string): string => FIELD_WORDS[part] ?? part;

/** Whether the console has a name for a field (else a refusal would show its JSON name). */
export const hasFieldWords = (part: string): boolean => Object.hasOwn(FIELD_WORDS, part);

/**
 * `/mapping/3/source` → `Mapping rule 4 › Source or expression`: positions count from 1, as the
 * screen does. `topLevel` (a configuration file) names `/source` and `/target` as the AFAS side and
 * the destination.
 */
export function readablePath(path: string, options: { readonly topLevel?: boolean } = {}): string {
  const parts = path.replace(/^\//, '').split('/').filter(Boolean);
  const isIndex = (part: string) => /^\d+$/.test(part);
  return parts
    .map((part, i) =>
      isIndex(part)
        ? String(Number(part) + 1)
        : isIndex(parts[i + 1] ?? '') && Object.hasOwn(ITEM_WORDS, part)
          ? (ITEM_WORDS[part] as string)
          : word(
              part,
              options.topLevel === true && i === 0,
              parts.slice(0, i).findLast((p) => !isIndex(p)),
            ),
    )
    .join(' › ')
    .replace(/ › (\d+)/g, ' $1');
}

/**
 * Ajv's phrases ("must be >= 0", from a service older than keyword-words.ts) read back as the keyword
 * they report, and said in the same words the API now uses.
 */
const AJV: readonly (readonly [RegExp, (m: RegExpExecArray) => string])[] = [
  [/^must be >= (\S+)$/, (m) => keywordWords('minimum', { limit: Number(m[1]) })],
  [/^must be <= (\S+)$/, (m) => keywordWords('maximum', { limit: Number(m[1]) })],
  [/^must be > (\S+)$/, (m) => keywordWords('exclusiveMinimum', { limit: Number(m[1]) })],
  [/^must be < (\S+)$/, (m) => keywordWords('exclusiveMaximum', { limit: Number(m[1]) })],
  [/^must NOT have fewer than (\d+) characters?$/, (m) => keywordWords('minLength', { limit: Number(m[1]) })],
  [/^must NOT have more than (\d+) characters?$/, (m) => keywordWords('maxLength', { limit: Number(m[1]) })],
  [/^must NOT have fewer than (\d+) items?$/, (m) => keywordWords('minItems', { limit: Number(m[1]) })],
  [/^must NOT have more than (\d+) items?$/, (m) => keywordWords('maxItems', { limit: Number(m[1]) })],
  [
    /^must NOT have fewer than (\d+) properties$/,
    (m) => keywordWords('minProperties', { limit: Number(m[1]) }),
  ],
  [/^must have required property '.*'$/, () => keywordWords('required')],
  [/^must NOT have additional properties$/, () => 'has a field hrsync does not know'],
  [
    /^must be (integer|number|string|boolean|array|object|null)$/,
    (m) => keywordWords('type', { type: m[1] }),
  ],
  [/^must be equal to one of the allowed values$/, () => 'is not one of the choices'],
  [/^must NOT have duplicate items .*$/, () => keywordWords('uniqueItems')],
  [/^must match format "(.*)"$/, (m) => keywordWords('format', { format: m[1] })],
  [/^must match pattern "(.*)"$/s, (m) => keywordWords('pattern', { pattern: m[1] })],
];

const ajvWords = (message: string): string => {
  for (const [pattern, words] of AJV) {
    const m = pattern.exec(message);
    if (m) return words(m);
  }
  return message;
};

/**
 * TypeBox's phrases (the configuration check, src/core/config/validate.ts: "expected integer to be
 * greater or equal to 0 (got -1)") the same way; the value it got stays beside the words.
 */
const TYPEBOX: readonly (readonly [RegExp, string | ((match: string, group: string) => string)])[] = [
  [/^expected required property$/i, 'is required'],
  [/^expected union value$/i, 'is not an accepted value'],
  [/^unexpected property$/i, 'is not a setting hrsync knows'],
  [/^expected string to match '(email)' format$/i, 'is not an e-mail address'],
  [/^expected string to match '(uri|url)' format$/i, 'is not a web address'],
  [/^expected string to match '(.*)'$/is, (_: string, pattern: string) => patternWords(pattern)],
  [/^expected string to match .*$/i, 'is not in the form this field takes'],
  // Limits in the same words as the API's (keyword-words.ts).
  [
    /^expected string length greater or equal to (\d+)$/i,
    (_: string, n: string) => keywordWords('minLength', { limit: Number(n) }),
  ],
  [
    /^expected string length less or equal to (\d+)$/i,
    (_: string, n: string) => keywordWords('maxLength', { limit: Number(n) }),
  ],
  [
    /^expected array length to be greater or equal to (\d+)$/i,
    (_: string, n: string) => keywordWords('minItems', { limit: Number(n) }),
  ],
  [
    /^expected array length to be less or equal to (\d+)$/i,
    (_: string, n: string) => keywordWords('maxItems', { limit: Number(n) }),
  ],
  [/^expected array elements to be unique$/i, () => keywordWords('uniqueItems')],
  [
    /^expected (?:integer|number) to be greater or equal to (\S+)$/i,
    (_: string, n: string) => keywordWords('minimum', { limit: Number(n) }),
  ],
  [
    /^expected (?:integer|number) to be less or equal to (\S+)$/i,
    (_: string, n: string) => keywordWords('maximum', { limit: Number(n) }),
  ],
  [
    /^expected (?:integer|number) to be greater than (\S+)$/i,
    (_: string, n: string) => keywordWords('exclusiveMinimum', { limit: Number(n) }),
  ],
  [
    /^expected (?:integer|number) to be less than (\S+)$/i,
    (_: string, n: string) => keywordWords('exclusiveMaximum', { limit: Number(n) }),
  ],
  [
    /^expected (integer|number|string|boolean|array|object) or null$/i,
    (_: string, t: string) => keywordWords('type', { type: [t, 'null'] }),
  ],
  [/^expected integer$/i, 'must be a whole number'],
  [/^expected number$/i, 'must be a number'],
  [/^expected string$/i, 'must be text'],
  [/^expected boolean$/i, 'must be true or false'],
  [/^expected array$/i, 'must be a list'],
  [/^expected object$/i, 'must be a group of settings'],
  [/^expected null$/i, 'must be empty (null)'],
];

function typeboxWords(message: string): string | null {
  const m = /^(.*) \((missing|got .*)\)$/s.exec(message);
  const head = m?.[1] ?? message;
  const rule = TYPEBOX.find(([pattern]) => pattern.test(head));
  if (!rule) return null;
  // Whatever shape was expected, a missing value is simply required.
  if (m?.[2] === 'missing') return 'is required';
  const [pattern, replacement] = rule;
  const words =
    typeof replacement === 'string' ? head.replace(pattern, replacement) : head.replace(pattern, replacement);
  return m?.[2] ? `${words} (it is ${m[2].slice(4)})` : words;
}

/** A validation message, from the API (Ajv) or a configuration check (TypeBox), as a sentence. */
export const readableMessage = (message: string): string => typeboxWords(message) ?? ajvWords(message);

export interface FieldDetail {
  readonly path: string;
  readonly message: string;
}

export interface DetailWordsOptions {
  /** A configuration file's paths (see `readablePath`). */
  readonly topLevel?: boolean;
  /** Adds the raw path beside the words: "… is required (/mapping/3/source)". */
  readonly withPath?: boolean;
}

/** One validation detail as a line: "Mapping rule 4 › Source or expression: is required". */
export function detailWords(detail: FieldDetail, options: DetailWordsOptions = {}): string {
  const where = readablePath(detail.path, options);
  const what = readableMessage(detail.message);
  const line = where ? `${where}: ${what}` : what;
  return options.withPath && detail.path && detail.path !== '/' ? `${line} (${detail.path})` : line;
}

/** Each detail as a line, once: one field a check reports twice ("required", "must be text") reads once. */
export function detailLines(details: readonly FieldDetail[], options: DetailWordsOptions = {}): string[] {
  return [...new Set(details.map((d) => detailWords(d, options)))];
}

/** The service's summaries that list the details again by their JSON paths. */
const SUMMARIES_OF_DETAILS: Readonly<Record<string, RegExp>> = {
  HRS_VALIDATION:
    /^(?:The \w+ is invalid|The tenant's endpoints were refused|The directory settings were refused): /,
  HRS_CONFIG_INVALID: /^Step \d has \d+ problems?: /,
  HRS_PATTERN_UNSAFE: /^\d+ regular expressions? refused: /,
};

/**
 * The service's summary of a refused body repeats the fields by their JSON names ("The body is
 * invalid: /name must …", "Step 4 has 1 problem: /scope/filters/0/… …"); with the details listed
 * in words, this one line introduces them instead.
 */
export function refusalSummary(code: string, message: string, detailCount: number): string {
  const summary = Object.hasOwn(SUMMARIES_OF_DETAILS, code) ? SUMMARIES_OF_DETAILS[code] : undefined;
  if (summary === undefined || detailCount === 0 || !summary.test(message)) return message;
  return detailCount === 1 ? 'This value was not accepted:' : 'These values were not accepted:';
}
