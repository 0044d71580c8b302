import { type Kysely, type Migration, sql } from 'kysely';

/** A hybrid tenant's directory is reached directly (0) or through its directory agents (1). */
export const tenantDirectoryViaAgents: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE tenants ADD COLUMN directory_via_agents integer NOT NULL DEFAULT 0`.execute(db);
  },
};
