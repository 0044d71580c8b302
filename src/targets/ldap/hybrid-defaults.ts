/**
 * The default configuration for a hybrid tenant: the HelloID v2 GetConnectors → an Active Directory
 * user, with AD's own attribute names (as Microsoft's Workday-to-AD defaults), and the Dutch
 * sAMAccountName scheme. `hrsync init --directory-url …` and a new connection to a hybrid tenant
 * start from these.
 *
 * One unique name serves sAMAccountName, the UPN's and the mail address's local part, so a person
 * signs in to Windows and Microsoft 365 with the same name. It is at most 20 characters (Windows'
 * sAMAccountName limit): nickname + surname prefix + surname, cut to 20 before any number; then ever
 * shorter parts of the nickname; then numbers (janinevandenboele, janinvandenboele, …,
 * jvandenboele, janinevandenboele2).
 */
import type {
  ConnectionConfig,
  DirectoryTargetConfig,
  MappingRule,
  SecretRef,
  SourceConfig,
  UniquenessConfig,
} from '../../core/index.ts';
import { DEFAULT_CONNECTORS, DEFAULT_SECTIONS } from '../../engine/index.ts';

const surname =
  'DutchSurname([Naamgebruik_code], [Voorvoegsel], [Geboortenaam], [Voorvoegsel_partner], [Geboortenaam_partner])';
const displayName =
  'DutchDisplayName([Roepnaam], [Naamgebruik_code], [Voorvoegsel], [Geboortenaam], [Voorvoegsel_partner], [Geboortenaam_partner])';
const family = 'StripSpaces(Join("", [Voorvoegsel], [Geboortenaam]))';

/** Where an account belongs: the container, or the disabled-accounts container once the person is gone. */
export function placementRule(container: string, disabledContainer?: string): MappingRule {
  const quoted = (dn: string) => `"${dn.replace(/"/g, '\\"')}"`;
  return disabledContainer
    ? {
        target: 'parentDistinguishedName',
        type: 'expression',
        source: `IIF([Lifecycle]="gone", ${quoted(disabledContainer)}, ${quoted(container)})`,
        apply: 'always',
      }
    : { target: 'parentDistinguishedName', type: 'constant', source: container, apply: 'always' };
}

export function hybridMapping(container: string, disabledContainer?: string): MappingRule[] {
  return [
    { target: 'displayName', type: 'expression', source: displayName, apply: 'always' },
    // cn follows the display name: a name change (marriage) renames the account.
    { target: 'cn', type: 'expression', source: displayName, apply: 'always' },
    { target: 'givenName', type: 'direct', source: 'Roepnaam', apply: 'always' },
    { target: 'sn', type: 'expression', source: surname, apply: 'always' },
    { target: 'initials', type: 'expression', source: 'Left([Voorletters], 6)', apply: 'always' },
    { target: 'sAMAccountName', type: 'expression', source: '[UniqueName]', apply: 'create' },
    {
      target: 'userPrincipalName',
      type: 'expression',
      source: 'Join("@", [UniqueName], [Domain])',
      apply: 'create',
    },
    { target: 'mail', type: 'expression', source: 'Join("@", [UniqueName], [Domain])', apply: 'create' },
    { target: 'employeeID', type: 'direct', source: 'Medewerker', apply: 'always' },
    { target: 'employeeNumber', type: 'direct', source: 'Persoonsnummer', apply: 'always' },
    { target: 'title', type: 'direct', source: 'Functie_omschrijving', apply: 'always' },
    {
      target: 'department',
      type: 'direct',
      source: 'Organisatorische_eenheid_omschrijving',
      apply: 'always',
    },
    { target: 'company', type: 'direct', source: 'Werkgever_omschrijving', apply: 'always' },
    {
      target: 'physicalDeliveryOfficeName',
      type: 'direct',
      source: 'Kostenplaats_omschrijving',
      apply: 'always',
    },
    { target: 'telephoneNumber', type: 'direct', source: 'Telefoonnr_werk', apply: 'always' },
    { target: 'mobile', type: 'direct', source: 'Mobielnr_werk', apply: 'always' },
    // The end of the last working day in the connection's time zone; "never" while open-ended.
    { target: 'accountExpires', type: 'direct', source: 'EndDateTime', apply: 'always' },
    placementRule(container, disabledContainer),
    {
      target: 'accountEnabled',
      type: 'expression',
      source: 'Switch([Lifecycle], "False", "active", "True", "leaver", "True")',
      apply: 'always',
    },
  ];
}

export const HYBRID_UNIQUENESS: UniquenessConfig = {
  // The built-in sAMAccountName scheme: nickname + prefix + surname, then ever shorter first-name
  // parts, then numbers, every one cut to 20 before the number is added.
  scheme: 'samaccountname',
  candidates: [`Join("", [Roepnaam], ${family})`, `Join("", Left([Roepnaam], 1), ${family})`],
  maxSuffix: 99,
};

/** The sections steps 3 and 4 start from for a hybrid tenant. */
export function hybridSections(container: string, disabledContainer?: string) {
  return {
    ...structuredClone(DEFAULT_SECTIONS),
    mapping: hybridMapping(container, disabledContainer),
    matching: ['employeeID'],
    uniqueness: structuredClone(HYBRID_UNIQUENESS),
  } satisfies Omit<ConnectionConfig, 'version' | 'source' | 'target'>;
}

export interface HybridStarterInput {
  readonly environment: SourceConfig['environment'];
  readonly token: SecretRef;
  readonly directory: Omit<DirectoryTargetConfig, 'type' | 'upnSuffixes' | 'mustChangePassword'> &
    Partial<Pick<DirectoryTargetConfig, 'upnSuffixes' | 'mustChangePassword'>>;
}

export function hybridStarterConfig(
  input: HybridStarterInput,
): ConnectionConfig & { target: DirectoryTargetConfig } {
  const d = input.directory;
  return {
    version: 1,
    ...hybridSections(d.container, d.disabledContainer),
    source: {
      type: 'afas-profit',
      environment: input.environment,
      token: input.token,
      connectors: { ...DEFAULT_CONNECTORS },
      pageSize: 1000,
      parallel: 8,
    },
    target: {
      ...d,
      type: 'active-directory',
      upnSuffixes: d.upnSuffixes ?? [d.defaultDomain],
      mustChangePassword: d.mustChangePassword ?? true,
    },
  };
}
