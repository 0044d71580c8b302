/**
 * A bounded fuzz of every OpenAPI operation (issue 10, item 8): each one is called, as an admin
 * with a real id of the right kind and with malformed ids, with malformed bodies (wrong JSON types,
 * every declared field given hostile values of the wrong type and size, deep nesting, unknown
 * fields) and malformed query strings. Not one answer may be a 5xx — on SQLite and PostgreSQL, with
 * strict contracts (an undeclared error code counts as a 500). Deterministic: no randomness, so a
 * failure reproduces. Real service, real store, real engine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { ENDPOINTS, type Endpoint } from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';
import { populate, realParams, request, type World } from './support/world.ts';

const BAD_IDS = ['x', '-1', '9'.repeat(40), '%C3%BC%C3%B1', '..%2F..%2Fetc', '%20'];

const HOSTILE: readonly unknown[] = [
  null,
  '',
  'x'.repeat(20_000),
  -1,
  1e308,
  1e20,
  1.5,
  true,
  [],
  { $ne: null },
  "'; DROP TABLE users; --",
  '((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((',
  '\u202e\ufeff\u0000',
];

function deep(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value, b: [1] };
  return value;
}

function deepArray(levels: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

/** The declared properties of an object schema (first branch of a union). */
function properties(schema: TSchema | undefined): Record<string, TSchema> {
  if (!schema) return {};
  if (schema.properties) return schema.properties as Record<string, TSchema>;
  const branch = (schema.anyOf ?? schema.oneOf) as TSchema[] | undefined;
  return branch ? Object.assign({}, ...branch.map((b) => properties(b))) : {};
}

function bodies(e: Endpoint): unknown[] {
  const out: unknown[] = [null, [], 'text', 42, {}, { unknownField: 1 }, deep(200), deepArray(3000)];
  const props = Object.keys(properties(e.body));
  for (const [i, value] of HOSTILE.entries()) {
    // Every declared field hostile at once, and (for the first few values) one field alone, rotating.
    out.push(Object.fromEntries(props.map((p) => [p, value])));
    const one = props[i % Math.max(props.length, 1)];
    if (one !== undefined && i < 6) out.push({ [one]: value });
  }
  return out;
}

function queries(e: Endpoint): string[] {
  const names = Object.keys(properties(e.query));
  const values = ['x', '-1', '99999999999999999999999', 'a'.repeat(5000)];
  const out = ['?unknown=1', '?page=0&pageSize=-5'];
  for (const name of names) {
    for (const v of values) out.push(`?${name}=${encodeURIComponent(v)}`);
    out.push(`?${name}=1&${name}=2`);
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`fuzz of every OpenAPI operation on ${dialect}`, () => {
    let svc: Service;
    let world: World;
    before(async () => {
      svc = await startService(dialect);
      world = await populate(svc);
    });
    after(async () => svc?.close());

    test('malformed ids, bodies and query strings: 0 answers ≥ 500', async () => {
      const failures: string[] = [];
      let calls = 0;
      // Deletes and sign-out last, so the organisation stays populated for everything else.
      const ordered = [...(ENDPOINTS as readonly Endpoint[])].sort(
        (a, b) =>
          Number(a.method === 'DELETE' || a.operationId === 'signOut') -
          Number(b.method === 'DELETE' || b.operationId === 'signOut'),
      );
      for (const e of ordered) {
        const real = realParams(e, world);
        const names = Object.keys(real);
        const attempts: ReturnType<typeof request>[] = [];
        // Malformed ids in every position.
        for (const bad of BAD_IDS) {
          if (names.length === 0) break;
          attempts.push(
            request(
              e,
              Object.fromEntries(names.map((n) => [n, decodeURIComponent(bad)])),
              world.bearer.admin,
              e.body ? { payload: {} } : {},
            ),
          );
        }
        // A real id (not for deletes: those would empty the organisation), malformed bodies.
        const params = e.method === 'DELETE' ? { ...real, id: 'x' } : real;
        if (e.body !== undefined || e.method !== 'GET') {
          for (const body of bodies(e)) {
            attempts.push(
              request(e, params, world.bearer.admin, {
                payload: JSON.stringify(body),
                headers: {
                  authorization: `Bearer ${world.bearer.admin}`,
                  'content-type': 'application/json',
                },
              }),
            );
          }
          for (const raw of ['{', '{"a":', '\u0000', '[1,2', 'not json']) {
            attempts.push(
              request(e, params, world.bearer.admin, {
                payload: raw,
                headers: {
                  authorization: `Bearer ${world.bearer.admin}`,
                  'content-type': 'application/json',
                },
              }),
            );
          }
        }
        for (const q of queries(e)) {
          const base = request(e, params, world.bearer.admin);
          attempts.push({ ...base, url: `${base.url}${q}` });
        }
        for (const attempt of attempts) {
          calls++;
          const res = await svc.app.inject(attempt);
          if (res.statusCode >= 500) {
            failures.push(
              `${e.operationId} ${attempt.method} ${String(attempt.url).slice(0, 120)} ${String(attempt.payload ?? '').slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
            );
          }
        }
      }
      assert.ok(calls > 1000, `${calls} calls`);
      assert.deepEqual(failures, [], `${failures.length} of ${calls} calls answered ≥ 500`);
    });
  });
}
