import { type Kysely, type Migration, sql } from 'kysely';

/**
 * A run item's place in the name order is its seq (issue 13): runs are written in name order since
 * 0350, so `run_items_by_name` (run_id, pos_name) only repeated the primary key (run_id, seq), and
 * every stored item paid for a fifth index. Runs recorded between 0010 and 0350 were written in the
 * engine's order: their rows are numbered again by their place in the name order (through negative
 * numbers, so no two rows of a run share a seq at any moment), and a page in the name order is a
 * range of the primary key for every run. Nothing else refers to a row by its seq across statements.
 *
 * Rows no longer carry `changed` and `search` (the changed attributes and lower-case values, written
 * for the attribute and value filters): those filters read the run's changes once and match them in
 * the service. The columns stay, empty, for the rows written before.
 */
export const runItemsNameOrderIsSeq: Migration = {
  async up(db: Kysely<unknown>) {
    const out = sql`run_id in (select distinct run_id from run_items where seq <> pos_name)`;
    await sql`update run_items set seq = -1 - pos_name where ${out}`.execute(db);
    await sql`update run_items set seq = -1 - seq where seq < 0`.execute(db);
    await db.schema.dropIndex('run_items_by_name').execute();
  },
};
