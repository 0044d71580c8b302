import { type Kysely, type Migration, sql } from 'kysely';

/**
 * An e-mail address is unique within an organisation, not across all of them (issue 10): creating
 * a user must not tell an admin that some other organisation already uses the address. Sign-in
 * checks the password against every account with the address (routes/session.ts).
 *
 * PostgreSQL drops the column's unique constraint. SQLite cannot drop a column constraint, so the
 * table is rebuilt from its own stored definition (columns added by any migration are kept), and
 * the rows of tables that reference users (sessions, …) are kept aside, since dropping the old
 * table cascades to them.
 */
export function userEmailPerOrganisation(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') {
        const constraints = await sql<{ conname: string }>`
          SELECT c.conname FROM pg_constraint c
          JOIN pg_class t ON t.oid = c.conrelid
          JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
          WHERE t.relname = 'users' AND c.contype = 'u'
            AND c.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = t.oid AND attname = 'email')]::int2[]`.execute(
          db,
        );
        for (const { conname } of constraints.rows)
          await sql`ALTER TABLE users DROP CONSTRAINT ${sql.id(conname)}`.execute(db);
      } else {
        await rebuildSqliteUsers(db);
      }
      await db.schema
        .createIndex('users_organisation_email')
        .unique()
        .on('users')
        .columns(['organisation_id', 'email'])
        .execute();
      await db.schema.createIndex('users_email').on('users').column('email').execute();
    },
  };
}

async function rebuildSqliteUsers(db: Kysely<unknown>): Promise<void> {
  const table = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'`.execute(db);
  const definition = table.rows[0]?.sql;
  if (!definition) throw new Error('migration 0120: the users table is missing');
  const withoutUnique = definition.replace(/("email"\s+text\s+not\s+null)\s+unique/i, '$1');
  if (withoutUnique === definition) throw new Error('migration 0120: users.email has no unique constraint');
  const indexes = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'users' AND sql IS NOT NULL`.execute(
    db,
  );
  const children = await sql<{ name: string }>`
    SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
    WHERE m.type = 'table' AND f."table" = 'users'`.execute(db);

  for (const { name } of children.rows)
    await sql`CREATE TEMP TABLE ${sql.id(`keep_${name}`)} AS SELECT * FROM ${sql.id(name)}`.execute(db);
  await sql
    .raw(withoutUnique.replace(/^CREATE TABLE\s+"?users"?/i, 'CREATE TABLE "users_rebuilt"'))
    .execute(db);
  await sql`INSERT INTO users_rebuilt SELECT * FROM users`.execute(db);
  await sql`DROP TABLE users`.execute(db);
  await sql`ALTER TABLE users_rebuilt RENAME TO users`.execute(db);
  for (const { sql: create } of indexes.rows) await sql.raw(create).execute(db);
  for (const { name } of children.rows) {
    await sql`DELETE FROM ${sql.id(name)}`.execute(db);
    await sql`INSERT INTO ${sql.id(name)} SELECT * FROM ${sql.id(`keep_${name}`)}`.execute(db);
    await sql`DROP TABLE ${sql.id(`keep_${name}`)}`.execute(db);
  }
}
