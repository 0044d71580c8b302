import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValuePool } from './value-pool.ts';

// Whether a string is shared cannot be seen from JavaScript (the benchmark's memory shows it); what
// can be seen, and must hold, is that pooling never changes a value: per key, past the limit, mixed.
test('a pooled value always equals the value given, per key and past the limit', () => {
  const pool = new ValuePool(3);
  const values = ['Contoso', 'Delft', 'Contoso', '', 'Delft', 'x', 'y', 'z', 'Contoso', 'x'];
  for (const key of ['company', 'city']) {
    for (const value of values) assert.equal(pool.share(key, [...value].join('')), value);
  }
  assert.equal(pool.share('company', 'w'), 'w');
});
