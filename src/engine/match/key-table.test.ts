import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashOf, KeyTable, prefixHash } from './key-table.ts';

/** What a Map numbering keys in the order first added would say. */
function expected(keys: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const key of keys) if (!map.has(key)) map.set(key, map.size);
  return map;
}

function check(table: KeyTable, keys: readonly string[], absent: readonly string[]): void {
  const want = expected(keys);
  assert.equal(table.size, want.size);
  assert.deepEqual(table.keys, [...want.keys()]);
  for (const [key, entry] of want) {
    assert.equal(table.find(key), entry, key);
    assert.equal(table.has(key), true, key);
  }
  for (const head of ['', '1', '2', 'user', 'ä'])
    for (const from of [0, 1, 2, 7])
      for (const count of [0, 1, 10, 6000]) {
        let oneByOne = 0;
        while (oneByOne < count && want.has(head + String(from + oneByOne))) oneByOne++;
        assert.equal(
          table.heldInRow(head, prefixHash(head), from, count),
          oneByOne,
          `${head} ${from} ${count}`,
        );
      }
  for (const key of [...want.keys(), ...absent]) {
    const entry = table.find(key);
    assert.equal(table.findHashed(key, hashOf(key)), entry, key);
    for (const at of [0, 1, key.length >> 1, key.length]) {
      const head = key.slice(0, at);
      assert.equal(
        table.findJoined(head, prefixHash(head), key.slice(at)),
        entry,
        `${head} + ${key.slice(at)}`,
      );
    }
  }
}

describe('KeyTable', () => {
  test('numbers distinct keys in the order first added, as a Map would, through growth', () => {
    const keys: string[] = [];
    for (let i = 0; i < 5000; i++)
      keys.push(`user${i % 3777}@contoso.nl`, String(i), '', 'Ä', `${i}`.repeat(3));
    const table = new KeyTable(4);
    const want = expected([]);
    for (const key of keys) {
      const size = table.size;
      const entry = table.add(key);
      if (!want.has(key)) {
        want.set(key, want.size);
        assert.equal(entry, size, 'a new key is the next entry');
      } else assert.equal(entry, want.get(key));
    }
    check(table, keys, ['user3777@contoso.nl', 'ä', ' ', '5000', 'USER1@contoso.nl']);
    assert.equal(table.spent, false);
  });

  test('a table made for more keys than it gets lists only its keys, and takes more after they are read', () => {
    const keys = Array.from({ length: 60 }, (_, i) => `id-${i % 50}`);
    const table = new KeyTable(100);
    for (const key of keys) table.add(key);
    check(table, keys, ['id-50']);
    // Past the expected number (and through growth) after the keys were read.
    const more = Array.from({ length: 300 }, (_, i) => `more-${i}`);
    for (const key of more) table.add(key);
    check(table, [...keys, ...more], ['id-50', 'more-300']);
    assert.equal(table.keys.length, 350);
  });

  test('keys that collide on purpose: past the probe budget the table answers from a Map, the same', () => {
    const keys = Array.from({ length: 400 }, (_, i) => `k${i % 300}`);
    const table = new KeyTable(16, () => 7);
    for (const key of keys) table.add(key);
    assert.equal(table.spent, true);
    check(table, keys, ['k300', 'x']);
    table.add('late');
    check(table, [...keys, 'late'], ['k300']);
  });

  test('the hash spreads keys that differ in one character over the low bits', () => {
    const slots = new Set<number>();
    for (let i = 0; i < 1024; i++) slots.add(hashOf(`1${String(i).padStart(5, '0')}`) & 1023);
    assert.ok(slots.size > 550, `${slots.size} of 1024 slots`);
  });
});
