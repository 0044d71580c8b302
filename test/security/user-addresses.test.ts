/**
 * Addresses are unique per organisation (issue 10, item 7: the user-create answer does not reveal
 * other organisations' addresses). Migration 0120 on a database that already holds users and
 * sessions keeps every row — SQLite rebuilds the users table — and then accepts the same address in
 * another organisation while still refusing it twice in one. Real SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../../src/api/index.ts';
import { isUniqueViolation, openStore } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { createTestDatabase, DIALECTS } from '../service/support/databases.ts';

for (const dialect of DIALECTS) {
  test(`migration 0120 on ${dialect}: users and sessions survive; one address per organisation`, async () => {
    const database = await createTestDatabase(dialect);
    try {
      const db =
        dialect === 'postgres'
          ? new Kysely<unknown>({
              dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.databaseUrl }) }),
            })
          : new Kysely<unknown>({
              dialect: new SqliteDialect({
                database: (() => {
                  const file = new SQLite(database.sqliteFile!);
                  file.pragma('foreign_keys = ON');
                  return file;
                })(),
              }),
            });
      // The schema as it was before 0120 (every other migration), with data in it.
      const before = Object.fromEntries(
        Object.entries(migrations(dialect)).filter(([name]) => !name.startsWith('0120-')),
      );
      const migrated = await new Migrator({
        db,
        provider: { getMigrations: async () => before },
        allowUnorderedMigrations: true,
      }).migrateToLatest();
      assert.equal(migrated.error, undefined, String(migrated.error));
      const now = new Date().toISOString();
      await sql`INSERT INTO organisations (id, name, created_at) VALUES ('o1', 'One', ${now}), ('o2', 'Two', ${now})`.execute(
        db,
      );
      const hash = await hashPassword(`pw-${randomBytes(8).toString('hex')}`);
      await sql`INSERT INTO users (id, organisation_id, email, name, role, password_hash, disabled, created_at, updated_at)
        VALUES ('u1', 'o1', 'anna@example.test', 'Anna', 'admin', ${hash}, 0, ${now}, ${now})`.execute(db);
      await sql`INSERT INTO sessions (id_hash, user_id, organisation_id, created_at, expires_at)
        VALUES ('s1', 'u1', 'o1', ${now}, '2999-01-01T00:00:00.000Z')`.execute(db);
      await db.destroy();

      const store = await openStore({
        databaseUrl: database.databaseUrl,
        sqliteFile: database.sqliteFile,
        secretKey: randomBytes(32),
      });
      try {
        const user = await store.sessions.findUser('s1');
        assert.equal(user?.email, 'anna@example.test', 'the session and its user survived the migration');
        const again = await store.users.create({
          organisationId: 'o2',
          email: 'Anna@example.test',
          name: 'Anna elsewhere',
          role: 'viewer',
          passwordHash: hash,
        });
        assert.equal(again.organisationId, 'o2');
        assert.equal((await store.users.findForSignIn('anna@example.test')).length, 2);
        await assert.rejects(
          store.users.create({
            organisationId: 'o1',
            email: 'ANNA@example.test',
            name: 'Anna twice',
            role: 'viewer',
            passwordHash: hash,
          }),
          (error) => isUniqueViolation(error),
        );
        // Deleting a user still cascades to its sessions (the rebuilt table is the one referenced).
        await store.db.deleteFrom('users').where('id', '=', 'u1').execute();
        assert.equal(await store.sessions.findUser('s1'), null);
      } finally {
        await store.close();
      }
    } finally {
      await database.dispose();
    }
  });
}
