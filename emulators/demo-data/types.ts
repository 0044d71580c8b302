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
}

export interface GraphSkuRecord {
  readonly skuId: string;
  readonly skuPartNumber: string;
  readonly prepaidUnits: { enabled: number };
  consumedUnits: number;
}

export interface TenantDataset {
  readonly tenantId: string;
  readonly displayName: string;
  readonly domains: readonly GraphDomainRecord[];
  readonly users: GraphUserRecord[];
  readonly groups: GraphGroupRecord[];
  readonly subscribedSkus: GraphSkuRecord[];
}

export interface DemoCompany {
  readonly afas: AfasDataset;
  readonly tenant: TenantDataset;
}
