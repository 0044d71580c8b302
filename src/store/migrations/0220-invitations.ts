import type { Kysely, Migration } from 'kysely';

/**
 * Invitations: an administrator invites a colleague by e-mail with a role; the link's token is kept
 * only as its SHA-256 (a database leak opens no account) and expires. Accepting creates the user.
 */
export const invitations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('invited_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addColumn('send_count', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('accepted_user_id', 'text')
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema
      .createIndex('invitations_by_organisation')
      .on('invitations')
      .columns(['organisation_id', 'status', 'email'])
      .execute();
  },
};
