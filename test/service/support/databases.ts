/**
 * Real databases for the service suites: a temporary SQLite file, and a fresh PostgreSQL database
 * created on the local server (127.0.0.1:5432, trust auth) and dropped afterwards. PostgreSQL being
 * unreachable FAILS the suite with a message; it never skips.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DialectName } from '../../../src/store/index.ts';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  readonly dialect: DialectName;
  readonly databaseUrl: string | undefined;
  readonly sqliteFile: string | undefined;
  readonly dataDir: string;
  dispose(): Promise<void>;
}

const PG_HOST = '127.0.0.1:5432';
const PG_USERS = ['postgres', 'root'];

async function adminClient(): Promise<{ client: pg.Client; user: string }> {
  const failures: string[] = [];
  for (const user of PG_USERS) {
    const client = new pg.Client({ connectionString: `postgres://${user}@${PG_HOST}/test` });
    try {
      await client.connect();
      return { client, user };
    } catch (error) {
      failures.push(`${user}: ${(error as Error).message}`);
      await client.end().catch(() => {});
    }
  }
  throw new Error(
    `PostgreSQL is unreachable at ${PG_HOST} (database "test"; tried ${failures.join('; ')}). ` +
      'The service suites run on SQLite AND PostgreSQL; start PostgreSQL and run again.',
  );
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `hrsync-${dialect}-`));
  if (dialect === 'sqlite') {
    return {
      dialect,
      databaseUrl: undefined,
      sqliteFile: join(dataDir, 'hrsync.sqlite'),
      dataDir,
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const { client, user } = await adminClient();
  const name = `hrsync_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    dialect,
    databaseUrl: `postgres://${user}@${PG_HOST}/${name}`,
    sqliteFile: undefined,
    dataDir,
    dispose: async () => {
      const admin = await adminClient();
      await admin.client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
