import type { Kysely, Migration } from 'kysely';

/**
 * Sign in with Microsoft: per organisation the linked Entra tenant, app registration (its secret
 * sealed, referenced by id) and the mapping of Entra groups or app roles to hrsync roles; and the
 * sign-ins in progress (state, nonce and PKCE verifier between the redirect and the callback).
 */
export const microsoftSignIn: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sign_in_settings')
      .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sign_in_attempts')
      .addColumn('state', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('code_verifier', 'text', (c) => c.notNull())
      .addColumn('redirect_uri', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
