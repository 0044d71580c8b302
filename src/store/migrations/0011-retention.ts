import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Retention (issue 13): per-organisation settings, a mark on runs whose items were pruned, and an
 * audit log that stays append-only for everyone except the pruner. The pruner opens a transaction
 * and, inside it only, says so (PostgreSQL: a transaction-local setting; SQLite: a row in
 * `audit_prune` that no other connection can see before commit and that is gone after it).
 */
export const retention = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('retention_settings')
      .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
      .addColumn('run_item_days', 'integer', (c) => c.notNull())
      .addColumn('keep_runs', 'integer', (c) => c.notNull())
      .addColumn('audit_days', 'integer')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('runs').addColumn('items_pruned_at', 'text').execute();
    await db.schema
      .createIndex('runs_by_finish')
      .on('runs')
      .columns(['organisation_id', 'finished_at'])
      .execute();

    if (dialect === 'postgres') {
      await sql`
        CREATE OR REPLACE FUNCTION hrsync_audit_events_append_only() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND current_setting('hrsync.audit_prune', true) = 'on' THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
        END;
        $$ LANGUAGE plpgsql`.execute(db);
      return;
    }
    await sql`CREATE TABLE audit_prune (id integer PRIMARY KEY)`.execute(db);
    await sql`DROP TRIGGER audit_events_no_delete`.execute(db);
    await sql`
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      WHEN NOT EXISTS (SELECT 1 FROM audit_prune)
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END`.execute(db);
  },
});
