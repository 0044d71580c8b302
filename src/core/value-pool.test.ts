import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValuePool } from './value-pool.ts';

// Whether a string is shared cannot be seen from JavaScript (the benchmark's memory shows it); what
// can be seen, and must hold, is that pooling never changes a value: per key, past the limit, mixed.
test('a pooled value always equals the value given, per key and past the limit', () => {
  const pool = new ValuePool(3);
  const values = ['Contoso B.V.', 'Delft Centrum', 'Contoso B.V.', '', 'Delft Centrum', 'x', 'y'];
  for (const v of ['Afdeling X', 'Afdeling Y', 'Afdeling Zuid']) values.push(`${v} en Co`, v);
  values.push('Contoso B.V.', 'x');
  for (const key of ['company', 'city']) {
    for (const value of values) assert.equal(pool.share(key, [...value].join('')), value);
  }
  assert.equal(pool.share('company', 'w'), 'w');
});

test('values of up to 10 characters are returned as given, not pooled (JSON.parse shares them)', () => {
  const pool = new ValuePool();
  for (const value of ['', 'I', '100001', '2026-01-01', '2026-01-01', 'Jansen']) {
    assert.equal(pool.share('v', value), value);
  }
  assert.equal(pool.pooled('v'), 0);
  assert.equal(pool.share('v', '2026-01-01T00:00:00Z'), '2026-01-01T00:00:00Z');
  assert.equal(pool.pooled('v'), 1);
});

test('past the limit a key stays pooled while its values repeat, and is given up when they do not', () => {
  const pool = new ValuePool(100);
  // Dates: 300 distinct values drawn at random for 2,000 rows (most of them seen before the limit is
  // reached only once).
  let seed = 1;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed % 300;
  };
  const drawn = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const date = `2026-01-${random()}T00:00:00Z`;
    drawn.add(date);
    assert.equal(pool.share('start', date), date);
  }
  assert.ok(drawn.size > 100);
  assert.equal(pool.pooled('start'), drawn.size);
  // Ids: every value distinct.
  for (let i = 0; i < 900; i++) pool.share('id', `account-id-${i}`);
  assert.equal(pool.pooled('id'), 0);
  assert.equal(pool.share('id', 'account-id-1'), 'account-id-1');
});
