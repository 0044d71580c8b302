/**
 * The connection configuration: what `hrsync init` writes, what `hrsync simulate --config` reads and
 * what the service stores per connection (one step of the five-step flow per top-level section:
 * source, target, mapping + matching + uniqueness, scope + persons + lifecycle + thresholds).
 * Versioned; validated with paths to the bad field (see validate.ts).
 */
import { type Static, Type as T } from '@sinclair/typebox';
import { DIRECTORY_URL_FORM, DIRECTORY_URL_PATTERN, schemePattern } from '../endpoint-policy.ts';
import { entitlementRuleSchema } from './entitlements.ts';

const NonEmpty = (description: string, extra: object = {}) =>
  T.String({ minLength: 1, description, ...extra });

/**
 * A secret is referenced, not inlined, wherever possible: `{ "env": "AFAS_TOKEN" }` or
 * `{ "file": "./afas-token.txt" }`. `{ "value": … }` is accepted for quick tries; the service stores
 * secrets encrypted and refers to them as `{ "stored": "<id>" }`.
 */
export const SecretRef = T.Union(
  [
    T.Object({ env: T.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }) }, { additionalProperties: false }),
    T.Object({ file: NonEmpty('path to a file holding the secret') }, { additionalProperties: false }),
    T.Object(
      { value: NonEmpty('the secret itself (avoid in files you share)') },
      { additionalProperties: false },
    ),
    T.Object(
      { stored: NonEmpty('id of a secret held encrypted by the hrsync service') },
      { additionalProperties: false },
    ),
  ],
  {
    description: 'reference to a secret: {"env": NAME}, {"file": PATH}, {"value": SECRET} or {"stored": ID}',
  },
);
export type SecretRef = Static<typeof SecretRef>;

export const AfasEnvironment = T.Union(
  [
    T.Object(
      {
        number: T.String({
          pattern: '^[0-9]{5,6}$',
          description: 'the AFAS environment number: 5 or 6 digits, e.g. "12345"',
        }),
        kind: T.Union([T.Literal('production'), T.Literal('test'), T.Literal('accept')], {
          default: 'production',
        }),
      },
      { additionalProperties: false },
    ),
    T.Object(
      {
        baseUrl: T.String({
          pattern: schemePattern('https', 'http'),
          description: 'the ProfitRestServices base URL: https://…',
        }),
      },
      { additionalProperties: false },
    ),
  ],
  {
    description:
      '{"number": "12345", "kind": "production", "test" or "accept"} or {"baseUrl": "https://…/ProfitRestServices"}',
  },
);

