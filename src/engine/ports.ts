/**
 * The engine's ports: everything with I/O sits behind these interfaces, so the stages from normalise
 * to guard stay pure. Adapters (src/sources, src/targets) and stores (src/store, the CLI's file store)
 * implement them.
 */
import type {
  Account,
  Attributes,
  LicenceAssignment,
  Link,
  MatchOverride,
  PlannedWrite,
  QuarantineEntry,
  RowReader,
} from '../core/index.ts';

/** Raw GetConnector rows, by role. */
export interface SourceRows {
  readonly users: number;
  readonly employments: number;
  readonly organizationalUnits: number;
}

export interface SourceSnapshot {
  readonly users: readonly Attributes[];
  readonly employments: readonly Attributes[];
  readonly organizationalUnits: readonly Attributes[];
}

export interface SourceProgress {
  readonly connector: string;
  readonly rows: number;
}

export interface Source {
  /** Reads everything, or throws an HrsyncError: a partial read never returns. */
  read(options: {
    signal?: AbortSignal;
    onProgress?: (p: SourceProgress) => void;
    /** Rows per connector the previous read found: a hint that lets pages be read without guessing. */
    expectedRows?: SourceRows;
    /**
     * Makes every users and employments row as its page arrives, keeping only what the run reads
     * (normalise's RowCut; it keeps the key fields); the snapshot holds the rows it made.
     */
    cut?: RowReader;
  }): Promise<SourceSnapshot>;
  /** Reads one employee (on-demand runs). */
  readOne(employeeNumber: string, options: { signal?: AbortSignal }): Promise<SourceSnapshot>;
  /** Writes back generated values (e-mail, UPN) for one employee. */
  writeBack(employeeNumber: string, values: { email?: string; upn?: string }): Promise<void>;
}

/**
 * What a target refuses for one attribute. The planner checks every value it would write against
 * these, so a simulation shows as failed (or shortened) exactly what the sync would have refused.
 */
export interface AttributeLimit {
  /** Longest text the target accepts, in characters (UTF-16 code units, as Graph and AD count). */
  readonly maxLength?: number;
  /** Most values a multi-valued attribute takes (Graph: one business phone). */
  readonly maxValues?: number;
  /** A rule the text must follow; `problem` returns what is wrong in plain words, or null. */
  readonly format?: (value: string) => string | null;
  /** The target refuses to clear it once set (Graph: displayName, mailNickname, userPrincipalName). */
  readonly cannotClear?: boolean;
  /**
   * What a too-long value does unless the mapping says otherwise: `shorten` writes the first
   * `maxLength` characters (a warning shows old → new); `fail` fails the person with the reason.
   * Names default to `fail`, so they are never cut without someone deciding so.
   */
  readonly onTooLong: 'shorten' | 'fail';
}

/** A name unique only within its container (AD's cn within an OU); see plan/scoped-names.ts. */
export interface ScopedUniqueName {
  /** The attribute that must be unique within its container, e.g. cn. */
  readonly attribute: string;
  /** The attribute naming the container, e.g. parentDistinguishedName. */
  readonly within: string;
  /** Used instead when the attribute is empty on a create (AD's writer falls back to displayName). */
  readonly fallback?: string;
  /** A unique attribute whose value tells two namesakes apart, e.g. sAMAccountName. */
  readonly disambiguateWith: string;
  readonly maxLength?: number;
}

