/**
 * Table shapes. Only `src/store/` knows these; repositories turn rows into domain records.
 *
 * Portable column types on purpose: ids and timestamps are text (UTC ISO-8601 with milliseconds, so
 * they sort as strings on both dialects), JSON is text, booleans are integers 0/1. One schema, one set
 * of queries, SQLite and PostgreSQL alike.
 */
export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: string;
  time_zone: string;
  /** 1 = admins must have a second factor before anything else works (migration 0200). */
  require_admin_second_factor: number;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** sha-256 of the cookie value: a stolen database does not yield usable sessions. */
  id_hash: string;
  user_id: string;
  organisation_id: string;
  created_at: string;
  expires_at: string;
  /** How the session was established (migration 0200): see SessionAssurance in records.ts. */
  assurance: string;
}

export interface SecondFactorsTable {
  user_id: string;
  organisation_id: string;
  /** The authenticator secret, sealed with the secret box; never returned after enrolment. */
  secret: string;
  /** null while the enrolment waits for its first code. */
  enabled_at: string | null;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  last_used_step: number;
  created_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  organisation_id: string;
  /** argon2id of the code; the code itself is shown once. */
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  organisation_id: string;
  created_by: string;
  name: string;
  role: string;
  token_hash: string;
  /** First characters of the token, shown in lists so a user can tell tokens apart. */
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  /** The user the token answers to (migration 0020); null = no user, the token does not work. */
  created_by_user_id: string | null;
}

export interface CustomersTable {
  id: string;
  organisation_id: string;
  name: string;
  created_at: string;
}

export interface TenantsTable {
  id: string;
  organisation_id: string;
  customer_id: string;
  name: string;
  type: string;
  directory_id: string;
  verified_domains: string;
  client_id: string | null;
  /** JSON: `{ type: 'secret', secretId }` or `{ type: 'certificate', certificateId, privateKeyId }`. */
  credential: string | null;
  authority_host: string;
  graph_base_url: string;
  /** JSON TenantDirectory (hybrid tenants); the bind password is a secret id inside it. */
  directory: string | null;
  subscription_active: number;
  credential_status: string;
  credential_message: string | null;
  credential_tested_at: string | null;
  created_at: string;
  updated_at: string;
  /** 1: the directory is reached through the tenant's directory agents (issue 9). */
  directory_via_agents: number;
}

export interface SecretsTable {
  id: string;
  organisation_id: string;
  /** `v1.<iv>.<tag>.<ciphertext>`, base64url, AES-256-GCM with the id as associated data. */
  ciphertext: string;
  created_at: string;
}

