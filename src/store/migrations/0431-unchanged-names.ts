import type { Kysely, Migration } from 'kysely';

/**
 * The names of the unchanged persons a run's items mention (issue 12 item 5, issue 13 item 4): a
 * page names the managers it shows, and in a first simulation they have no link yet, so they are
 * named from the run itself. Those in the run's stored items are found by index (0430); those in its
 * list of unchanged persons were found by decoding the whole list (25–30 ms for 20,000 persons on a
 * page's first request). The run now keeps them beside its orders, as JSON written once when the
 * run is recorded: `[[employeeNumber, name], …]`. Runs recorded before have null and are read as before.
 */
export const unchangedNames: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('run_item_orders').addColumn('unchanged_names', 'text').execute();
  },
};
