import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The audit log is append-only. The code has no update or delete path for it; these triggers make
 * the database refuse one too, so neither a bug nor a hand-typed statement can rewrite history.
 */
export const appendOnlyAudit = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<unknown>) {
    if (dialect === 'postgres') {
      await sql`
        CREATE FUNCTION hrsync_audit_events_append_only() RETURNS trigger AS $$
        BEGIN
          RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
        END;
        $$ LANGUAGE plpgsql`.execute(db);
      await sql`
        CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION hrsync_audit_events_append_only()`.execute(db);
      return;
    }
    await sql`
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END`.execute(db);
    await sql`
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END`.execute(db);
  },
});
