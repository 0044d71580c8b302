import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Audit-log paging that does not slow down (issue 13): the log is read newest first, (at, id), within
 * one organisation, optionally narrowed by one filter. Each filter the API offers gets an index that
 * ends in (at, id), so a page — first, deep by keyset, or the id-only offset scan — is a range on one
 * index. The actor filter (a substring of the name) cannot use an index and narrows the time index.
 * PostgreSQL indexes the action bytewise (COLLATE "C"), as the repository compares it.
 */
export const auditLogPaging = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('audit_events_by_time').execute();
    await db.schema.dropIndex('audit_events_by_connection').execute();
    const index = (name: string, columns: string[]) =>
      db.schema
        .createIndex(name)
        .on('audit_events')
        .columns(['organisation_id', ...columns, 'at', 'id'])
        .execute();
    await index('audit_events_by_time', []);
    await index('audit_events_by_connection', ['connection_id']);
    await index('audit_events_by_run', ['run_id']);
    await index('audit_events_by_person', ['person']);
    await index('audit_events_by_outcome', ['outcome']);
    await index('audit_events_by_actor', ['actor_id']);
    if (dialect === 'postgres') {
      await sql`CREATE INDEX audit_events_by_action ON audit_events (organisation_id, (action COLLATE "C"), at, id)`.execute(
        db,
      );
    } else {
      await index('audit_events_by_action', ['action']);
    }
  },
});
