import type { Kysely, Migration } from 'kysely';

/**
 * The configuration paths a failed run's error names (JSON `["/mapping/3/source", …]`), so the
 * console opens the step that holds them instead of guessing it from the message's words. Runs
 * recorded before keep null: their error named no paths the store kept.
 */
export const runErrorPaths: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('runs').addColumn('error_paths', 'text').execute();
  },
};
