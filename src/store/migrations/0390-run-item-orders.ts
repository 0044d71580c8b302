import type { Kysely, Migration } from 'kysely';

/**
 * Any page of "everyone" in a run without sorting everyone first (issue 13): a run's stored items
 * and its list of unchanged persons are merged in each order (name, action, status). The merged
 * places of the stored items — a few bytes per stored item, compressed — are kept per run, written
 * once when the run is recorded (`run-item-orders.ts`), so a page is one index range of rows plus one
 * or two chunks of the unchanged list instead of a merge and sort of 50,000 persons on first view.
 * Runs recorded before have no row and are merged as before.
 */
export const runItemOrders = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<unknown>) {
    const binary = dialect === 'postgres' ? 'bytea' : 'blob';
    await db.schema
      .createTable('run_item_orders')
      .addColumn('run_id', 'text', (c) => c.primaryKey().references('runs.id').onDelete('cascade'))
      .addColumn('data', binary as 'blob', (c) => c.notNull())
      .execute();
  },
});
