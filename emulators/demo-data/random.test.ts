import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random, Weighted } from './random.ts';

const draws = (r: Random, n = 20) => Array.from({ length: n }, () => r.uint32());

test('the same seed and stream give the same sequence; another seed or stream does not', () => {
  assert.deepEqual(draws(new Random(42, 'names')), draws(new Random(42, 'names')));
  assert.notDeepEqual(draws(new Random(42, 'names')), draws(new Random(43, 'names')));
  assert.notDeepEqual(draws(new Random(42, 'names')), draws(new Random(42, 'phones')));
});

test('next() stays in [0, 1) and int() in its inclusive bounds, reaching both ends', () => {
  const r = new Random(1);
  const seen = new Set<number>();
  for (let i = 0; i < 10_000; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    const n = r.int(-2, 2);
    assert.ok(n >= -2 && n <= 2 && Number.isInteger(n));
    seen.add(n);
  }
  assert.deepEqual([...seen].sort(), [-1, -2, 0, 1, 2]);
});

test('chance(0) is never true and chance(1) always', () => {
  const r = new Random(5);
  for (let i = 0; i < 1000; i++) {
    assert.equal(r.chance(0), false);
    assert.equal(r.chance(1), true);
  }
});

test('guid() has the version-4 layout and does not repeat', () => {
  const r = new Random(9);
  const ids = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    const id = r.guid();
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    ids.add(id);
  }
  assert.equal(ids.size, 5000);
});

test('sample() returns distinct members of the pool and leaves the pool alone', () => {
  const pool = Array.from({ length: 50 }, (_, i) => i);
  const picked = new Random(3).sample(pool, 20);
  assert.equal(picked.length, 20);
  assert.equal(new Set(picked).size, 20);
  assert.ok(picked.every((x) => pool.includes(x)));
  assert.deepEqual(
    pool,
    Array.from({ length: 50 }, (_, i) => i),
  );
  assert.equal(new Random(3).sample(pool, 80).length, 50);
});

test('Weighted never picks a zero weight and follows the weights roughly', () => {
  const table = new Weighted<string>([
    ['a', 3],
    ['never', 0],
    ['b', 1],
  ]);
  const r = new Random(11);
  const counts = { a: 0, b: 0, never: 0 } as Record<string, number>;
  for (let i = 0; i < 8000; i++) counts[table.pick(r)]!++;
  assert.equal(counts.never, 0);
  assert.ok(counts.a! > 2.5 * counts.b! && counts.a! < 3.5 * counts.b!, JSON.stringify(counts));
  assert.throws(() => new Weighted([['x', 0]]), /more than zero/);
});