export interface TargetCapabilities {
  /** The name the console and messages use for the target ("Microsoft Entra ID", "Active Directory"). */
  readonly displayName?: string;
  /** Per attribute, what the target refuses (lengths, formats, clearing). */
  readonly attributeLimits?: Readonly<Record<string, AttributeLimit>>;
  /** Attributes a create must carry (besides what the writer adds itself, such as a password). */
  readonly requiredOnCreate?: readonly string[];
  /** Writes can be grouped into batches of this size (1 = no batching). */
  readonly batchSize: number;
  readonly softDelete: boolean;
  /** Manager is a reference to another account, set after both exist. */
  readonly managerReference: boolean;
  /** Attributes that must be unique across the target, with the attributes they collide with. */
  readonly uniqueAttributes: Readonly<Record<string, readonly string[]>>;
  /** Names unique only within a container; the planner predicts and resolves clashes. */
  readonly scopedUnique?: readonly ScopedUniqueName[];
  /** Types of non-string attributes (e.g. accountEnabled: boolean, businessPhones: string[]). */
  readonly attributeTypes?: Readonly<Record<string, 'string' | 'boolean' | 'string[]' | 'datetime'>>;
  /** Attributes every read must include besides the mapped ones (e.g. id, accountEnabled). */
  readonly alwaysRead?: readonly string[];
  /** Groups and licences the target can grant (entitlement rules); absent: neither. */
  readonly entitlements?: EntitlementCapabilities;
  /**
   * Accounts another system is the source of authority for (Entra: users synced from on-premises AD),
   * which the target refuses to change but for a few attributes; the planner fails such changes.
   */
  readonly externalOwner?: ExternalOwner;
}

/** How the target marks an account another system owns, and what it still lets hrsync write there. */
export interface ExternalOwner {
  /** The account attribute and the value that mean "owned elsewhere" (Entra: onPremisesSyncEnabled = true). */
  readonly attribute: string;
  readonly value: string | boolean;
  /** The owner in plain words, as in "managed by …": "on-premises Active Directory (directory sync)". */
  readonly name: string;
  /**
   * Attributes the target still writes on such an account (Entra: usageLocation). `accountEnabled`
   * and `manager` count as attributes here; deleting such an account is always refused.
   */
  readonly writable: readonly string[];
}

export interface EntitlementCapabilities {
  /** Group membership can be granted (Entra: group object ids; Active Directory: group DNs). */
  readonly groups: boolean;
  /** The account attribute listing its licences (encoded with `licenceKey`); null: no licences. */
  readonly licenceAttribute: string | null;
  /** An attribute a licence needs set first (Graph refuses a licence without `usageLocation`). */
  readonly licenceRequires: string | null;
}

/** A group an entitlement rule names, as the target holds it now. */
export interface TargetGroup {
  readonly id: string;
  readonly displayName: string;
  /** Member account ids, lower case. */
  readonly members: ReadonlySet<string>;
  /** Licences the group carries (group-based licensing). */
  readonly assignedLicences: readonly LicenceAssignment[];
}

/** A subscribed licence pool. */
export interface TargetSku {
  readonly skuId: string;
  readonly skuPartNumber: string;
  /** Prepaid units that are enabled. */
  readonly enabled: number;
  readonly consumed: number;
  readonly servicePlans: readonly { readonly id: string; readonly name: string }[];
}

export interface EntitlementCatalogue {
  readonly groups: readonly {
    readonly id: string;
    readonly displayName: string;
    /** `security` or `microsoft-365` (a Unified group). */
    readonly kind: 'security' | 'microsoft-365';
    readonly assignedLicences: readonly LicenceAssignment[];
  }[];
  readonly skus: readonly TargetSku[];
}

export interface EntitlementSnapshot {
  /** By lower-case id; a group named by a rule but absent here no longer exists in the target. */
  readonly groups: ReadonlyMap<string, TargetGroup>;
  /** By lower-case SKU id. */
  readonly skus: ReadonlyMap<string, TargetSku>;
}

