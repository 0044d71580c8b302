/**
 * No request can stall the service through the API's own input patterns. Validation reports every
 * problem of a request at once (Ajv's allErrors), so a field's pattern is tried even on a value far
 * over the field's maxLength: a pattern that backtracks polynomially runs on the whole value a
 * 2 MiB body can carry. Every pattern of every endpoint's path, query and body schema is analysed
 * with recheck (the analyser that judges users' own patterns, pattern-check.ts) and must be linear;
 * then the one that was not — sync one person's employee number — is sent its attack string over
 * the API, as an operator could, on SQLite and PostgreSQL, and refused in words.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { check } from 'recheck';
import { ENDPOINTS, type Endpoint, syncPerson } from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { configuredConnection } from '../service/support/fixtures.ts';
import { type Service, startService } from '../service/support/service.ts';

// biome-ignore lint/suspicious/noExplicitAny: schemas are walked as plain JSON Schema
function patternsOf(schema: any, found: Set<string>): Set<string> {
  if (schema === null || typeof schema !== 'object') return found;
  if (typeof schema.pattern === 'string') found.add(schema.pattern);
  for (const value of Object.values(schema)) patternsOf(value, found);
  return found;
}

test('every pattern the API validates requests with runs in linear time (recheck)', async () => {
  const where = new Map<string, string[]>();
  for (const e of ENDPOINTS as readonly Endpoint[]) {
    for (const part of ['params', 'query', 'body'] as const) {
      for (const p of patternsOf(e[part], new Set()))
        where.set(p, [...(where.get(p) ?? []), `${e.operationId} ${part}`]);
    }
  }
  assert.ok(where.size >= 15, `found ${where.size} patterns`);
  const slow: string[] = [];
  for (const [pattern, users] of where) {
    // Ajv compiles schema patterns with the u flag.
    const result = await check(pattern, 'u', { timeout: 10_000 });
    if (result.status !== 'safe')
      slow.push(
        `${JSON.stringify(pattern)} (${users.join(', ')}): ${result.status}${result.status === 'vulnerable' ? ` ${result.complexity.type}` : ''}`,
      );
  }
  assert.deepEqual(slow, []);
});

for (const dialect of DIALECTS) {
  describe(`an input pattern's attack string over the API on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    // What the refusal says. The old quadratic pattern answered the same, after holding the event
    // loop (and every organisation's requests) about a minute for this value, 25 minutes for a
    // 2 MiB body; the analysis above is what tells the two apart, not a clock.
    test('sync one person with a 400,000-character employee number: a 400 naming the field twice', async () => {
      const { id } = await configuredConnection(svc, 4);
      const refused = await svc.call(syncPerson, {
        as: 'operator',
        params: { id },
        body: { employeeNumber: `${'1'.repeat(400_000)};` },
      });
      assert.equal(refused.status, 400, refused.text.slice(0, 300));
      assert.equal(refused.body.error.code, 'HRS_VALIDATION');
      assert.deepEqual(
        refused.body.error.details.map((d: { path: string }) => d.path),
        ['/employeeNumber', '/employeeNumber'],
      );
      assert.match(refused.body.error.message, /longer than the 50 characters/);
      assert.match(refused.body.error.message, /may not hold a comma or a semicolon/);
    });
  });
}
