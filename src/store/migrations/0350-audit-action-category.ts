import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The audit log's action-prefix filter (`run.` = every run event) as an index range in time order
 * (issue 13): an index on the action's category — the action up to and including its first dot
 * (`run.` for `run.finished`, '' for an action without a dot) — followed by (at, id). A range on the
 * action itself cannot give the time order, so the prefix filter sorted every matching event. An
 * expression index needs no new column, so nothing in the append-only log is rewritten; the
 * repository writes the same expression (`actionCategory` in repositories/audit.ts).
 */
export const auditActionCategory = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<unknown>) {
    if (dialect === 'postgres') {
      await sql`CREATE INDEX audit_events_by_action_category ON audit_events
        (organisation_id, (substr(action, 1, strpos(action, '.'))), at, id)`.execute(db);
    } else {
      await sql`CREATE INDEX audit_events_by_action_category ON audit_events
        (organisation_id, substr(action, 1, instr(action, '.')), at, id)`.execute(db);
    }
  },
});
