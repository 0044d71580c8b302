import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Runs cost what they change (issue 13):
 * - the tenant cache becomes one row per account (`tenant_accounts`), so an incremental read writes
 *   only the accounts that changed instead of the whole tenant as one JSON value;
 * - run items get the columns the run review filters and sorts on: their place in the name, action
 *   and status orders (computed once, when the run is recorded), the changed attributes and a search
 *   text; each order has its index, so any page of it is an index range, not an OFFSET;
 * - persons with no change are kept per run as one compressed list (`run_person_lists`), shared by
 *   the runs whose lists are identical, instead of one row each.
 */
export const runsCostWhatTheyChange = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<unknown>) {
    const binary = dialect === 'postgres' ? 'bytea' : 'blob';

    await db.schema
      .createTable('tenant_accounts')
      .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('attributes', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('tenant_accounts_pk', ['connection_id', 'account_id'])
      .execute();

    await db.schema
      .createTable('run_person_lists')
      .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('persons', 'integer', (c) => c.notNull())
      .addColumn('data', binary as 'blob', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_person_lists_pk', ['connection_id', 'hash'])
      .execute();

    await db.schema.alterTable('runs').addColumn('unchanged_count', 'integer').execute();
    await db.schema.alterTable('runs').addColumn('unchanged_list', 'text').execute();
    // Counts of the items stored as rows (the run's counts also count the unchanged persons).
    await db.schema.alterTable('runs').addColumn('item_counts', 'text').execute();

    for (const column of ['pos_name', 'pos_action', 'pos_status']) {
      await db.schema
        .alterTable('run_items')
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
    for (const column of ['changed', 'search']) {
      await db.schema
        .alterTable('run_items')
        .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    }
    // Items of earlier runs keep their recorded order in every sort (their changes stay unsearchable).
    await sql`UPDATE run_items SET pos_name = seq, pos_action = seq, pos_status = seq`.execute(db);

    for (const order of ['name', 'action', 'status']) {
      await db.schema
        .createIndex(`run_items_by_${order}`)
        .on('run_items')
        .columns(['run_id', `pos_${order}`])
        .execute();
    }
  },
});
