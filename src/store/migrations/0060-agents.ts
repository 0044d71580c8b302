import type { Kysely, Migration } from 'kysely';

/**
 * Directory agents (issue 9): one row per agent of a hybrid tenant, born as a registration (a
 * one-time key, stored as its sha-256) and registered when the agent exchanges the key for its own
 * public key. `agent_operations` is the queue between the runs that need the directory and the
 * agents that reach it: the database, not a process, holds it, so a worker on another machine can
 * hand work to an agent connected to any API process.
 */
export const agents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('agents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('key_expires_at', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'text')
      .addColumn('public_key', 'text')
      .addColumn('host', 'text')
      .addColumn('version', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('connected_since', 'text')
      .addColumn('last_seen_at', 'text')
      .addColumn('controllers', 'text')
      .execute();
    await db.schema.createIndex('agents_tenant').on('agents').columns(['tenant_id']).execute();

    await db.schema
      .createTable('agent_operations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('lost_agents', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('claimed_at', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('result', 'text')
      .execute();
    await db.schema
      .createIndex('agent_operations_queue')
      .on('agent_operations')
      .columns(['tenant_id', 'state', 'created_at'])
      .execute();

    await db.schema
      .createTable('agent_operation_pages')
      .addColumn('operation_id', 'text', (c) =>
        c.notNull().references('agent_operations.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('agent_operation_pages_pk', ['operation_id', 'seq'])
      .execute();
  },
};
