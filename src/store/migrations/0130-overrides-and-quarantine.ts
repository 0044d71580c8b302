import type { Kysely, Migration } from 'kysely';

/**
 * Operator overrides of the match stage (link, exclude, never match) and the quarantine of persons
 * the target refused for a reason retrying cannot fix (issue 11, items 5 and 2). Both belong to a
 * connection and go with it.
 */
export const overridesAndQuarantine: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('connection_overrides')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('employee_number', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('connection_overrides_person')
      .on('connection_overrides')
      .columns(['connection_id', 'employee_number'])
      .execute();

    await db.schema
      .createTable('quarantine')
      .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('employee_number', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('quarantine_pk', ['connection_id', 'employee_number'])
      .execute();
  },
};
