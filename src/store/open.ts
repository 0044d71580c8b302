import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  Migrator,
  PostgresDialect,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import type { Clock } from '../core/index.ts';
import type { DialectName } from './context.ts';
import type { Database } from './database.ts';
import { migrationProvider } from './migrations/index.ts';
import { SecretBox } from './secret-box.ts';
import { Store } from './store.ts';

export const systemClock: Clock = { now: () => new Date().toISOString() };

export interface OpenStoreOptions {
  /** `postgres://…` selects PostgreSQL; otherwise `sqliteFile` is used. */
  readonly databaseUrl?: string | undefined;
  readonly sqliteFile?: string | undefined;
  readonly secretKey: Buffer;
  readonly clock?: Clock;
  readonly poolSize?: number;
  /** Apply pending migrations (default true). Workers may set false and wait for serve to migrate. */
  readonly migrate?: boolean;
}

export function dialectOf(options: Pick<OpenStoreOptions, 'databaseUrl'>): DialectName {
  return options.databaseUrl ? 'postgres' : 'sqlite';
}

function connect(options: OpenStoreOptions): Kysely<Database> {
  if (options.databaseUrl) {
    // Two connections stay open when idle (pg closes idle ones after 10 s): a page of run items or of
    // the audit log sends two statements at once, and opening a connection for the second one cost
    // more than the page (40-75 ms against 2-10 ms on a loaded machine) on the first request after a pause.
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      min: Math.min(2, options.poolSize ?? 10),
    });
    // A dropped idle connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (!options.sqliteFile) throw new Error('openStore needs a databaseUrl or a sqliteFile');
  mkdirSync(dirname(options.sqliteFile), { recursive: true });
  const database = new SQLite(options.sqliteFile);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  // No synchronous waiting for the other connection's write lock: it would stop the thread's event
  // loop (the API's, for the main connection). SQLITE_BUSY is retried asynchronously instead.
  database.pragma('busy_timeout = 0');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
}

/** How long a statement waits for the other connection's write lock before it fails. */
const SQLITE_BUSY_WAIT_MS = 30_000;
const STATEMENT_CACHE = 200;

/**
 * One better-sqlite3 connection for kysely, with two differences from kysely's own: prepared
 * statements are kept (by SQL text) instead of compiled again on every query, and a statement that
 * finds the database locked by the other connection (serve's run thread has its own) waits for it
 * with timers, not with SQLite's busy handler, which sleeps inside the call and so holds the
 * thread's whole event loop — every API request — for as long as the other's transaction lasts.
 * Retrying is safe: SQLITE_BUSY means the statement did nothing. In WAL mode it comes from taking
 * the write lock (`BEGIN IMMEDIATE`, or a write outside a transaction); once a transaction holds
 * the lock its statements do not meet it. SQLITE_BUSY_SNAPSHOT (a deferred transaction upgrading
 * after the other committed) cannot be cured by waiting and is not retried.
 */
class SqliteConnection implements DatabaseConnection {
  readonly #db: SQLite.Database;
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(db: SQLite.Database) {
    this.#db = db;
  }

  #prepare(text: string): SQLite.Statement {
    let stmt = this.#statements.get(text);
    if (stmt === undefined) {
      stmt = this.#db.prepare(text);
      if (this.#statements.size >= STATEMENT_CACHE) {
        this.#statements.delete(this.#statements.keys().next().value as string);
      }
    } else this.#statements.delete(text);
    this.#statements.set(text, stmt);
    return stmt;
  }

  #executeNow<R>(compiled: CompiledQuery): QueryResult<R> {
    const stmt = this.#prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return {
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    };
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    let waited = 0;
    let pause = 1;
    for (;;) {
      try {
        return this.#executeNow<R>(compiled);
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        const busy =
          code === 'SQLITE_BUSY' || (code.startsWith('SQLITE_BUSY_') && code !== 'SQLITE_BUSY_SNAPSHOT');
        if (!busy || waited >= SQLITE_BUSY_WAIT_MS) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
        waited += pause;
        pause = Math.min(pause * 2, 25);
      }
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = this.#db.prepare(compiled.sql);
    for (const row of stmt.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/**
 * Serve's run thread has its own connection to the SQLite file, so two connections write to it. A
 * transaction that reads and then writes must take the write lock when it begins (`BEGIN
 * IMMEDIATE`, which waits out the other writer): a deferred one that upgrades after the other
 * connection committed fails at once with SQLITE_BUSY_SNAPSHOT, however long it would wait.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #connection: SqliteConnection;

  constructor(config: SqliteDialectConfig & { database: SQLite.Database }) {
    super(config);
    this.#connection = new SqliteConnection(config.database);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    // kysely's mutex: one query or transaction at a time on the one connection.
    await super.acquireConnection();
    return this.#connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig & { database: SQLite.Database };
  constructor(config: SqliteDialectConfig & { database: SQLite.Database }) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export function migratorFor(db: Kysely<Database>, dialect: DialectName): Migrator {
  // Parallel lines of work add migrations in their own number ranges; a store that already ran a
  // later-numbered one must still accept an earlier-numbered newcomer.
  return new Migrator({ db, provider: migrationProvider(dialect), allowUnorderedMigrations: true });
}

/** Opens the database, applies migrations and checks that the secret key matches the database's. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const dialect = dialectOf(options);
  const db = connect(options);
  const box = new SecretBox(options.secretKey);
  try {
    if (options.migrate !== false) {
      const { error } = await migratorFor(db, dialect).migrateToLatest();
      if (error) throw new Error(`database migration failed: ${String((error as Error).message ?? error)}`);
    }
    await checkKey(db, box);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new Store({ db, dialect, clock: options.clock ?? systemClock, box }, () => db.destroy());
}

/**
 * The first process to start records the key's fingerprint; any later process with another key is
 * refused at start instead of failing on the first secret it reads.
 */
async function checkKey(db: Kysely<Database>, box: SecretBox): Promise<void> {
  const fingerprint = box.fingerprint();
  await db
    .insertInto('hrsync_meta')
    .values({ key: 'secret_key_fingerprint', value: fingerprint })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('hrsync_meta')
    .select('value')
    .where('key', '=', 'secret_key_fingerprint')
    .executeTakeFirstOrThrow();
  if (row.value !== fingerprint) {
    throw new Error(
      'the secret key does not match the one this database was created with; give every hrsync process the same HRSYNC_SECRET_KEY (or the same data folder key file)',
    );
  }
}

/** For /readyz: the database answers and every known migration has been applied. */
export async function readiness(store: Store): Promise<{ ok: boolean; message: string }> {
  try {
    const migrations = await migratorFor(store.db, store.dialect).getMigrations();
    const pending = migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
    return pending.length === 0
      ? { ok: true, message: `store ${store.dialect} ready, ${migrations.length} migrations applied` }
      : { ok: false, message: `migrations pending: ${pending.join(', ')}` };
  } catch (error) {
    return { ok: false, message: `store unreachable: ${(error as Error).message}` };
  }
}
