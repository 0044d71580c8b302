import type { Kysely, Migration } from 'kysely';

/**
 * The organisation's own time zone: where no connection applies (the audit log, API tokens, users)
 * the console shows times in it.
 */
export const organisationSettings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('organisations')
      .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Amsterdam'))
      .execute();
  },
};
