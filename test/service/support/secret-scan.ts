/**
 * Invariant 6, checked on everything a suite produced: no secret value in any API response (the
 * one-time API-token answer is the only place a token may appear), log line, audit event, or in the
 * database outside the encrypted secrets table.
 */
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Service } from './service.ts';

export async function assertNoSecretsLeaked(svc: Service): Promise<void> {
  assert.ok(svc.secrets.length >= 4, 'the suite must know its secrets');
  assert.ok(svc.responses.length > 0 && svc.logLines.length > 0, 'the scan needs something to scan');
  const audit = await svc.store.db.selectFrom('audit_events').selectAll().execute();
  assert.ok(audit.length > 0);
  const tables = [
    'connections',
    'tenants',
    'runs',
    'run_items',
    'links',
    'engine_state',
    'users',
    'api_tokens',
    'notification_settings',
  ] as const;
  const rows: string[] = [];
  for (const table of tables) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      svc.store.db,
    );
    rows.push(...result.rows.map((r) => JSON.stringify(r)));
  }
  // A run's stored items are deflated blocks (0450): scanned as their text.
  const blocks = await svc.store.db.selectFrom('run_item_blocks').select('data').execute();
  for (const b of blocks) rows.push(inflateRawSync(b.data).toString('utf8'));
  const encrypted = await svc.store.db.selectFrom('secrets').select('ciphertext').execute();
  for (const secret of svc.secrets) {
    for (const response of svc.responses) {
      if (response.operationId === 'createApiToken') continue;
      assert.ok(!response.body.includes(secret), `a ${response.operationId} response contains a secret`);
    }
    for (const line of svc.logLines)
      assert.ok(!line.includes(secret), `a log line contains a secret: ${line.slice(0, 200)}`);
    for (const event of audit)
      assert.ok(!JSON.stringify(event).includes(secret), `audit event ${event.action} contains a secret`);
    for (const row of rows)
      assert.ok(!row.includes(secret), 'a database row outside `secrets` contains a secret');
    for (const row of encrypted) assert.ok(!row.ciphertext.includes(secret), 'a secret is stored in clear');
  }
  // API tokens: only in their one-time creation answer, nowhere else.
  const tokens = svc.responses
    .filter((r) => r.operationId === 'createApiToken')
    .map((r) => (JSON.parse(r.body) as { token?: string }).token)
    .filter((t): t is string => typeof t === 'string');
  for (const token of tokens) {
    for (const line of svc.logLines) assert.ok(!line.includes(token), 'a log line contains an API token');
    for (const event of audit)
      assert.ok(!JSON.stringify(event).includes(token), 'an audit event contains an API token');
    for (const row of rows) assert.ok(!row.includes(token), 'a database row contains an API token');
  }
}
