import type { Kysely, Migration } from 'kysely';

/**
 * Each signed agent request is let in once: the service remembers the `jti` of every agent token it
 * accepted until that token could no longer be valid, so a captured request (a result, a page, a
 * poll) cannot be sent again inside its validity window. In the database, not in a process: agents
 * reach any API process, and a replay could be sent to another one than the original.
 */
export const agentSpentTokens: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('agent_spent_tokens')
      .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
      .addColumn('jti', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('agent_spent_tokens_pk', ['agent_id', 'jti'])
      .execute();
    await db.schema
      .createIndex('agent_spent_tokens_valid_until')
      .on('agent_spent_tokens')
      .columns(['valid_until'])
      .execute();
  },
};
