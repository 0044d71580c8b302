import { type Kysely, sql } from 'kysely';
import type { Clock } from '../core/index.ts';
import type { EngineStore } from '../engine/ports.ts';
import type { DialectName, RepoContext } from './context.ts';
import type { Database } from './database.ts';
import { AgentOperationRepository } from './repositories/agent-operations.ts';
import { AgentSpentTokenRepository } from './repositories/agent-spent-tokens.ts';
import { AgentRepository } from './repositories/agents.ts';
import { ApiTokenRepository } from './repositories/api-tokens.ts';
import { AuditRepository } from './repositories/audit.ts';
import { ConnectionRepository } from './repositories/connections.ts';
import { CustomerRepository } from './repositories/customers.ts';
import { DatabaseEngineStore } from './repositories/engine-store.ts';
import { InvitationRepository } from './repositories/invitations.ts';
import { MicrosoftSignInRepository } from './repositories/microsoft-sign-in.ts';
import { NotificationSettingsRepository } from './repositories/notification-settings.ts';
import { OrganisationRepository } from './repositories/organisations.ts';
import { OverrideRepository } from './repositories/overrides.ts';
import { RetentionRepository } from './repositories/retention.ts';
import { RunItemRepository } from './repositories/run-items.ts';
import { RunQueue } from './repositories/run-queue.ts';
import { RunRepository } from './repositories/runs.ts';
import { SecondFactorRepository } from './repositories/second-factors.ts';
import { SecretRepository } from './repositories/secrets.ts';
import { SessionRepository } from './repositories/sessions.ts';
import { TenantRepository } from './repositories/tenants.ts';
import { UserRepository } from './repositories/users.ts';
import type { SecretBox } from './secret-box.ts';
import { TenantMemory } from './tenant-memory.ts';

/**
 * The service's one door to its database. A Store is cheap and immutable; `transaction()` hands the
 * callback a Store bound to the transaction, so the same repositories work inside and outside one.
 */
export class Store {
  readonly organisations: OrganisationRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly secondFactors: SecondFactorRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly customers: CustomerRepository;
  readonly tenants: TenantRepository;
  readonly secrets: SecretRepository;
  readonly connections: ConnectionRepository;
  readonly runs: RunRepository;
  readonly runQueue: RunQueue;
  readonly runItems: RunItemRepository;
  readonly audit: AuditRepository;
  readonly retention: RetentionRepository;
  readonly agents: AgentRepository;
  readonly agentOperations: AgentOperationRepository;
  readonly agentSpentTokens: AgentSpentTokenRepository;
  readonly notifications: NotificationSettingsRepository;
  readonly microsoftSignIn: MicrosoftSignInRepository;
  readonly overrides: OverrideRepository;
  readonly invitations: InvitationRepository;
  readonly #ctx: RepoContext;
  readonly #close: () => Promise<void>;

  constructor(ctx: RepoContext, close: () => Promise<void>) {
    this.#ctx = ctx;
    this.#close = close;
    this.organisations = new OrganisationRepository(ctx);
    this.users = new UserRepository(ctx);
    this.sessions = new SessionRepository(ctx);
    this.secondFactors = new SecondFactorRepository(ctx);
    this.apiTokens = new ApiTokenRepository(ctx);
    this.customers = new CustomerRepository(ctx);
    this.tenants = new TenantRepository(ctx);
    this.secrets = new SecretRepository(ctx);
    this.connections = new ConnectionRepository(ctx);
    this.runs = new RunRepository(ctx);
    this.runQueue = new RunQueue(ctx);
    this.runItems = new RunItemRepository(ctx);
    this.audit = new AuditRepository(ctx);
    this.retention = new RetentionRepository(ctx);
    this.agents = new AgentRepository(ctx);
    this.agentOperations = new AgentOperationRepository(ctx);
    this.agentSpentTokens = new AgentSpentTokenRepository(ctx);
    this.notifications = new NotificationSettingsRepository(ctx);
    this.microsoftSignIn = new MicrosoftSignInRepository(ctx);
    this.overrides = new OverrideRepository(ctx);
    this.invitations = new InvitationRepository(ctx);
  }

  get dialect(): DialectName {
    return this.#ctx.dialect;
  }

  get clock(): Clock {
    return this.#ctx.clock;
  }

  /** The raw Kysely instance, for health checks and tests that prove database-level guarantees. */
  get db(): Kysely<Database> {
    return this.#ctx.db;
  }

  engineStore(connectionId: string): EngineStore {
    return new DatabaseEngineStore(this.#ctx, connectionId);
  }

  /** A store whose timestamps come from another clock (tests, and the scheduler's tick time). */
  withClock(clock: Clock): Store {
    return new Store({ ...this.#ctx, clock }, this.#close);
  }

  /**
   * A store that keeps each connection's decoded tenant cache between runs, up to `maxAccounts`
   * accounts in all, and uses a copy only while the database still holds that very cache
   * (tenant-memory.ts). For a process that runs the same connections again and again: a run thread.
   */
  withTenantMemory(maxAccounts: number): Store {
    return new Store({ ...this.#ctx, tenantMemory: new TenantMemory(maxAccounts) }, this.#close);
  }

  /**
   * SQLite: this connection's commits stop checkpointing the write-ahead log; `checkpoint()` does it
   * when the caller has nothing waiting on it. A run's recording writes ~2,000 pages (20,000 persons),
   * past the 1,000 at which a commit copies the log into the database and syncs it: 50–100 ms inside
   * the run's finishing commit on a loaded machine. The run thread checkpoints after each run instead,
   * once the run's result is committed and visible. Other connections keep checkpointing as before.
   */
  async deferCheckpoints(): Promise<void> {
    if (this.dialect === 'sqlite') await sql`pragma wal_autocheckpoint = 0`.execute(this.#ctx.db);
  }

  /** SQLite: copies the write-ahead log into the database as far as no reader needs it (PASSIVE). */
  async checkpoint(): Promise<void> {
    if (this.dialect === 'sqlite') await sql`pragma wal_checkpoint(PASSIVE)`.execute(this.#ctx.db);
  }

  /** Accounts this store's tenant memory holds now (0 without one). */
  get heldTenantAccounts(): number {
    return this.#ctx.tenantMemory?.size ?? 0;
  }

  /** Runs `fn` in one transaction; nested calls join the outer one (SQLite cannot nest). */
  async transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    if (this.#ctx.db.isTransaction) return fn(this);
    return this.#ctx.db.transaction().execute((trx) => fn(new Store({ ...this.#ctx, db: trx }, this.#close)));
  }

  async close(): Promise<void> {
    await this.#close();
  }
}

export type { SecretBox };
