import type { Kysely, Migration } from 'kysely';

/**
 * Notification settings: one row for the organisation (scope `organisation`) and one per connection
 * that overrides it (scope = the connection's id). The settings are JSON; secrets in them (webhook
 * URLs and signing keys, the mail server's password) are references to sealed secrets.
 */
export const notifications: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('notification_settings')
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_settings_pk', ['organisation_id', 'scope'])
      .execute();
  },
};
