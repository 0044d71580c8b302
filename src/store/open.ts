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
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A dropped idle connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (!options.sqliteFile) throw new Error('openStore needs a databaseUrl or a sqliteFile');
  mkdirSync(dirname(options.sqliteFile), { recursive: true });
  const database = new SQLite(options.sqliteFile);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
}

/**
 * Serve's run thread has its own connection to the SQLite file, so two connections write to it. A
 * transaction that reads and then writes must take the write lock when it begins (`BEGIN
 * IMMEDIATE`, which waits out the other writer under busy_timeout): a deferred one that upgrades
 * after the other connection committed fails at once with SQLITE_BUSY, busy_timeout or not.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
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
