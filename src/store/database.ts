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
  subscription_active: number;
  credential_status: string;
  credential_message: string | null;
  credential_tested_at: string | null;
  created_at: string;
  updated_at: string;
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

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  tenants: TenantsTable;
  secrets: SecretsTable;
  connections: ConnectionsTable;
  runs: RunsTable;
  run_items: RunItemsTable;
  links: LinksTable;
  engine_state: EngineStateTable;
  audit_events: AuditEventsTable;
  hrsync_meta: MetaTable;
}