export interface TargetReadResult {
  readonly accounts: readonly Account[];
  /** Opaque cursor for the next incremental read (Graph delta link), if the target supports one. */
  readonly cursor: string | null;
  /** True when `accounts` only holds changes since the given cursor (removed accounts carry `removed`). */
  readonly incremental: boolean;
  readonly removedIds: readonly string[];
  /**
   * Values held by objects that are not accounts but share a unique attribute with them (a group's
   * or computer's sAMAccountName), per attribute. Always complete, also on an incremental read.
   */
  readonly reserved?: Readonly<Record<string, readonly string[]>>;
  /**
   * Per scoped-unique attribute (AD's cn), the names non-account objects hold in a container (a group
   * "Jan Jansen" in OU=Staff). Always complete, also on an incremental read.
   */
  readonly reservedWithin?: Readonly<Record<string, readonly ScopedReservation[]>>;
  /** Values held without being stored (AD's implicit UPN); see ImpliedName. */
  readonly implied?: readonly ImpliedName[];
  /** The one container the read covers, when it covers only one (AD: the base DN); see ReadWithin. */
  readonly readWithin?: ReadWithin;
}

/**
 * The container a read looked in for accounts (AD: the base DN searched, as set or the domain's from
 * RootDSE). An account placed outside it is never read back: the next run would find its person's
 * link stale and create the account again. So the planner refuses, per person, a create or a move
 * there (plan/placement.ts). Containers are distinguished names, compared per RFC 4514.
 */
export interface ReadWithin {
  /** The account attribute naming its container, e.g. parentDistinguishedName. */
  readonly attribute: string;
  /** The container the read covers, everything below it included. */
  readonly container: string;
  /** Where the target puts a new account whose `attribute` is empty (AD: the configured container). */
  readonly fallback?: string;
  /**
   * The containers within it that accounts can be placed in, each with whether the target lets hrsync
   * create accounts there (AD: OUs and containers below the base DN, with the bind account's
   * allowedChildClassesEffective). Absent: not known, every container within is taken as usable. A
   * container not listed does not exist, so a create or move there would fail in a sync: the planner
   * refuses it per person (plan/placement.ts), so a simulation never promises it.
   */
  readonly containers?: readonly PlacementContainer[];
}

/** A container accounts may be placed in (ReadWithin.containers). */
export interface PlacementContainer {
  readonly container: string;
  /** The target lets hrsync create accounts in it (and so move accounts into it). */
  readonly accountsAllowed: boolean;
}

/** A container a configuration places accounts in, for "test connection" to check. */
export interface PlacementToCheck {
  readonly container: string;
  /** Who places accounts there, in words: `connection “AFAS → AD” (its mapping in step 3)`. */
  readonly placedBy: string;
}

/**
 * A value every holder of another attribute holds implicitly. Windows signs an account in as
 * `sAMAccountName@<its domain's DNS name>` when no account has that as its userPrincipalName, so a
 * new UPN must not take another account's implicit one, nor a new sAMAccountName make an implicit UPN
 * another account holds (Samba refuses both with entryAlreadyExists). Read: a value of `attribute`
 * ending in `suffix` is held by whoever holds the rest of it in `from`.
 */
export interface ImpliedName {
  /** e.g. userPrincipalName */
  readonly attribute: string;
  /** e.g. sAMAccountName */
  readonly from: string;
  /** e.g. `@example.nl`: the domain's DNS name */
  readonly suffix: string;
}

/** A name held in a container by an object that is not an account. */
export interface ScopedReservation {
  /** The container, e.g. OU=Staff,DC=example,DC=nl. */
  readonly within: string;
  readonly value: string;
  /** What holds it, for the reason shown: "a group", "a contact". */
  readonly holder: string;
}

/** Result of applying one planned write. */
export type WriteOutcome =
  | { readonly ok: true; readonly accountId: string | null; readonly applied?: Attributes }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly retryable: boolean;
      /** The create may or may not have happened (timeout, 5xx): re-match before retrying. */
      readonly ambiguous: boolean;
    };

export interface TargetWriteProgress {
  readonly done: number;
  readonly total: number;
}

