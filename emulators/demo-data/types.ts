/**
 * The data both emulators serve. `hrsync demo-data` generates it; tests may also build small ones by
 * hand. Kept plain (JSON-serialisable) so a dataset can be written to a file and loaded again.
 */

/** A GetConnector row: keys are field ids. Dates are local dates `YYYY-MM-DD`; the AFAS emulator
 * renders them as `YYYY-MM-DDT00:00:00Z` like Profit does. */
export type AfasRow = Record<string, string | number | boolean | null>;

export type AfasDataType = 'string' | 'int' | 'decimal' | 'date' | 'boolean';

export interface AfasFieldMeta {
  readonly id: string;
  readonly fieldId: string;
  readonly dataType: AfasDataType;
  readonly label: string;
  readonly length: number;
  readonly controlType: number;
  readonly decimals: number;
  readonly decimalsFieldId: string;
}

export interface AfasConnectorData {
  readonly id: string;
  readonly description: string;
  readonly fields: readonly AfasFieldMeta[];
  readonly rows: AfasRow[];
}

export interface AfasDataset {
  /** e.g. "12345" */
  readonly environmentId: string;
  readonly connectors: AfasConnectorData[];
}

/** A user as the Graph emulator stores it: Graph property names, ISO date strings. */
export interface GraphUserRecord {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mailNickname: string;
  accountEnabled: boolean;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  otherMails?: string[];
  proxyAddresses?: string[];
  employeeId?: string | null;
  employeeType?: string | null;
  employeeHireDate?: string | null;
  employeeLeaveDateTime?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  companyName?: string | null;
  officeLocation?: string | null;
  usageLocation?: string | null;
  mobilePhone?: string | null;
  businessPhones?: string[];
  preferredLanguage?: string | null;
  onPremisesSyncEnabled?: boolean | null;
  createdDateTime?: string;
  /** id of the manager user, if any */
  managerId?: string | null;
  /** Licence sku ids assigned */
  assignedLicenses?: { skuId: string; disabledPlans: string[] }[];
  /** 'Member' or 'Guest'; Graph returns it only when selected */
  userType?: string | null;
}

export interface GraphDomainRecord {
  readonly id: string;
  readonly isVerified: boolean;
  readonly isDefault: boolean;
}

export interface GraphGroupRecord {
  readonly id: string;
  readonly displayName: string;
  members: string[];
  readonly description?: string | null;
  /** Security group (true) or Microsoft 365 group (`groupTypes: ['Unified']`); default a security group. */
  readonly securityEnabled?: boolean;
  readonly mailEnabled?: boolean;
  readonly groupTypes?: readonly string[];
  /** Group-based licensing: licences every member gets. */
  readonly assignedLicenses?: readonly {
    readonly skuId: string;
    readonly disabledPlans: readonly string[];
  }[];
}

export interface GraphSkuRecord {
  readonly skuId: string;
  readonly skuPartNumber: string;
  readonly prepaidUnits: { enabled: number };
  consumedUnits: number;
  /** The SKU's service plans; default: the known plans of its part number (see emulators/graph). */
  readonly servicePlans?: readonly { readonly servicePlanId: string; readonly servicePlanName: string }[];
}

/** An activated Microsoft Entra directory role (Graph's `directoryRole`) and the users who hold it. */
export interface GraphDirectoryRoleRecord {
  readonly id: string;
  /** The built-in role's template id, e.g. User Administrator `fe930be7-5e62-47db-91af-98c3a49a38b1`. */
  readonly roleTemplateId: string;
  readonly displayName: string;
  /** User ids. */
  readonly members: readonly string[];
}

export interface TenantDataset {
  readonly tenantId: string;
  readonly displayName: string;
  readonly domains: readonly GraphDomainRecord[];
  readonly users: GraphUserRecord[];
  readonly groups: GraphGroupRecord[];
  readonly subscribedSkus: GraphSkuRecord[];
  /** Administrator roles held by users (absent: nobody holds one). */
  readonly directoryRoles?: readonly GraphDirectoryRoleRecord[];
}

export interface DemoCompany {
  readonly afas: AfasDataset;
  readonly tenant: TenantDataset;
  /** What the generator built on purpose, so tests can find the designed cases (absent in hand-made data). */
  readonly manifest?: DemoManifest;
}

/** How a generated person stands today. */
export type DemoLifecycleKind = 'employee' | 'joiner' | 'future-starter' | 'leaver' | 'rehire';
export type DemoLeaverTiming = 'recent' | 'long-ago' | 'upcoming';

/** Why an account exists in the generated tenant. */
export type DemoAccountKind =
  /** employeeId set to the person's employee number */
  | 'linked'
  /** no employeeId; UPN equals the UPN AFAS holds for the person */
  | 'unlinked-upn'
  /** no employeeId; mail equals the work e-mail AFAS holds for the person */
  | 'unlinked-mail'
  /** a second account with the same employeeId */
  | 'duplicate-employee-id'
  /** a second account whose UPN is the person's mail address (held as mail by the first) */
  | 'duplicate-mail'
  /** not HR-owned; holds the obvious UPN of a joiner */
  | 'upn-taken'
  | 'admin'
  | 'service'
  | 'shared-mailbox'
  | 'guest'
  | 'external';

export interface DemoManifest {
  readonly options: {
    readonly persons: number;
    readonly seed: number;
    readonly today: string;
    readonly domain: string;
    readonly tenantId: string;
    readonly environmentId: string;
  };
  readonly proportions: Readonly<Record<string, number>>;
  readonly counts: {
    readonly persons: number;
    readonly employments: number;
    readonly orgUnits: number;
    readonly lifecycle: Readonly<Record<DemoLifecycleKind, number>>;
    readonly accounts: Readonly<Record<DemoAccountKind, number>>;
    readonly disabledAccounts: number;
  };
  /** Employee numbers per designed case. */
  readonly persons: {
    readonly joiners: string[];
    readonly futureStarters: string[];
    readonly futureStartersWithin14Days: string[];
    readonly leaversRecent: string[];
    readonly leaversLongAgo: string[];
    readonly leaversUpcoming: string[];
    readonly rehires: string[];
    readonly multipleEmployments: string[];
    readonly functionHistory: string[];
    readonly managers: string[];
    readonly partnerNames: string[];
    /** linked enabled accounts whose jobTitle or department lags behind AFAS */
    readonly staleAttributes: string[];
    /** employees working today whose linked account is disabled */
    readonly disabledWhileActive: string[];
    /** leavers whose employment ended but whose account is still enabled */
    readonly leaversStillEnabled: string[];
  };
  /** Account ids per designed case. */
  readonly accounts: {
    readonly unlinkedByUpn: { employeeNumber: string; accountId: string }[];
    readonly unlinkedByMail: { employeeNumber: string; accountId: string }[];
    readonly duplicateEmployeeId: { employeeNumber: string; accountIds: [string, string] }[];
    readonly duplicateMail: { employeeNumber: string; address: string; accountIds: [string, string] }[];
    readonly upnTaken: { employeeNumber: string; userPrincipalName: string; accountId: string }[];
    readonly cloudOnly: string[];
  };
}
