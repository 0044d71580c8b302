import type { Kysely, Migration } from 'kysely';

/**
 * The audit log's actor filter as an index range in time order (issue 13 item 4): it matches an
 * actor's id or a part of its name, which no index answers directly, so the repository first finds
 * the names that match among the organisation's actors (the stored counts, migration 0410, hold each
 * one) and, when it is one name, pages through this index instead of reading the whole log's time
 * index and dropping the other actors' events.
 */
export const auditActorName: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('audit_events_by_actor_name')
      .on('audit_events')
      .columns(['organisation_id', 'actor_name', 'at', 'id'])
      .execute();
  },
};
