/**
 * What the store hands out: domain records in the product's vocabulary, never rows. Dates are UTC
 * ISO-8601 strings; JSON columns arrive parsed.
 */
import type {
  Action,
  ConnectionState,
  EntitlementRule,
  ItemStatus,
  LifecycleConfig,
  MappingRule,
  PersonsConfig,
  Role,
  RunKind,
  RunStatus,
  ScheduleUnit,
  ScopeConfig,
  SourceConfig,
  TenantType,
  ThresholdsConfig,
  UniquenessConfig,
} from '../core/index.ts';
import { SCHEDULE_UNITS } from '../core/index.ts';

export interface Organisation {
  readonly id: string;
  readonly name: string;
  /** IANA zone for times where no connection applies. */
  readonly timeZone: string;
  readonly createdAt: string;
  /** Admins must have a second factor (TOTP) before anything else works. */
  readonly requireAdminSecondFactor: boolean;
}

/**
 * How a session was established: a password alone, a password and a second factor, a password whose
 * second factor is still awaited (the session is not usable yet), or Microsoft (Entra does the MFA).
 */
export const SESSION_ASSURANCES = [
  'password',
  'second-factor',
  'pending-second-factor',
  'microsoft',
] as const;
export type SessionAssurance = (typeof SESSION_ASSURANCES)[number];

