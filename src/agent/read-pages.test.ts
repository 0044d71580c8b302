import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Account } from '../core/index.ts';
import { READ_PAGE_SIZE } from '../targets/remote/index.ts';
import { readPages } from './read-pages.ts';

const account = (i: number, extra = 0): Account => ({
  id: `guid-${i}`,
  attributes: {
    cn: `Visser, Anna ${i}`,
    parentDistinguishedName: 'OU=Staff,DC=zuid,DC=local',
    description: 'x'.repeat(extra),
  },
});

const bodyBytes = (seq: number, data: unknown) => Buffer.byteLength(JSON.stringify({ seq, data }));

test('pages fit the announced size exactly as the body is sent, in order, every account once', () => {
  const accounts = Array.from({ length: 40 }, (_, i) => account(i, (i * 37) % 300));
  for (const limit of [1024, 2000, 4096]) {
    const split = readPages(accounts, limit);
    assert.ok(split.ok);
    assert.deepEqual(split.pages.flat(), accounts);
    for (const [seq, page] of split.pages.entries()) {
      assert.ok(bodyBytes(seq, page) <= limit, `page ${seq}: ${bodyBytes(seq, page)} > ${limit}`);
      // Full: the next account would not have fitted.
      const next = split.pages[seq + 1]?.[0];
      if (next) assert.ok(bodyBytes(seq, [...page, next]) > limit, `page ${seq} could hold one more`);
    }
  }
});

test('without an announced size, pages of READ_PAGE_SIZE accounts', () => {
  const split = readPages(
    Array.from({ length: READ_PAGE_SIZE * 2 + 1 }, (_, i) => account(i)),
    null,
  );
  assert.ok(split.ok);
  assert.deepEqual(
    split.pages.map((p) => p.length),
    [READ_PAGE_SIZE, READ_PAGE_SIZE, 1],
  );
});

test('an entry alone over the size fails the read, naming its DN, its size and its largest attribute', () => {
  const split = readPages([account(1), account(2, 5_000), account(3)], 2048);
  assert.equal(split.ok, false);
  assert.match(
    split.ok ? '' : split.message,
    /^The directory entry CN=Visser\\, Anna 2,OU=Staff,DC=zuid,DC=local \(id guid-2\) alone takes 5(\.\d+)? KiB \(5,1\d\d bytes\) as JSON, more than the 2 KiB \(2,048 bytes\) the service takes in one page of a read; its largest attribute is description \(5,002 bytes\)\./,
  );
  assert.equal(readPages([account(1, 5_000)], 1_000_000).ok, true);
});