export const SourceConfig = T.Object(
  {
    type: T.Literal('afas-profit'),
    environment: AfasEnvironment,
    token: SecretRef,
    connectors: T.Object(
      {
        users: NonEmpty('GetConnector with one row per employee', { default: 'T4E_HelloID_Users_v2' }),
        employments: NonEmpty('GetConnector with one row per employment', {
          default: 'T4E_HelloID_Employments_v2',
        }),
        organizationalUnits: NonEmpty('GetConnector with the org-unit tree', {
          default: 'T4E_HelloID_OrganizationalUnits_v2',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    pageSize: T.Integer({ minimum: 1, maximum: 10000, default: 1000 }),
    parallel: T.Integer({
      minimum: 1,
      maximum: 8,
      default: 8,
      description: 'AFAS allows at most 8 parallel calls',
    }),
  },
  { additionalProperties: false },
);
export type SourceConfig = Static<typeof SourceConfig>;

export const GraphCredential = T.Union([
  T.Object({ type: T.Literal('secret'), secret: SecretRef }, { additionalProperties: false }),
  T.Object(
    {
      type: T.Literal('certificate'),
      certificate: SecretRef,
      privateKey: SecretRef,
    },
    { additionalProperties: false, description: 'PEM certificate and PEM private key registered on the app' },
  ),
]);
export type GraphCredential = Static<typeof GraphCredential>;

export const GraphTargetConfig = T.Object(
  {
    type: T.Literal('entra'),
    tenantId: NonEmpty('directory (tenant) id or a verified domain'),
    clientId: NonEmpty('application (client) id of the app registration'),
    credential: GraphCredential,
    defaultDomain: T.String({
      pattern: '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$',
      description: 'a domain name such as contoso.nl: the verified domain for UPNs',
    }),
    authorityHost: T.String({
      pattern: schemePattern('https'),
      default: 'https://login.microsoftonline.com',
      description: 'an https:// URL of the identity platform',
    }),
    graphBaseUrl: T.String({
      pattern: schemePattern('https', 'http'),
      default: 'https://graph.microsoft.com',
      description: 'an https:// URL of Microsoft Graph',
    }),
    /** PEM file of an extra CA to trust (the emulator's test CA). */
    caFile: T.Optional(NonEmpty('PEM file of an extra certificate authority to trust')),
    usePasswordProfile: T.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
export type GraphTargetConfig = Static<typeof GraphTargetConfig>;

/** Checked per RFC 4514 by validate.ts (core/distinguished-name.ts), which names the bad RDN. */
const DistinguishedName = (description: string) => T.String({ description });

/**
 * How long the configuration's other lists may be: far more than any connection needs (a target has
 * fewer attributes than `mapping` rules allowed; hrsync numbers a name itself after its candidates),
 * and a bound on what a save validates and on the regular expressions it proves safe. The console
 * offers no more (its Add buttons are disabled at the limit).
 */
export const LIST_LIMITS = Object.freeze({ mapping: 200, candidates: 20, matching: 10, upnSuffixes: 100 });

/**
 * A hybrid tenant's on-premises Active Directory, written over LDAPS (or LDAP with StartTLS).
 * Controllers are tried in order; the first that answers is used.
 */
export const DirectoryTargetConfig = T.Object(
  {
    type: T.Literal('active-directory'),
    urls: T.Array(
      T.String({
        pattern: DIRECTORY_URL_PATTERN,
        description: DIRECTORY_URL_FORM,
      }),
      {
        minItems: 1,
        maxItems: 10,
        description: 'domain controller URLs, tried in order',
      },
    ),
    /** PEM of the certificate authority that signed the controllers' certificates. */
    caCertificate: T.Optional(NonEmpty('PEM of the CA to trust for the controllers')),
    /** PEM file of the CA (the CLI's configuration files). */
    caFile: T.Optional(NonEmpty('PEM file of the CA to trust for the controllers')),
    tlsServerName: T.Optional(
      NonEmpty('name on the controllers’ certificate, when the URL is an IP address'),
    ),
    bindUser: NonEmpty('bind identity: UPN (svc-hrsync@example.nl), DOMAIN\\user or a DN'),
    bindPassword: SecretRef,
    baseDn: T.Optional(DistinguishedName('where accounts are searched; default: the domain (from RootDSE)')),
    container: DistinguishedName('container (OU) for new accounts without a parentDistinguishedName'),
    disabledContainer: T.Optional(DistinguishedName('container leavers are moved to (optional)')),
    upnSuffixes: T.Array(T.String({ pattern: '^[A-Za-z0-9.-]+$' }), {
      default: [],
      maxItems: LIST_LIMITS.upnSuffixes,
      description: 'UPN suffixes new accounts may use',
    }),
    defaultDomain: T.String({
      pattern: '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$',
      description:
        'a domain name such as contoso.nl: the UPN suffix for new accounts ([Domain] in expressions)',
    }),
    mustChangePassword: T.Boolean({ default: true, description: 'pwdLastSet 0 on new accounts' }),
  },
  { additionalProperties: false },
);
export type DirectoryTargetConfig = Static<typeof DirectoryTargetConfig>;

export const TargetConfig = T.Union([GraphTargetConfig, DirectoryTargetConfig]);
export type TargetConfig = Static<typeof TargetConfig>;

export const MappingRule = T.Object(
  {
    target: NonEmpty('target attribute, e.g. displayName'),
    type: T.Union([T.Literal('direct'), T.Literal('constant'), T.Literal('expression'), T.Literal('none')]),
    /** direct: source attribute id; constant: the value; expression: the expression text. */
    source: T.Optional(T.String()),
    apply: T.Union([T.Literal('always'), T.Literal('create')], { default: 'always' }),
    default: T.Optional(T.Union([T.String(), T.Null()])),
    /**
     * A value longer than the target allows: `shorten` writes what fits (shown as a warning with
     * old → new), `fail` fails the person with the reason. Unset: the target's default for the
     * attribute (names fail, descriptive texts such as jobTitle are shortened).
     */
    onTooLong: T.Optional(T.Union([T.Literal('shorten'), T.Literal('fail')])),
  },
  { additionalProperties: false },
);
export type MappingRule = Static<typeof MappingRule>;

/**
 * Built-in naming schemes for `[UniqueName]`, so nobody has to write dozens of candidates by hand
 * (engine/plan/naming-schemes.ts generates them):
 * - `first.last`: roepnaam.surname, initials.surname, r.surname, then roepnaam.surname2, 3, …
 * - `growing-first-name` (HelloID's default): roepnaam.surname, r.surname, ro.surname, roe.surname, …,
 *   then roepnaam.surname2, 3, …
 * - `initials.last`: initials.surname, roepnaam.surname, then initials.surname2, 3, …
 * - `samaccountname`: roepnaam + surname without dots, cut to 20 characters, then ever shorter parts
 *   of the first name, then numbers within the 20 characters (for Active Directory's sAMAccountName).
 * The surname is the prefix and birth name (`van den Boele` → `vandenboele`).
 */
export const NAMING_SCHEMES = [
  'first.last',
  'growing-first-name',
  'initials.last',
  'samaccountname',
] as const;
export type NamingScheme = (typeof NAMING_SCHEMES)[number];

/**
 * Unique names: a built-in `scheme`, or (without one) the candidates: expressions giving the local
 * part (before @) in order of preference; the first one that, after cleaning, makes every mapping
 * that uses `[UniqueName]` free in the tenant and in this run wins. A candidate that is a `Join` with
 * an empty part (no initials) is skipped, never collapsed. After the candidates, the first candidate
 * gets a number suffix 2, 3, … up to `maxSuffix`.
 */
export const UniquenessConfig = T.Object(
  {
    scheme: T.Optional(
      T.Union(
        NAMING_SCHEMES.map((s) => T.Literal(s)),
        { description: 'a built-in naming scheme; when set, `candidates` are not used' },
      ),
    ),
    candidates: T.Array(T.String({ minLength: 1 }), { minItems: 1, maxItems: LIST_LIMITS.candidates }),
    maxSuffix: T.Integer({ minimum: 0, maximum: 999, default: 99 }),
  },
  { additionalProperties: false },
);
export type UniquenessConfig = Static<typeof UniquenessConfig>;

export const SCOPE_OPERATORS = [
  'EQUALS',
  'NOT_EQUALS',
  'IS_NULL',
  'IS_NOT_NULL',
  'IS_TRUE',
  'IS_FALSE',
  'REGEX_MATCH',
  'NOT_REGEX_MATCH',
  'INCLUDES',
  'STARTS_WITH',
  'ENDS_WITH',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUALS',
  'LESS_THAN',
] as const;
export type ScopeOperator = (typeof SCOPE_OPERATORS)[number];

export const ScopeClause = T.Object(
  {
    attribute: NonEmpty('person attribute id'),
    operator: T.Union(SCOPE_OPERATORS.map((o) => T.Literal(o))),
    value: T.Optional(T.String()),
  },
  { additionalProperties: false },
);

/**
 * How many scoping filters a connection may have, and clauses a filter: far more than anyone writes,
 * and a bound on the patterns a save checks (30,000 filters took 5 s of checks). The console offers
 * no more (FilterBuilder).
 */
export const SCOPE_LIMITS = Object.freeze({ filters: 100, clauses: 50 });

export const ScopeConfig = T.Object(
  {
    /** Clauses inside one filter are AND-ed; filters are OR-ed (as Entra scoping filters). Empty = everyone. */
    filters: T.Array(
      T.Object(
        { clauses: T.Array(ScopeClause, { minItems: 1, maxItems: SCOPE_LIMITS.clauses }) },
        { additionalProperties: false },
      ),
      {
        default: [],
        maxItems: SCOPE_LIMITS.filters,
      },
    ),
    /** What happens to a linked account whose person leaves scope. */
    outOfScope: T.Union([T.Literal('none'), T.Literal('disable'), T.Literal('delete')], {
      default: 'disable',
    }),
  },
  { additionalProperties: false },
);
export type ScopeConfig = Static<typeof ScopeConfig>;

export const PRIMARY_CRITERIA = [
  'active-first',
  'highest-fte',
  'earliest-start',
  'latest-start',
  'lowest-sequence',
  'highest-sequence',
  'latest-end',
] as const;
export type PrimaryCriterion = (typeof PRIMARY_CRITERIA)[number];

export const PersonsConfig = T.Object(
  {
    primaryEmployment: T.Array(T.Union(PRIMARY_CRITERIA.map((c) => T.Literal(c))), {
      minItems: 1,
      default: ['active-first', 'highest-fte', 'earliest-start', 'lowest-sequence'],
    }),
    leadDays: T.Integer({
      minimum: 0,
      maximum: 365,
      default: 14,
      description: 'days before start an account exists',
    }),
    graceDays: T.Integer({
      minimum: 0,
      maximum: 365,
      default: 0,
      description: 'days after end the person counts as a leaver',
    }),
    excludeWithoutEmployment: T.Boolean({ default: true }),
    /**
     * What `HireDate` (and the default employeeHireDate mapping) means: `continuous` — the first start
     * of the uninterrupted run of employments the primary one belongs to (contracts that touch or
     * overlap count as one); `primary-start` — the primary employment's start; `first-start` — the
     * earliest start of any employment.
     */
    hireDate: T.Optional(
      T.Union([T.Literal('continuous'), T.Literal('primary-start'), T.Literal('first-start')], {
        default: 'continuous',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PersonsConfig = Static<typeof PersonsConfig>;

export const LifecycleConfig = T.Object(
  {
    /**
     * Whether an account is enabled is the `accountEnabled` mapping (default: enabled while the person
     * is active or within the grace days; pre-hires get a disabled account). These settings decide when
     * accounts are created and deleted.
     */
    /** Delete a leaver's account N days after the end date; null = never (the default). */
    deleteAfterDays: T.Union([T.Integer({ minimum: 0, maximum: 3650 }), T.Null()], { default: null }),
    /** Linked accounts whose person no longer appears in AFAS at all. */
    missingFromSource: T.Union([T.Literal('none'), T.Literal('disable')], { default: 'disable' }),
    setManager: T.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
export type LifecycleConfig = Static<typeof LifecycleConfig>;

export const ThresholdsConfig = T.Object(
  {
    /** Disables + deletes in one run; over either limit the run is blocked. null = no limit. */
    maxDisableDeleteCount: T.Union([T.Integer({ minimum: 0 }), T.Null()], { default: 100 }),
    maxDisableDeletePercent: T.Union([T.Number({ minimum: 0, maximum: 100 }), T.Null()], { default: 10 }),
    /** The source may shrink at most this % of persons since the last successful run. */
    maxSourceShrinkPercent: T.Union([T.Number({ minimum: 0, maximum: 100 }), T.Null()], { default: 10 }),
  },
  { additionalProperties: false },
);
export type ThresholdsConfig = Static<typeof ThresholdsConfig>;

export const WriteBackConfig = T.Object(
  {
    email: T.Boolean({ default: false, description: 'write the account mail to AFAS (KnEmployee EmAd)' }),
    upn: T.Boolean({ default: false, description: 'write the UPN to the AFAS user (KnUser Upn)' }),
  },
  { additionalProperties: false },
);

/** Groups and licences from rules (see entitlements.ts); absent = none. */
export const EntitlementRule = entitlementRuleSchema(ScopeClause);
export type EntitlementRule = Static<typeof EntitlementRule>;

export const ConnectionConfig = T.Object(
  {
    version: T.Literal(1),
    timeZone: T.String({ default: 'Europe/Amsterdam', description: 'IANA time zone of the connection' }),
    source: SourceConfig,
    target: TargetConfig,
    mapping: T.Array(MappingRule, { minItems: 1, maxItems: LIST_LIMITS.mapping }),
    matching: T.Array(NonEmpty('target attribute'), {
      minItems: 1,
      maxItems: LIST_LIMITS.matching,
      default: ['employeeId'],
    }),
    uniqueness: UniquenessConfig,
    scope: ScopeConfig,
    persons: PersonsConfig,
    lifecycle: LifecycleConfig,
    thresholds: ThresholdsConfig,
    writeBack: WriteBackConfig,
    entitlements: T.Optional(T.Array(EntitlementRule, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type ConnectionConfig = Static<typeof ConnectionConfig>;
