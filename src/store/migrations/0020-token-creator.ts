import { type Kysely, type Migration, sql } from 'kysely';

/**
 * An API token is bound to the user who created it (issue 10): its rights are capped by that user's
 * role now, and it dies with the user. Existing tokens are bound by their creator's e-mail address;
 * one made by another token has no user to answer for it and stops working.
 */
export const tokenCreator: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('api_tokens').addColumn('created_by_user_id', 'text').execute();
    await sql`
      UPDATE api_tokens SET created_by_user_id = (
        SELECT users.id FROM users
        WHERE users.email = api_tokens.created_by AND users.organisation_id = api_tokens.organisation_id
      )`.execute(db);
    await db.schema
      .createIndex('api_tokens_created_by_user_id')
      .on('api_tokens')
      .column('created_by_user_id')
      .execute();
  },
};