export interface ConnectionsTable {
  id: string;
  organisation_id: string;
  tenant_id: string | null;
  name: string;
  description: string;
  source_system: string;
  destination_type: string;
  state: string;
  progress: number;
  /** JSON of the saved configuration sections (partial until every step is saved). */
  config: string;
  simulated_config_hash: string | null;
  schedule: string | null;
  next_run_at: string | null;
  last_sync_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RunsTable {
  id: string;
  organisation_id: string;
  connection_id: string;
  kind: string;
  status: string;
  employee_number: string | null;
  requested_by: string;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** JSON `{ actions: {…}, statuses: {…} }`. */
  counts: string | null;
  source_count: number | null;
  config_hash: string | null;
  blocked_reason: string | null;
  error_code: string | null;
  error_message: string | null;
  /** JSON list of the configuration paths the error names; null for runs recorded before 0470. */
  error_paths: string | null;
  approved_by: string | null;
  approved_reason: string | null;
  decided_at: string | null;
  discarded_by: string | null;
  discarded_reason: string | null;
  cancel_requested: number;
  progress: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  attempt: number;
  max_attempts: number;
  /** Persons with no change, kept in `run_person_lists` under `unchanged_list` (the list's hash). */
  unchanged_count: number | null;
  unchanged_list: string | null;
  /** JSON counts (`{ actions, statuses }`) of the items stored as rows, computed once per run. */
  item_counts: string | null;
  /** When retention removed the run's items (the run and its counts stay). */
  items_pruned_at: string | null;
}

export interface RetentionSettingsTable {
  organisation_id: string;
  run_item_days: number;
  keep_runs: number;
  /** null: audit events are kept for ever. */
  audit_days: number | null;
  updated_at: string;
}

export interface AuditPruneTable {
  id: number;
}

export interface RunItemsTable {
  run_id: string;
  seq: number;
  employee_number: string;
  display_name: string;
  action: string;
  status: string;
  account_id: string | null;
  changes: string;
  steps: string;
  error: string | null;
  /**
   * The item's place in the run's name order, and in its action and status orders (each then by
   * name). Computed once when the run is recorded, so any page of any order is an index range. The
   * name order's place is also the seq (0440), whose primary key is that order's index.
   */
  pos_name: number;
  pos_action: number;
  pos_status: number;
  /** Rows written before 0440: `|department|jobTitle|`, the attributes the item changes; now ''. */
  changed: string;
  /** Rows written before 0440: lower-case old and new values; now '' (filters read `changes`). */
  search: string;
}

export interface TenantAccountsTable {
  connection_id: string;
  account_id: string;
  /** JSON of the account's attributes as read. */
  attributes: string;
}

/** A run's merged orders of stored items and unchanged persons (run-item-orders.ts), compressed. */
export interface RunItemOrdersTable {
  run_id: string;
  data: Uint8Array;
  /** JSON `[[employeeNumber, name], …]` of the unchanged persons the run's items mention (0431); null before. */
  unchanged_names: string | null;
  /**
   * The same of the stored items the run's items mention, for a run whose stored items are blocks
   * (0450); null for runs whose stored items are rows.
   */
  item_names: string | null;
  /**
   * The index of a run's stored items in blocks (run-item-blocks.ts): employee number, name, seq and
   * ranks, one a line by employee number, deflated; null for runs whose stored items are rows.
   */
  items: Uint8Array | null;
}

/** A run's stored items of one seq range (name order), one a line, deflated (run-item-blocks.ts, 0450). */
export interface RunItemBlocksTable {
  run_id: string;
  /** Block `b` holds the seqs [b × size, (b + 1) × size); the size is in the run's orders. */
  block: number;
  data: Uint8Array;
}

export interface RunPersonListsTable {
  connection_id: string;
  /** sha-256 of the list: runs with the same unchanged persons share one row. */
  hash: string;
  persons: number;
  /** deflate-compressed JSON (see run-person-list.ts). */
  data: Uint8Array;
  created_at: string;
}

export interface LinksTable {
  connection_id: string;
  employee_number: string;
  account_id: string;
  applied: string;
  linked_at: string;
  updated_at: string;
  /** JSON GrantedEntitlements; null when hrsync granted nothing (migration 0070). */
  granted: string | null;
}

export interface ConnectionOverridesTable {
  id: string;
  connection_id: string;
  /** `link` | `exclude` | `never-match` (core/overrides.ts). */
  kind: string;
  employee_number: string;
  account_id: string | null;
  reason: string | null;
  created_at: string;
  created_by: string;
}

export interface QuarantineTable {
  connection_id: string;
  employee_number: string;
  display_name: string;
  account_id: string | null;
  since: string;
  code: string;
  message: string;
  fingerprint: string;
}

export interface EngineStateTable {
  connection_id: string;
  state: string;
  updated_at: string;
}

export interface AuditEventsTable {
  id: string;
  organisation_id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  outcome: string;
  connection_id: string | null;
  connection_name: string | null;
  tenant_id: string | null;
  run_id: string | null;
  person: string | null;
  message: string;
  details: string;
}

/**
 * How many audit events an organisation has in one hour, day or month (`bucket`: the event time's
 * first `level` characters) for one combination of connection, action, outcome and actor ('' when
 * absent). Kept by triggers as events are written and pruned (migration 0410).
 */
export interface AuditEventCountsTable {
  organisation_id: string;
  level: number;
  bucket: string;
  connection_id: string;
  action: string;
  outcome: string;
  actor_id: string;
  actor_name: string;
  n: number | string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface AgentsTable {
  id: string;
  organisation_id: string;
  tenant_id: string;
  name: string;
  created_by: string;
  created_at: string;
  /** sha-256 of the one-time registration key; the key itself is shown once and never stored. */
  key_hash: string;
  key_expires_at: string;
  registered_at: string | null;
  /** JSON: the agent's public key (JWK, Ed25519). The private half never leaves the agent. */
  public_key: string | null;
  host: string | null;
  version: string | null;
  revoked_at: string | null;
  connected_since: string | null;
  last_seen_at: string | null;
  /** JSON: `{ ok, message, checkedAt }` — whether the agent's domain controllers answer. */
  controllers: string | null;
}

export interface AgentOperationsTable {
  id: string;
  organisation_id: string;
  tenant_id: string;
  kind: string;
  payload: string;
  /** `pending` → `claimed` (by `agent_id`) → `done`; `lost` when the claiming agent fell silent. */
  state: string;
  agent_id: string | null;
  attempts: number;
  /** JSON array of agent ids that fell silent holding this operation. */
  lost_agents: string;
  created_at: string;
  claimed_at: string | null;
  finished_at: string | null;
  result: string | null;
}

/** The `jti` of each agent token the service accepted, kept until the token could no longer be valid. */
export interface AgentSpentTokensTable {
  agent_id: string;
  jti: string;
  valid_until: string;
}

export interface AgentOperationPagesTable {
  operation_id: string;
  seq: number;
  data: string;
}

export interface NotificationSettingsTable {
  organisation_id: string;
  /** `organisation`, or a connection's id for its override. */
  scope: string;
  settings: string;
  updated_at: string;
}

export interface SignInSettingsTable {
  organisation_id: string;
  settings: string;
  updated_at: string;
}

export interface SignInAttemptsTable {
  state: string;
  organisation_id: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  created_at: string;
}

export interface InvitationsTable {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  role: string;
  token_hash: string;
  /** `pending`, `accepted` or `revoked`; an expired one stays `pending` past `expires_at`. */
  status: string;
  invited_by: string;
  created_at: string;
  sent_at: string;
  send_count: number;
  expires_at: string;
  accepted_user_id: string | null;
  finished_at: string | null;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  second_factors: SecondFactorsTable;
  recovery_codes: RecoveryCodesTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  tenants: TenantsTable;
  secrets: SecretsTable;
  connections: ConnectionsTable;
  runs: RunsTable;
  run_items: RunItemsTable;
  links: LinksTable;
  connection_overrides: ConnectionOverridesTable;
  quarantine: QuarantineTable;
  engine_state: EngineStateTable;
  tenant_accounts: TenantAccountsTable;
  retention_settings: RetentionSettingsTable;
  audit_prune: AuditPruneTable;
  run_person_lists: RunPersonListsTable;
  run_item_orders: RunItemOrdersTable;
  run_item_blocks: RunItemBlocksTable;
  audit_events: AuditEventsTable;
  audit_event_counts: AuditEventCountsTable;
  hrsync_meta: MetaTable;
  agents: AgentsTable;
  agent_operations: AgentOperationsTable;
  agent_operation_pages: AgentOperationPagesTable;
  agent_spent_tokens: AgentSpentTokensTable;
  notification_settings: NotificationSettingsTable;
  sign_in_settings: SignInSettingsTable;
  sign_in_attempts: SignInAttemptsTable;
  invitations: InvitationsTable;
}