export interface User {
  readonly id: string;
  readonly organisationId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ApiToken {
  readonly id: string;
  readonly organisationId: string;
  readonly createdBy: string;
  readonly name: string;
  readonly role: Role;
  readonly prefix: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly createdByUserId: string | null;
}

export interface Customer {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly createdAt: string;
}

/** Tenant app credentials are held as encrypted secrets; the tenant keeps only their ids. */
export type TenantCredentialRef =
  | { readonly type: 'secret'; readonly secretId: string }
  | { readonly type: 'certificate'; readonly certificateId: string; readonly privateKeyId: string };

/**
 * A hybrid tenant's on-premises Active Directory: controllers tried in order, TLS trust, the bind
 * identity (its password an encrypted secret, by id), where accounts are searched and created.
 */
export interface TenantDirectory {
  readonly urls: readonly string[];
  readonly caCertificate: string | null;
  readonly tlsServerName: string | null;
  readonly bindUser: string;
  readonly bindPasswordSecretId: string | null;
  readonly baseDn: string | null;
  readonly container: string;
  readonly disabledContainer: string | null;
  readonly upnSuffixes: readonly string[];
  readonly mustChangePassword: boolean;
}

export const CREDENTIAL_STATUSES = ['untested', 'valid', 'invalid'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export interface Tenant {
  readonly id: string;
  readonly organisationId: string;
  readonly customerId: string;
  readonly name: string;
  readonly type: TenantType;
  /** The Microsoft 365 directory (tenant) id. */
  readonly directoryId: string;
  readonly verifiedDomains: readonly string[];
  readonly clientId: string | null;
  readonly credential: TenantCredentialRef | null;
  readonly authorityHost: string;
  readonly graphBaseUrl: string;
  /** Hybrid tenants: the directory hrsync writes accounts to. */
  readonly directory: TenantDirectory | null;
  /** Hybrid tenants: the directory is reached through directory agents, which hold the bind password. */
  readonly directoryViaAgents: boolean;
  readonly subscriptionActive: boolean;
  readonly credentialStatus: CredentialStatus;
  readonly credentialMessage: string | null;
  readonly credentialTestedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Step 2's own settings; the tenant identity and credentials come from the tenant. */
export interface DestinationSettings {
  readonly defaultDomain: string;
}

/**
 * The saved configuration sections of a connection, one group per step. Missing sections are steps
 * not saved yet. Secrets appear only as `{ stored: id }` references.
 */
export interface StoredConfig {
  readonly source?: SourceConfig;
  readonly destination?: DestinationSettings;
  readonly mapping?: readonly MappingRule[];
  readonly matching?: readonly string[];
  readonly uniqueness?: UniquenessConfig;
  readonly writeBack?: { readonly email: boolean; readonly upn: boolean };
  /** Absent (undefined) when there are none, so older configurations keep their hash. */
  readonly entitlements?: readonly EntitlementRule[] | undefined;
  readonly scope?: ScopeConfig;
  readonly persons?: PersonsConfig;
  readonly lifecycle?: LifecycleConfig;
  readonly thresholds?: ThresholdsConfig;
  readonly timeZone?: string;
}

export { SCHEDULE_UNITS, type ScheduleUnit };

export interface Schedule {
  /** Local date-time of the first run in the connection's time zone, `YYYY-MM-DDTHH:mm`. */
  readonly start: string;
  readonly every: number;
  readonly unit: ScheduleUnit;
}

export interface Connection {
  readonly id: string;
  readonly organisationId: string;
  readonly tenantId: string | null;
  readonly name: string;
  readonly description: string;
  readonly sourceSystem: 'afas-profit';
  readonly destinationType: TenantType;
  readonly state: ConnectionState;
  /** Number of configuration steps confirmed in order, 0–5. */
  readonly progress: number;
  readonly config: StoredConfig;
  readonly simulatedConfigHash: string | null;
  readonly schedule: Schedule | null;
  readonly nextRunAt: string | null;
  readonly lastSyncAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RunCounts {
  readonly actions: Readonly<Record<Action, number>>;
  readonly statuses: Readonly<Record<ItemStatus, number>>;
  /** Licence pools entitlement rules draw on: free, freed, wanted and short per SKU. */
  readonly licencePools?: readonly {
    readonly skuId: string;
    readonly name: string;
    readonly enabled: number;
    readonly consumed: number;
    readonly freed: number;
    readonly wanted: number;
    readonly short: number;
  }[];
}

export interface RunProgressRecord {
  readonly phase: string;
  readonly done: number;
  readonly total: number | null;
}

export interface Run {
  readonly id: string;
  readonly organisationId: string;
  readonly connectionId: string;
  readonly kind: RunKind;
  readonly status: RunStatus;
  readonly employeeNumber: string | null;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly counts: RunCounts | null;
  readonly sourceCount: number | null;
  readonly configHash: string | null;
  readonly blockedReason: string | null;
  /** `paths`: the configuration paths the error names; null for a run recorded before they were kept. */
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly paths: readonly string[] | null;
  } | null;
  readonly approval: { readonly by: string; readonly reason: string; readonly at: string } | null;
  readonly discard: { readonly by: string; readonly reason: string; readonly at: string } | null;
  readonly cancelRequested: boolean;
  readonly progress: RunProgressRecord | null;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: string | null;
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Persons with no change and nothing to report: counted, and listed on demand from one compact list. */
  readonly unchangedCount: number;
  readonly unchangedList: string | null;
  /** Counts of the items stored one by one (all but the unchanged persons). */
  readonly itemCounts: RunCounts | null;
  /** When retention removed the run's items; its counts stay. */
  readonly itemsPrunedAt: string | null;
}

/** How long an organisation's run items and audit events are kept. */
export interface RetentionSettings {
  /** Items of runs that finished longer ago than this are removed… */
  readonly runItemDays: number;
  /** …except those of each connection's most recent runs. */
  readonly keepRuns: number;
  /** Audit events older than this are removed; null keeps them for ever. */
  readonly auditDays: number | null;
}

export const DEFAULT_RETENTION: RetentionSettings = { runItemDays: 90, keepRuns: 10, auditDays: 730 };

export const ACTOR_TYPES = ['user', 'token', 'system', 'agent'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export interface Actor {
  readonly type: ActorType;
  readonly id: string | null;
  /** Shown in the audit log: the user's e-mail, the token's name, or `scheduler` / `worker`. */
  readonly name: string;
}

export const OUTCOMES = ['success', 'failure', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface AuditEvent {
  readonly id: string;
  readonly organisationId: string;
  readonly at: string;
  readonly actor: Actor;
  readonly action: string;
  readonly outcome: Outcome;
  readonly connectionId: string | null;
  readonly connectionName: string | null;
  readonly tenantId: string | null;
  readonly runId: string | null;
  readonly person: string | null;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Whether an agent's domain controllers answered its last check. */
export interface AgentControllers {
  readonly ok: boolean;
  readonly message: string;
  readonly checkedAt: string;
}

export const AGENT_STATUSES = ['awaiting-registration', 'key-expired', 'registered', 'revoked'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** A directory agent of a hybrid tenant (issue 9): from its one-time key to its revocation. */
export interface Agent {
  readonly id: string;
  readonly organisationId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly keyExpiresAt: string;
  readonly registeredAt: string | null;
  /** The agent's public key as a JWK; null until it registered. */
  readonly publicKey: Readonly<Record<string, string>> | null;
  readonly host: string | null;
  readonly version: string | null;
  readonly revokedAt: string | null;
  readonly connectedSince: string | null;
  readonly lastSeenAt: string | null;
  readonly controllers: AgentControllers | null;
}

export function agentStatus(agent: Agent, now: string): AgentStatus {
  if (agent.revokedAt !== null) return 'revoked';
  if (agent.registeredAt !== null) return 'registered';
  return agent.keyExpiresAt > now ? 'awaiting-registration' : 'key-expired';
}
