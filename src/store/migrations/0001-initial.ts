import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The first schema. Foreign keys cascade from a connection to its runs, items, links and engine state
 * (deleting a connection deletes them), but audit events carry plain ids and names with no foreign
 * key: they must outlive what they describe.
 */
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('customers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('customers_name_unique', ['organisation_id', 'name'])
      .execute();

    await db.schema
      .createTable('tenants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('directory_id', 'text', (c) => c.notNull())
      .addColumn('verified_domains', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text')
      .addColumn('credential', 'text')
      .addColumn('authority_host', 'text', (c) => c.notNull())
      .addColumn('graph_base_url', 'text', (c) => c.notNull())
      .addColumn('subscription_active', 'integer', (c) => c.notNull())
      .addColumn('credential_status', 'text', (c) => c.notNull())
      .addColumn('credential_message', 'text')
      .addColumn('credential_tested_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('tenants_name_unique', ['organisation_id', 'name'])
      .execute();

    await db.schema
      .createTable('secrets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('ciphertext', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('connections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('tenant_id', 'text', (c) => c.references('tenants.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('source_system', 'text', (c) => c.notNull())
      .addColumn('destination_type', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('simulated_config_hash', 'text')
      .addColumn('schedule', 'text')
      .addColumn('next_run_at', 'text')
      .addColumn('last_sync_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('connections_name_unique', ['organisation_id', 'name'])
      .execute();
    await db.schema
      .createIndex('connections_due')
      .on('connections')
      .columns(['state', 'next_run_at'])
      .execute();

    await db.schema
      .createTable('runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('employee_number', 'text')
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('counts', 'text')
      .addColumn('source_count', 'integer')
      .addColumn('config_hash', 'text')
      .addColumn('blocked_reason', 'text')
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('approved_by', 'text')
      .addColumn('approved_reason', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('discarded_by', 'text')
      .addColumn('discarded_reason', 'text')
      .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('progress', 'text')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'text')
      .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('runs_queue').on('runs').columns(['status', 'requested_at']).execute();
    await db.schema
      .createIndex('runs_by_connection')
      .on('runs')
      .columns(['connection_id', 'requested_at'])
      .execute();
    // The database itself refuses a second running run of one connection, whatever a worker believes.
    await db.schema
      .createIndex('runs_one_running_per_connection')
      .unique()
      .on('runs')
      .column('connection_id')
      .where(sql.ref('status'), '=', sql.lit('running'))
      .execute();

    await db.schema
      .createTable('run_items')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('employee_number', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      .addColumn('changes', 'text', (c) => c.notNull())
      .addColumn('steps', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('run_items_pk', ['run_id', 'seq'])
      .execute();

    await db.schema
      .createTable('links')
      .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('employee_number', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('applied', 'text', (c) => c.notNull())
      .addColumn('linked_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('links_pk', ['connection_id', 'employee_number'])
      .execute();

    await db.schema
      .createTable('engine_state')
      .addColumn('connection_id', 'text', (c) =>
        c.primaryKey().references('connections.id').onDelete('cascade'),
      )
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('connection_id', 'text')
      .addColumn('connection_name', 'text')
      .addColumn('tenant_id', 'text')
      .addColumn('run_id', 'text')
      .addColumn('person', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_events_by_time')
      .on('audit_events')
      .columns(['organisation_id', 'at'])
      .execute();
    await db.schema
      .createIndex('audit_events_by_connection')
      .on('audit_events')
      .columns(['connection_id', 'at'])
      .execute();

    await db.schema
      .createTable('hrsync_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};
