import { type Kysely, type Migration, sql } from 'kysely';

/**
 * A run's stored items in blocks (issue 13): each stored item was a row of thirteen columns and four
 * indexes, written ~76 to a statement on PostgreSQL — a 50,000-person simulation's 16,500 changes cost
 * ~740 ms of recording on SQLite and ~1,140 ms on PostgreSQL, where the server's work on the rows
 * competed with the run for the cores. Runs now keep them as blocks of a seq range (name order), one
 * item a line, deflated (run-item-blocks.ts), as their unchanged persons are one list already. What
 * pages and filters need without opening blocks is kept beside the run's orders: the stored items'
 * action and status orders (in the orders' format 6), an index of their employee numbers, names,
 * seqs and ranks (`items`), and the names of those the run's items mention (`item_names`).
 * Runs recorded before keep their rows and are read as before.
 */
export const runItemBlocks = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<unknown>) {
    const binary = (dialect === 'postgres' ? 'bytea' : 'blob') as 'blob';
    await db.schema
      .createTable('run_item_blocks')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('block', 'integer', (c) => c.notNull())
      .addColumn('data', binary, (c) => c.notNull())
      .addPrimaryKeyConstraint('run_item_blocks_pk', ['run_id', 'block'])
      .execute();
    // A block is already compressed: PostgreSQL would try again (pglz) and then move it out of line.
    if (dialect === 'postgres')
      await sql`alter table run_item_blocks alter column data set storage external`.execute(db);
    await db.schema.alterTable('run_item_orders').addColumn('item_names', 'text').execute();
    await db.schema.alterTable('run_item_orders').addColumn('items', binary).execute();
  },
});