export interface Target {
  readonly capabilities: TargetCapabilities;
  /** Reads accounts with just the attributes given; with a cursor, only what changed since. */
  readAccounts(options: {
    attributes: readonly string[];
    cursor: string | null;
    signal?: AbortSignal;
  }): Promise<TargetReadResult>;
  /** Finds accounts whose attribute equals the value (re-match before retrying a create). */
  findAccounts(attribute: string, value: string, attributes: readonly string[]): Promise<readonly Account[]>;
  /** Applies writes; returns one outcome per write, in order. Never throws for a per-write failure. */
  apply(
    writes: readonly PlannedWrite[],
    options: { signal?: AbortSignal; onProgress?: (p: TargetWriteProgress) => void },
  ): Promise<readonly WriteOutcome[]>;
  /** Reads the groups entitlement rules name (members, licences) and the licence pools. */
  readEntitlements?(request: {
    groupIds: readonly string[];
    licences: boolean;
    signal?: AbortSignal;
  }): Promise<EntitlementSnapshot>;
  /** Groups (by name) and licence pools an administrator can pick for entitlement rules. */
  entitlementCatalogue?(request: { search: string; signal?: AbortSignal }): Promise<EntitlementCatalogue>;
  /**
   * Checks credentials and permissions; returns a readable result for "test credentials". `containers`:
   * where configurations place accounts besides the target's own settings, checked too (AD).
   */
  test(options?: {
    readonly containers?: readonly PlacementToCheck[];
  }): Promise<{ ok: boolean; message: string; details?: Readonly<Record<string, unknown>> }>;
  /** Releases the target's connections (an LDAP connection, an HTTP pool) after a run. */
  close?(): Promise<void>;
}

/** What a connection remembers between runs. The service backs it with its database. */
export interface EngineStore {
  links(): Promise<readonly Link[]>;
  /** Stored as soon as a create succeeds, before anything else happens (DESIGN.md §4.4). */
  putLink(link: Link): Promise<void>;
  /**
   * Several links at once (matched accounts, updates that succeeded), in one transaction where the
   * store has them. Never used for a create's link: that one is stored alone, at once.
   */
  putLinks?(links: readonly Link[]): Promise<void>;
  removeLink(employeeNumber: string): Promise<void>;
  /** The numbers guards compare with, and the cursor of the tenant cache. */
  getState(): Promise<EngineState>;
  /** The tenant cache: accounts as of `state.targetCursor` (null when nothing is cached). */
  cachedAccounts(): Promise<readonly Account[] | null>;
  /**
   * Saves the state and, with it, what changed in the tenant cache: a full read replaces the cache,
   * an incremental read only upserts the changed accounts and deletes the removed ones — a run that
   * changed nothing writes nothing to the cache.
   */
  setState(state: EngineState, cache?: TenantCacheUpdate): Promise<void>;
  /** The operator's overrides of the match stage (issue 11.5); a store without them has none. */
  overrides?(): Promise<readonly MatchOverride[]>;
  /**
   * Persons the target refused for a reason retrying cannot fix (issue 11.2). Named `read…` so the
   * preview's read-only store wrapper (jobs/analyses.ts) passes it through.
   */
  readQuarantine?(): Promise<readonly QuarantineEntry[]>;
  /** After a sync: quarantines the refused persons and releases the others, in one transaction. */
  updateQuarantine?(change: {
    readonly put: readonly QuarantineEntry[];
    readonly remove: readonly string[];
  }): Promise<void>;
}

export interface EngineState {
  readonly lastSourceCount: number | null;
  readonly targetCursor: string | null;
  /** Which attributes the cached accounts hold; a different selection forces a full read. */
  readonly accountAttributes: readonly string[] | null;
  /** Rows each source connector had at the last full read (read-ahead without guessing). */
  readonly sourceRows?: SourceRows | null;
}

export type TenantCacheUpdate =
  | { readonly kind: 'replace'; readonly accounts: readonly Account[] }
  | {
      readonly kind: 'changes';
      readonly accounts: readonly Account[];
      readonly removedIds: readonly string[];
    };
