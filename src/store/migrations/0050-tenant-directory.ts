import type { Kysely, Migration } from 'kysely';

/**
 * A hybrid tenant's directory settings (controllers, TLS trust, bind identity, containers, UPN
 * suffixes) as JSON; the bind password is a secret, referenced by id. Null for cloud tenants.
 */
export const tenantDirectory: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tenants').addColumn('directory', 'text').execute();
  },
};
