import type { Kysely, Migration } from 'kysely';

/** What hrsync granted an account (groups, licences) and when it disabled it, as JSON; null = nothing. */
export const linkEntitlements: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('links').addColumn('granted', 'text').execute();
  },
};
