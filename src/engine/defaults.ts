/**
 * The default configuration sections for the HelloID v2 GetConnectors → a Microsoft Entra user.
 * `hrsync init` and a new connection in the service start from these, so a new user starts from
 * something that works.
 */
import type {
  ConnectionConfig,
  GraphCredential,
  GraphTargetConfig,
  LifecycleConfig,
  MappingRule,
  PersonsConfig,
  ScopeConfig,
  SecretRef,
  SourceConfig,
  ThresholdsConfig,
  UniquenessConfig,
} from '../core/index.ts';

const surname =
  'DutchSurname([Naamgebruik_code], [Voorvoegsel], [Geboortenaam], [Voorvoegsel_partner], [Geboortenaam_partner])';
const familyForName = 'StripSpaces(Join("", [Voorvoegsel], [Geboortenaam]))';

export const DEFAULT_MAPPING: MappingRule[] = [
  {
    target: 'displayName',
    type: 'expression',
    source:
      'DutchDisplayName([Roepnaam], [Naamgebruik_code], [Voorvoegsel], [Geboortenaam], [Voorvoegsel_partner], [Geboortenaam_partner])',
    apply: 'always',
  },
  { target: 'givenName', type: 'direct', source: 'Roepnaam', apply: 'always' },
  { target: 'surname', type: 'expression', source: surname, apply: 'always' },
  { target: 'mailNickname', type: 'expression', source: '[UniqueName]', apply: 'create' },
  {
    target: 'userPrincipalName',
    type: 'expression',
    source: 'Join("@", [UniqueName], [Domain])',
    apply: 'create',
  },
  { target: 'mail', type: 'expression', source: 'Join("@", [UniqueName], [Domain])', apply: 'create' },
  { target: 'employeeId', type: 'direct', source: 'Medewerker', apply: 'always' },
  {
    target: 'employeeType',
    type: 'expression',
    source: 'Switch([Soort_medewerker_code], "Employee", "I", "Employee", "E", "Contractor", "S", "Intern")',
    apply: 'always',
  },
  { target: 'employeeHireDate', type: 'direct', source: 'HireDateTime', apply: 'always' },
  { target: 'employeeLeaveDateTime', type: 'direct', source: 'EndDateTime', apply: 'always' },
  { target: 'jobTitle', type: 'direct', source: 'Functie_omschrijving', apply: 'always' },
  { target: 'department', type: 'direct', source: 'Organisatorische_eenheid_omschrijving', apply: 'always' },
  { target: 'companyName', type: 'direct', source: 'Werkgever_omschrijving', apply: 'always' },
  { target: 'officeLocation', type: 'direct', source: 'Kostenplaats_omschrijving', apply: 'always' },
  { target: 'usageLocation', type: 'constant', source: 'NL', apply: 'always' },
  { target: 'mobilePhone', type: 'direct', source: 'Mobielnr_werk', apply: 'always' },
  { target: 'businessPhones', type: 'expression', source: 'Split([Telefoonnr_werk], ",")', apply: 'always' },
  {
    target: 'accountEnabled',
    type: 'expression',
    source: 'Switch([Lifecycle], "False", "active", "True", "leaver", "True")',
    apply: 'always',
  },
];

export const DEFAULT_UNIQUENESS: UniquenessConfig = {
  candidates: [
    `Join(".", [Roepnaam], ${familyForName})`,
    `Join(".", [Voorletters], ${familyForName})`,
    `Join(".", Left([Roepnaam], 1), ${familyForName})`,
  ],
  maxSuffix: 99,
};

export const DEFAULT_SCOPE: ScopeConfig = { filters: [], outOfScope: 'disable' };

export const DEFAULT_PERSONS: PersonsConfig = {
  primaryEmployment: ['active-first', 'highest-fte', 'earliest-start', 'lowest-sequence'],
  leadDays: 14,
  graceDays: 0,
  excludeWithoutEmployment: true,
  hireDate: 'continuous',
};

export const DEFAULT_LIFECYCLE: LifecycleConfig = {
  deleteAfterDays: null,
  missingFromSource: 'disable',
  setManager: true,
};

export const DEFAULT_THRESHOLDS: ThresholdsConfig = {
  maxDisableDeleteCount: 100,
  maxDisableDeletePercent: 10,
  maxSourceShrinkPercent: 10,
};

/** Everything but source and target: what steps 3 and 4 start from. */
export const DEFAULT_SECTIONS = {
  timeZone: 'Europe/Amsterdam',
  mapping: DEFAULT_MAPPING,
  matching: ['employeeId'],
  uniqueness: DEFAULT_UNIQUENESS,
  scope: DEFAULT_SCOPE,
  persons: DEFAULT_PERSONS,
  lifecycle: DEFAULT_LIFECYCLE,
  thresholds: DEFAULT_THRESHOLDS,
  writeBack: { email: false, upn: false },
} as const satisfies Omit<ConnectionConfig, 'version' | 'source' | 'target'>;

export const DEFAULT_CONNECTORS = {
  users: 'T4E_HelloID_Users_v2',
  employments: 'T4E_HelloID_Employments_v2',
  organizationalUnits: 'T4E_HelloID_OrganizationalUnits_v2',
} as const;

export interface StarterConfigInput {
  readonly environment: SourceConfig['environment'];
  readonly token: SecretRef;
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: GraphCredential;
  readonly defaultDomain: string;
  readonly authorityHost?: string;
  readonly graphBaseUrl?: string;
  readonly caFile?: string;
}

/** A complete configuration from the few facts a new connection needs, with every default filled in. */
export function starterConfig(input: StarterConfigInput): ConnectionConfig & { target: GraphTargetConfig } {
  return {
    version: 1,
    ...structuredClone(DEFAULT_SECTIONS),
    source: {
      type: 'afas-profit',
      environment: input.environment,
      token: input.token,
      connectors: { ...DEFAULT_CONNECTORS },
      pageSize: 1000,
      parallel: 8,
    },
    target: {
      type: 'entra',
      tenantId: input.tenantId,
      clientId: input.clientId,
      credential: input.credential,
      defaultDomain: input.defaultDomain,
      authorityHost: input.authorityHost ?? 'https://login.microsoftonline.com',
      graphBaseUrl: input.graphBaseUrl ?? 'https://graph.microsoft.com',
      ...(input.caFile ? { caFile: input.caFile } : {}),
      usePasswordProfile: true,
    },
  };
}
