import type { Kysely, Migration } from 'kysely';

/**
 * The TOTP second factor of local accounts (issue 10, item 4): per user one authenticator secret
 * (sealed with the secret box, bound to organisation and user), whether it is confirmed yet, and
 * the last time step used so a code is never accepted twice; the hashed one-time recovery codes;
 * how each session was established (password alone, password and a second factor, still waiting
 * for the code, or Microsoft); and the organisation's "admins need a second factor" setting.
 */
export const secondFactor: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('second_factors')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('enabled_at', 'text')
      .addColumn('last_used_step', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('recovery_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();
    await db.schema
      .alterTable('sessions')
      .addColumn('assurance', 'text', (c) => c.notNull().defaultTo('password'))
      .execute();
    await db.schema
      .alterTable('organisations')
      .addColumn('require_admin_second_factor', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
