/**
 * Runs cost what they change, on both stores: persons with no change and nothing to report are one
 * compressed list per run (shared by runs whose lists are equal), yet every listing — everyone, what
 * changes, one tile, a sort, a free-text or attribute filter, any page — answers as if each person
 * had a row. The tenant cache is written per account, only where it changed.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import {
  ACTIONS,
  type Action,
  type ItemStatus,
  type RunItem,
  type StepReason,
} from '../../src/core/index.ts';
import { openStore, type Run, type Store } from '../../src/store/index.ts';
import { runItemsNameOrderIsSeq } from '../../src/store/migrations/0440-run-items-name-order-is-seq.ts';
import { encodeBlock, ITEM_BLOCK, ItemBlock } from '../../src/store/repositories/run-item-blocks.ts';
import {
  decodeOrders,
  encodeOrders,
  encodeWordOrders,
  type ItemOrders,
  openOrders,
  pageOf,
} from '../../src/store/repositories/run-item-orders.ts';
import { keptNames, keptNamesBytes, keptNamesText } from '../../src/store/repositories/run-item-refs.ts';
import {
  isUnchanged,
  sameEntries,
  type UnchangedEntry,
} from '../../src/store/repositories/run-person-list.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './support/databases.ts';
import { bareConnection, recordedRun } from './support/queue.ts';
import { asRows } from './support/run-item-rows.ts';

const item = (
  n: string,
  name: string,
  action: Action,
  status: ItemStatus,
  extra: Partial<RunItem> = {},
): RunItem => ({
  employeeNumber: n,
  displayName: name,
  action,
  status,
  accountId: `acc-${n}`,
  changes: [],
  steps: [{ step: 'plan', status: status === 'skipped' ? 'skipped' : 'success', message: `plan for ${n}` }],
  error: null,
  ...extra,
});

const ITEMS: readonly RunItem[] = [
  item('1', 'Zoë de Wit', 'no-change', 'success'),
  item('2', 'Ömer Yılmaz', 'update', 'success', {
    changes: [{ attribute: 'department', old: 'ICT', new: 'Finance' }],
  }),
  item('3', 'Anna Bakker', 'create', 'success', {
    changes: [
      { attribute: 'displayName', old: null, new: 'Anna Bakker' },
      { attribute: 'department', old: null, new: 'Sales' },
    ],
  }),
  item('4', 'bas Jansen', 'no-change', 'skipped'),
  item('5', 'Carla Smit', 'disable', 'failed', { error: { code: 'X', message: 'refused' } }),
  item('6', 'Dirk Visser', 'no-change', 'warning', {
    steps: [{ step: 'apply', status: 'warning', message: 'manager not set' }],
  }),
  item('7', 'Eva Mulder', 'no-change', 'success'),
  item('8', 'Emma de Boer', 'update', 'success', {
    changes: [{ attribute: 'jobTitle', old: 'Adviseur', new: 'Senior adviseur' }],
  }),
  item('9', 'Fleur Bos', 'no-change', 'success'),
];
const key = (i: RunItem) =>
  i.displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const byName = [...ITEMS].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((i) => i.employeeNumber);

/** 700 persons (three chunks of the unchanged list), most unchanged, some skipped, every kind of row. */
const MANY: readonly RunItem[] = Array.from({ length: 700 }, (_, i) => {
  const n = String(5000 + ((i * 7919) % 700));
  const name = `${['Émile', 'anna', 'Bram', 'Çem', 'daan', 'Zoë'][i % 6]} ${['de Vries', 'Bakker', 'Öz'][i % 3]} ${i % 50}`;
  if (i % 11 === 0) return item(n, name, 'no-change', 'skipped');
  if (i % 13 === 0) return item(n, name, 'update', 'failed', { error: { code: 'X', message: 'refused' } });
  if (i % 17 === 0)
    return item(n, name, 'no-change', 'warning', {
      steps: [{ step: 'apply', status: 'warning', message: 'manager not set' }],
    });
  if (i % 5 === 0)
    return item(n, name, i % 2 === 0 ? 'create' : 'disable', 'success', {
      changes: [{ attribute: 'department', old: null, new: 'Sales' }],
    });
  return item(n, name, 'no-change', 'success');
});
const STATUS_RANK: readonly ItemStatus[] = ['failed', 'blocked', 'warning', 'skipped', 'success'];
/** Everyone in the run review's order, worked out here independently of the store. */
function expectedOrder(items: readonly RunItem[], sort: 'name' | 'action' | 'status'): string[] {
  const full = (i: RunItem) => `${key(i)}\u0000${i.employeeNumber}`;
  const rank = (i: RunItem) =>
    sort === 'action' ? ACTIONS.indexOf(i.action) : sort === 'status' ? STATUS_RANK.indexOf(i.status) : 0;
  return [...items]
    .sort((a, b) => rank(a) - rank(b) || (full(a) < full(b) ? -1 : full(a) > full(b) ? 1 : 0))
    .map((i) => i.employeeNumber);
}

test("a run's orders in blocks read alike at every place, across blocks and at their edges", () => {
  // 5,000 stored items among 12,000 persons (three blocks an order), 700 skipped; ascending places.
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const ascending = (length: number, span: number) => {
    const xs = new Int32Array(length);
    let x = -1;
    for (let i = 0; i < length; i++) {
      x += 1 + Math.floor(random() * ((2 * (span - x)) / (length - i)));
      xs[i] = Math.min(x, span - length + i);
      x = xs[i] as number;
    }
    return xs;
  };
  const orders: ItemOrders = {
    stored: 5000,
    unchanged: 7000,
    places: {
      name: ascending(5000, 12_000),
      action: ascending(5000, 12_000),
      status: ascending(5000, 12_000),
    },
    skipped: ascending(700, 7000),
    listOffsets: [9, 100, 250],
    firstChunk: Buffer.from('the first chunk of the list'),
  };
  const blocked = encodeOrders(orders);
  assert.deepEqual(decodeOrders(blocked), orders);
  assert.deepEqual(decodeOrders(encodeOrders({ ...orders, firstChunk: null })), {
    ...orders,
    firstChunk: null,
  });
  assert.deepEqual(decodeOrders(encodeWordOrders(orders)), { ...orders, firstChunk: null });
  const naive = (xs: Int32Array, v: number) => {
    const i = xs.findIndex((x) => x >= v);
    return i < 0 ? xs.length : i;
  };
  for (const sort of ['name', 'action', 'status'] as const) {
    const xs = orders.places[sort];
    // Read fresh each time: a block decoded by one question must not be needed by the next.
    for (const v of [
      0,
      1,
      2047,
      2048,
      2049,
      4095,
      4096,
      xs[2047],
      xs[2048],
      xs[4999],
      11_999,
      12_000,
      99_999,
    ]) {
      assert.equal(
        openOrders(blocked).places[sort].lowerBound(v as number),
        naive(xs, v as number),
        `${sort} ${v}`,
      );
    }
    for (const i of [0, 2047, 2048, 4095, 4096, 4999])
      assert.equal(openOrders(blocked).places[sort].at(i), xs[i]);
    // Every page, as a run review pages (one reader, pages in any order), equal to the decoded orders'.
    const reader = openOrders(blocked);
    const decoded = openOrders(encodeWordOrders(orders));
    for (const from of [11_950, 0, 4_000, 6_000, 2_000, 11_999]) {
      assert.deepEqual(
        pageOf(reader, sort, from, Math.min(12_000, from + 50)),
        pageOf(decoded, sort, from, Math.min(12_000, from + 50)),
      );
    }
  }
});

test("a run's blocks each inflate on their own to their lines, whatever the lines hold", () => {
  const random = (n: number, seed: number) =>
    Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7919 + seed * 104729) % 95))).join('');
  const blocks: string[][] = [
    ['one line'],
    // Larger than zlib's output chunks (16 KB), and hard to compress: many chunks for one block.
    Array.from({ length: 32 }, (_, i) => random(3000, i)),
    ['["Quote \\"Q\\"", "Zoë 😀", "\\u0000"]', '', 'x'],
    Array.from({ length: 32 }, () => 'the same line '.repeat(40)),
    // The same text twice: each block holds its own copy, read without the other.
    [random(3000, 99)],
    [random(3000, 99)],
    // Three bytes of UTF-8 to each character, and four to each pair: the most text a block's length can hold.
    ['€'.repeat(20_000), '😀'.repeat(10_000)],
    ['€'],
    ['last'],
  ];
  const data = blocks.map(encodeBlock);
  data.forEach((bytes, i) => {
    const lines = blocks[i] as string[];
    assert.equal(inflateRawSync(bytes).toString('utf8'), lines.join('\n'), `block ${i}`);
    const read = new ItemBlock(bytes);
    assert.deepEqual(
      Array.from({ length: read.length }, (_, l) => read.line(l)),
      lines,
    );
  });
});

test('kept names are found by employee number in their text, whatever the names hold; older texts are parsed', () => {
  // Names that look like the text's own structure: quotes, brackets, commas, line breaks; and
  // characters of two to four bytes.
  const odd = ['a "quoted"], ["x", "y', 'line\nbreak', 'ends in "],[', '\\', '', 'Zoë Ωμέγα 😀', '\u2028,\n'];
  const names: [string, string][] = Array.from({ length: 1000 }, (_, i) => [
    String((i * 7919) % 100_000),
    i < odd.length ? (odd[i] as string) : `Name ${i}`,
  ]);
  const expected = new Map(names);
  const text = keptNamesText([...names]);
  // Still JSON (the whole array), in employee number order.
  assert.deepEqual(
    JSON.parse(text),
    [...names].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  );
  const older = JSON.stringify(names);
  // Format 7 keeps the text deflated, searched as bytes (a line break byte is never inside a character).
  for (const kept of [keptNames(text), keptNames(older), keptNamesBytes(deflateRawSync(text))]) {
    for (const [n, name] of expected) assert.equal(kept.get(n), name, n);
    for (const missing of ['', '-1', '99999x', '100000', 'zzz']) assert.equal(kept.get(missing), undefined);
  }
  assert.equal(keptNamesText([]), '[]');
  assert.equal(keptNames('[]').get('1'), undefined);
  assert.equal(keptNames(keptNamesText([['7', 'Zeven']])).get('7'), 'Zeven');
  assert.equal(keptNamesBytes(deflateRawSync('[]')).get('1'), undefined);
  assert.equal(keptNamesBytes(deflateRawSync(keptNamesText([['7', 'Zeven']]))).get('7'), 'Zeven');
});

test('orders keep the names their items mention beside them (format 7), and read alike without them', () => {
  const places = (xs: number[]) => Int32Array.from(xs);
  const orders: ItemOrders = {
    stored: 3,
    unchanged: 2,
    places: { name: places([0, 2, 4]), action: places([0, 1, 2]), status: places([1, 2, 3]) },
    skipped: places([1]),
    listOffsets: [9, 20],
    firstChunk: Buffer.from('chunk'),
    items: { block: 32, action: places([2, 3, 7]), status: places([0, 4, 8]) },
  };
  const unchanged = deflateRawSync(keptNamesText([['m1', 'Martijn Dekker']]));
  const items = deflateRawSync(keptNamesText([['m2', 'Fatima Prins']]));
  const withNames = encodeOrders({ ...orders, keptNames: { unchanged, items } });
  const without = encodeOrders(orders);
  // The same orders either way; the names only where they were written.
  assert.deepEqual(decodeOrders(withNames), decodeOrders(without));
  const kept = openOrders(withNames).keptNames;
  assert.deepEqual([Buffer.from(kept?.unchanged ?? []), Buffer.from(kept?.items ?? [])], [unchanged, items]);
  assert.equal(openOrders(without).keptNames, null);
  assert.equal(openOrders(withNames).firstChunk?.toString(), 'chunk');
  // Cut short, the names are not read as if they were whole.
  assert.throws(() => openOrders(withNames.subarray(0, withNames.length - 1)), /truncated/);
});

test("a block's lines read alike whether it is inflated as far as a line or whole, in any order", () => {
  // Lines of very different lengths and compressibility: a prefix of the bytes in proportion to a
  // line's place may end before it, or inside it.
  let seed = 7;
  const noise = (n: number) =>
    Array.from({ length: n }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return String.fromCharCode(33 + (seed % 90));
    }).join('');
  const lines = Array.from({ length: ITEM_BLOCK }, (_, i) =>
    i % 11 === 0
      ? JSON.stringify([`n${i}`, noise(2000 + i * 50)])
      : JSON.stringify([
          `n${i}`,
          i % 7 === 0 ? 'x'.repeat(3000 + i * 97) : `Näme "${i}" \\ ü`,
          i % 3 === 0 ? [] : [i],
        ]),
  );
  const data = deflateRawSync(lines.join('\n'), { level: 1 });
  for (let i = 0; i < ITEM_BLOCK; i++) assert.equal(new ItemBlock(data).line(i), lines[i], `line ${i} first`);
  const block = new ItemBlock(data);
  for (const i of [3, 1, 30, 0, 17, 31, 2]) assert.equal(block.line(i), lines[i], `line ${i} after others`);
  const reached = new ItemBlock(data);
  reached.reach(5);
  assert.deepEqual(
    Array.from({ length: ITEM_BLOCK }, (_, i) => reached.line(i)),
    lines,
  );
  assert.equal(reached.line(ITEM_BLOCK), undefined, 'past the end');
  assert.equal(new ItemBlock(data).length, ITEM_BLOCK);
  const short = deflateRawSync(lines.slice(0, 3).join('\n'), { level: 1 });
  assert.equal(new ItemBlock(short).line(2), lines[2]);
  assert.equal(new ItemBlock(short).line(3), undefined, "past a short block's end");
});

test('a person is unchanged with no field the list does not know holding anything, whatever the order of the fields', () => {
  const plain = item('1', 'An', 'no-change', 'success');
  assert.ok(isUnchanged(plain));
  const { employeeNumber, ...rest } = plain;
  assert.ok(isUnchanged({ ...rest, employeeNumber }), 'the known fields in another order');
  assert.ok(isUnchanged({ ...plain, findings: [] } as RunItem), 'a field not known, empty');
  assert.ok(!isUnchanged({ ...plain, findings: ['x'] } as RunItem), 'a field not known, holding something');
  const { error, ...noError } = plain;
  void error;
  assert.ok(
    !isUnchanged({ ...noError, findings: { a: 1 } } as unknown as RunItem),
    'eight fields, one not known',
  );
  assert.ok(!isUnchanged(item('1', 'An', 'update', 'success')));
});

test('sameEntries: two lists are the same only when they would be written as the same text', () => {
  const entry = (why: unknown): UnchangedEntry => ['1', 'An', 'a1', 0, 'plan', why as never];
  const same = (x: unknown, y: unknown) => sameEntries([entry(x)], [entry(y)]);
  assert.ok(same({ code: 'up-to-date' }, { code: 'up-to-date' }));
  assert.ok(same({ code: 'x', a: [1, { b: null }] }, { code: 'x', a: [1, { b: null }] }));
  assert.ok(same('no change', 'no change'));
  assert.ok(!same({ code: 'x', a: 1, b: 2 }, { code: 'x', b: 2, a: 1 }), 'keys in another order');
  assert.ok(!same({ code: 'x', a: 1 }, { code: 'x', a: 1, b: 2 }), 'a key more');
  assert.ok(!same({ code: 'x', a: [1, 2] }, { code: 'x', a: [1, 2, 3] }));
  assert.ok(!same({ code: 'x', a: '1' }, { code: 'x', a: 1 }));
  assert.ok(!same({ code: 'x', a: [] }, { code: 'x', a: {} }));
  // Objects that are not plain may write other text than their keys say: never taken as the same.
  assert.ok(!same({ code: 'x', at: new Date(0) }, { code: 'x', at: new Date(1) }));
  assert.ok(!sameEntries([entry('a')], [entry('a'), entry('a')]));
  assert.ok(!sameEntries([entry('a')], [['2', 'An', 'a1', 0, 'plan', 'a']]));
  assert.ok(!sameEntries([entry('a')], [['1', 'An', 'a1', 1, 'plan', 'a']]));
});

for (const dialect of DIALECTS) {
  describe(`run items on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let organisationId: string;
    let connectionId: string;
    let run: Run;

    const finish = (items: readonly RunItem[], on = connectionId): Promise<Run> =>
      recordedRun(store, organisationId, on, items);
    const numbers = async (query: Parameters<Store['runItems']['list']>[1], sort = 'name' as const) =>
      (await store.runItems.list(run, query, sort, 1, 50)).items.map((i) => i.employeeNumber);

    before(async () => {
      database = await createTestDatabase(dialect);
      store = await openStore({
        databaseUrl: database.databaseUrl,
        sqliteFile: database.sqliteFile,
        secretKey: randomBytes(32),
      });
      organisationId = (await store.organisations.create('Org')).id;
      connectionId = await bareConnection(store, organisationId, 'c');
      run = await finish(ITEMS);
    });
    after(async () => {
      await store?.close();
      await database?.dispose();
    });

    test('unchanged persons are one list, not rows; the rest are stored items, in blocks', async () => {
      assert.equal(run.unchangedCount, 4);
      const rows = await sql<{
        n: number;
      }>`select count(*) as n from run_items where run_id = ${run.id}`.execute(store.db);
      assert.equal(Number(rows.rows[0]?.n), 0, 'no row per item');
      const blocks = await sql<{ data: Uint8Array }>`
        select data from run_item_blocks where run_id = ${run.id}`.execute(store.db);
      assert.deepEqual(
        blocks.rows.map((b) => new ItemBlock(b.data).length),
        [5],
      );
      assert.equal(run.itemCounts?.actions.update, 2);
      assert.equal(run.itemCounts?.actions['no-change'], 1);
    });

    test('managers without a link are named from the run: its rows, and its unchanged persons kept at recording', async () => {
      const managed = (n: string, old: string | null, next: string) =>
        item(n, `Person ${n}`, 'update', 'success', { changes: [{ attribute: 'manager', old, new: next }] });
      const items = [
        item('m1', 'Martijn Dekker', 'no-change', 'success'),
        item('m2', 'Fatima Prins', 'update', 'success', {
          changes: [{ attribute: 'jobTitle', old: 'A', new: 'B' }],
        }),
        item('m4', 'Not Mentioned', 'no-change', 'success'),
        managed('p1', null, 'm1'),
        managed('p2', 'm2', 'm3'),
      ];
      const named = await finish(items);
      const kept = await sql<{
        data: Uint8Array;
        unchanged: string | null;
        items: string | null;
      }>`select data, unchanged_names as unchanged, item_names as items from run_item_orders where run_id = ${named.id}`.execute(
        store.db,
      );
      // Only the unchanged persons the items mention are kept, not the whole list; with the orders,
      // deflated (format 7), and the row's text columns are left empty.
      const row = kept.rows[0];
      const inOrders = row ? openOrders(row.data).keptNames : null;
      assert.ok(inOrders, 'kept names in the orders');
      assert.deepEqual(JSON.parse(inflateRawSync(inOrders.unchanged).toString('utf8')), [
        ['m1', 'Martijn Dekker'],
      ]);
      assert.deepEqual(JSON.parse(inflateRawSync(inOrders.items ?? Buffer.alloc(0)).toString('utf8')), [
        ['m2', 'Fatima Prins'],
      ]);
      assert.deepEqual([row?.unchanged, row?.items], [null, null]);
      const expected = new Map([
        ['m1', 'Martijn Dekker'],
        ['m2', 'Fatima Prins'],
      ]);
      const found = await store.runItems.names(connectionId, [], ['m1', 'm2', 'm3'], named);
      assert.deepEqual(found.persons, expected);
      // A run whose names are kept as text (recorded before format 7) is named from the text.
      const asText = await finish(items);
      const textRow = await sql<{ data: Uint8Array }>`
        select data from run_item_orders where run_id = ${asText.id}`.execute(store.db);
      await sql`update run_item_orders set data = ${encodeOrders(decodeOrders(textRow.rows[0]?.data ?? Buffer.alloc(0)))},
        unchanged_names = ${'[\n["m1","Martijn Dekker"]\n]'}, item_names = ${'[\n["m2","Fatima Prins"]\n]'}
        where run_id = ${asText.id}`.execute(store.db);
      assert.deepEqual(
        (await store.runItems.names(connectionId, [], ['m1', 'm2', 'm3'], asText)).persons,
        expected,
      );
      // A run recorded before the names were kept at all is still named, from its decoded list.
      const older = await finish(items);
      const olderRow = await sql<{ data: Uint8Array }>`
        select data from run_item_orders where run_id = ${older.id}`.execute(store.db);
      await sql`update run_item_orders set data = ${encodeOrders(decodeOrders(olderRow.rows[0]?.data ?? Buffer.alloc(0)))},
        unchanged_names = null, item_names = ${'[\n["m2","Fatima Prins"]\n]'} where run_id = ${older.id}`.execute(
        store.db,
      );
      const fromList = await store.runItems.names(connectionId, [], ['m1', 'm2', 'm3'], older);
      assert.deepEqual(fromList.persons, expected);
    });

    test("a page's names in one statement: a linked manager by their account, else by the run", async () => {
      // A connection of its own: its links would be counted by another test.
      const linked = await bareConnection(store, organisationId, 'linked');
      const account = (id: string, attributes: object) => ({
        connection_id: linked,
        account_id: id,
        attributes: JSON.stringify(attributes),
      });
      await store.db
        .insertInto('tenant_accounts')
        .values([
          account('acc-l2', { userPrincipalName: 'fatima@contoso.nl', displayName: 'Fatima Prins-Dekker' }),
          account('acc-l5', { userPrincipalName: 'mees@contoso.nl' }),
          account('acc-lx', { userPrincipalName: 'extra@contoso.nl', displayName: 'Extra' }),
        ])
        .execute();
      const link = (n: string, id: string) => ({
        connection_id: linked,
        employee_number: n,
        account_id: id,
        applied: '{}',
        linked_at: '2026-12-01T00:00:00Z',
        updated_at: '2026-12-01T00:00:00Z',
        granted: null,
      });
      await store.db
        .insertInto('links')
        .values([link('l2', 'acc-l2'), link('l5', 'acc-l5'), link('l6', 'acc-gone')])
        .execute();
      const managed = (n: string, manager: string) =>
        item(n, `Person ${n}`, 'update', 'success', {
          changes: [{ attribute: 'manager', old: null, new: manager }],
        });
      const named = await finish(
        [
          item('l1', 'Lotte Kok', 'no-change', 'success'),
          item('l2', 'Fatima Prins', 'update', 'success', {
            changes: [{ attribute: 'jobTitle', old: 'A', new: 'B' }],
          }),
          item('l5', 'Mees Vos', 'update', 'success', {
            changes: [{ attribute: 'jobTitle', old: 'A', new: 'B' }],
          }),
          item('l6', 'Noor Kaya', 'no-change', 'success'),
          ...['l1', 'l2', 'l5', 'l6', 'l9'].map((m, i) => managed(`q${i}`, m)),
        ],
        linked,
      );
      const found = await store.runItems.names(
        linked,
        ['acc-lx', 'acc-l2', 'acc-none'],
        ['l1', 'l2', 'l5', 'l6', 'l9', 'l2'],
        named,
      );
      // The account's name wins over the one AFAS gave the run; a linked account without a name, or a
      // link to an account no longer in the tenant, leaves the run's name.
      assert.deepEqual(
        found.persons,
        new Map([
          ['l1', 'Lotte Kok'],
          ['l2', 'Fatima Prins-Dekker'],
          ['l5', 'Mees Vos'],
          ['l6', 'Noor Kaya'],
        ]),
      );
      assert.deepEqual(
        found.accounts,
        new Map([
          ['acc-l2', { upn: 'fatima@contoso.nl', displayName: 'Fatima Prins-Dekker' }],
          ['acc-l5', { upn: 'mees@contoso.nl', displayName: null }],
          ['acc-lx', { upn: 'extra@contoso.nl', displayName: 'Extra' }],
        ]),
      );
      // Without a run (nothing read from AFAS to fall back on), only the links name them.
      const linkedOnly = await store.runItems.names(linked, [], ['l1', 'l2', 'l5']);
      assert.deepEqual(linkedOnly.persons, new Map([['l2', 'Fatima Prins-Dekker']]));
    });

    test('everyone is listed by name, unchanged persons with their reason', async () => {
      const all = await store.runItems.list(run, {}, 'name', 1, 50);
      assert.equal(all.total, 9);
      assert.deepEqual(
        all.items.map((i) => i.employeeNumber),
        byName,
      );
      const eva = all.items.find((i) => i.employeeNumber === '7');
      assert.equal(eva?.action, 'no-change');
      assert.equal(eva?.steps[0]?.message, 'plan for 7');
      assert.equal(eva?.accountId, 'acc-7');
      assert.equal(all.items.find((i) => i.employeeNumber === '4')?.status, 'skipped');
      // Pages are slices of the same order.
      const pages = [];
      for (let page = 1; page <= 5; page++)
        pages.push(...(await store.runItems.list(run, {}, 'name', page, 2)).items);
      assert.deepEqual(
        pages.map((i) => i.employeeNumber),
        byName,
      );
    });

    test("a run of the same persons takes the connection's last name order only while it holds", async () => {
      const own = await bareConnection(store, organisationId, 'kept order');
      const everyone = async (r: Run, items: readonly RunItem[]) => {
        for (const sort of ['name', 'action', 'status'] as const) {
          const listed = (await store.runItems.list(r, {}, sort, 1, 700)).items.map((i) => i.employeeNumber);
          assert.deepEqual(listed, expectedOrder(items, sort), `everyone by ${sort}`);
          const changes = (await store.runItems.list(r, { changesOnly: true }, sort, 1, 700)).items;
          assert.deepEqual(
            changes.map((i) => i.employeeNumber),
            expectedOrder(
              items.filter((i) => changes.some((c) => c.employeeNumber === i.employeeNumber)),
              sort,
            ),
            `what changes by ${sort}`,
          );
        }
      };
      await everyone(await finish(MANY, own), MANY);
      await everyone(await finish(MANY, own), MANY);
      // The same number of persons, two of them renamed past each other (one stored, one not), and
      // one unchanged person now changed: the last order no longer holds.
      const first = expectedOrder(MANY, 'name');
      const [a, z] = [first[3], first[650]];
      const renamed = MANY.map((i) =>
        i.employeeNumber === a
          ? { ...i, displayName: 'Zz last', action: 'update' as const, status: 'success' as const }
          : i.employeeNumber === z
            ? { ...i, displayName: 'Aa first' }
            : i,
      );
      await everyone(await finish(renamed, own), renamed);
      // A name whose case changes keeps its place: the last order still holds, though the names differ.
      const recased = renamed.map((i) => (i.employeeNumber === z ? { ...i, displayName: 'AA FIRST' } : i));
      await everyone(await finish(recased, own), recased);
      // Persons in another run order: positions are the run's, not employee numbers.
      const reversed = [...renamed].reverse();
      await everyone(await finish(reversed, own), reversed);
      // A name holding U+0000, the key's own separator: "ab\0" (number 1) sorts before "ab" (number 9),
      // though its name alone sorts after — the order is the keys'.
      const nul = await bareConnection(store, organisationId, 'kept order, U+0000');
      const three = [
        item('9', 'ab', 'update', 'success'),
        item('1', 'ac\u0000', 'update', 'success'),
        item('5', 'b', 'no-change', 'success'),
      ];
      await everyone(await finish(three, nul), three);
      const moved = three.map((i) => (i.employeeNumber === '1' ? { ...i, displayName: 'ab\u0000' } : i));
      await everyone(await finish(moved, nul), moved);
    });

    test('any page of everyone, in each order, from the merged orders and one or two list chunks', async () => {
      const many = await finish(MANY);
      const orders = await sql<{ n: number }>`
        select count(*) as n from run_item_orders where run_id = ${many.id}`.execute(store.db);
      assert.equal(Number(orders.rows[0]?.n), 1, 'the merged orders are kept with the run');
      for (const sort of ['name', 'action', 'status'] as const) {
        const listed: string[] = [];
        for (let page = 1; page <= 20; page++) {
          const answer = await store.runItems.list(many, {}, sort, page, 37);
          assert.equal(answer.total, 700);
          listed.push(...answer.items.map((i) => i.employeeNumber));
        }
        assert.deepEqual(listed, expectedOrder(MANY, sort), `everyone by ${sort}`);
      }
      const page = await store.runItems.list(many, {}, 'status', 1, 700);
      const byNumber = new Map(MANY.map((i) => [i.employeeNumber, i]));
      for (const i of page.items) {
        const want = byNumber.get(i.employeeNumber) as RunItem;
        assert.deepEqual(
          [i.action, i.status, i.accountId, i.changes],
          [want.action, want.status, want.accountId, want.changes],
        );
      }
      // A filter's pages (its matches are found once, then read by key) and its export agree.
      const department = MANY.filter((i) => i.changes.some((c) => c.attribute === 'department'));
      const filtered: string[] = [];
      for (let page = 1; page <= Math.ceil(department.length / 7) + 1; page++) {
        const answer = await store.runItems.list(many, { attribute: 'department' }, 'status', page, 7);
        assert.equal(answer.total, department.length);
        filtered.push(...answer.items.map((i) => i.employeeNumber));
      }
      assert.deepEqual(filtered, expectedOrder(department, 'status'));
      assert.deepEqual(
        (await store.runItems.all(many, { attribute: 'department' }, 'status')).map((i) => i.employeeNumber),
        filtered,
      );
      // A page past the end is empty, and the tiles still answer from their own paths.
      assert.equal((await store.runItems.list(many, {}, 'name', 30, 37)).items.length, 0);
      const skipped = MANY.filter((i) => i.status === 'skipped').length;
      assert.equal((await store.runItems.list(many, { status: 'skipped' }, 'name', 1, 700)).total, skipped);
    });

    test('a run recorded before the merged orders, with a list of the first format, still pages', async () => {
      const older = MANY.map((i) => ({ ...i, displayName: `${i.displayName} sr` }));
      const run = await finish(older);
      // As stored before migration 0390: rows, no merged orders, the list as one deflate stream.
      await asRows(store.db, run, older);
      await sql`delete from run_item_orders where run_id = ${run.id}`.execute(store.db);
      const list = await sql<{ data: Uint8Array }>`
        select data from run_person_lists where hash = ${run.unchangedList}`.execute(store.db);
      const { decodeList } = await import('../../src/store/repositories/run-person-list.ts');
      const entries = decodeList(list.rows[0]?.data as Uint8Array, run.unchangedCount);
      const v1 = deflateRawSync(JSON.stringify(entries));
      await sql`update run_person_lists set data = ${v1} where hash = ${run.unchangedList}`.execute(store.db);
      const listed: string[] = [];
      for (let page = 1; page <= 19; page++)
        listed.push(
          ...(await store.runItems.list(run, {}, 'status', page, 37)).items.map((i) => i.employeeNumber),
        );
      assert.deepEqual(listed, expectedOrder(older, 'status'));
    });

    test("a run written in the engine's order is numbered by name (0440) and still pages", async () => {
      const older = MANY.map((i) => ({ ...i, displayName: `${i.displayName} jr` }));
      const run = await finish(older);
      // As written between 0010 and 0350: seq in another order than the names (here reversed), the
      // name order kept in pos_name and its own index.
      await asRows(store.db, run, older);
      const count = await sql<{ n: number }>`
        select count(*) as n from run_items where run_id = ${run.id}`.execute(store.db);
      const n = Number(count.rows[0]?.n);
      assert.ok(n > 100);
      await sql`update run_items set seq = -1 - seq where run_id = ${run.id}`.execute(store.db);
      await sql`update run_items set seq = seq + ${n} where run_id = ${run.id}`.execute(store.db);
      await sql`create index run_items_by_name on run_items (run_id, pos_name)`.execute(store.db);
      await runItemsNameOrderIsSeq.up(store.db as unknown as Kysely<unknown>);
      const renumbered = await sql<{ n: number }>`
        select count(*) as n from run_items where run_id = ${run.id} and seq = pos_name`.execute(store.db);
      assert.equal(Number(renumbered.rows[0]?.n), n);
      const listed: string[] = [];
      for (let page = 1; page <= 19; page++)
        listed.push(
          ...(await store.runItems.list(run, {}, 'name', page, 37)).items.map((i) => i.employeeNumber),
        );
      assert.deepEqual(listed, expectedOrder(older, 'name'));
      const changed = older.filter(
        (i) => i.action !== 'no-change' || (i.status !== 'success' && i.status !== 'skipped'),
      );
      const what = await store.runItems.list(run, { changesOnly: true }, 'name', 1, 700);
      assert.deepEqual(
        what.items.map((i) => i.employeeNumber),
        expectedOrder(older, 'name').filter((e) => changed.some((i) => i.employeeNumber === e)),
      );
    });

    test('a step with a reason is stored as its code and parameters; an older row keeps its text', async () => {
      const reason = { code: 'update', count: 2 } as const;
      const withReason = item('11', 'Gert Reus', 'update', 'success', {
        changes: [{ attribute: 'department', old: 'ICT', new: 'Sales' }],
        steps: [
          { step: 'plan', status: 'success', message: 'update 2 attributes: department, jobTitle', reason },
          { step: 'scope', status: 'success', message: 'no scoping filters: everyone is in scope' },
        ],
      });
      const run = await finish([withReason]);
      const block = await sql<{ data: Uint8Array }>`
        select data from run_item_blocks where run_id = ${run.id}`.execute(store.db);
      const line = new ItemBlock(block.rows[0]?.data as Uint8Array).line(0) ?? '';
      assert.match(line, /"Gert Reus"/);
      assert.doesNotMatch(line, /update 2 attributes/);
      assert.doesNotMatch(line, /"step"|"status"|"message"/, 'stored as tuples, not keyed objects');
      const [read] = (await store.runItems.list(run, {}, 'name', 1, 50)).items;
      assert.deepEqual(read?.steps, [
        { step: 'plan', status: 'success', message: '', reason },
        { step: 'scope', status: 'success', message: 'no scoping filters: everyone is in scope' },
      ]);
      // A row written before: the text and the reason both stored, both read back as they are.
      const rowRun = await finish([withReason]);
      await asRows(store.db, rowRun, [withReason]);
      const older = JSON.stringify(withReason.steps);
      await sql`update run_items set steps = ${older} where run_id = ${rowRun.id}`.execute(store.db);
      const [again] = (await store.runItems.list(rowRun, {}, 'action', 1, 50)).items;
      assert.deepEqual(again?.steps, withReason.steps);
    });

    test("everyone pages alike in every format of a run's orders, with or without the list's chunk boundaries", async () => {
      const { decodeOrders, encodeOrders, encodeVarintOrders, encodeWordOrders } = await import(
        '../../src/store/repositories/run-item-orders.ts'
      );
      const juniors = MANY.map((i) => ({ ...i, displayName: `${i.displayName} jr` }));
      const current = await finish(juniors);
      const older = await finish(juniors);
      await asRows(store.db, older, juniors);
      const stored = await sql<{ data: Uint8Array }>`
        select data from run_item_orders where run_id = ${older.id}`.execute(store.db);
      const orders = decodeOrders(stored.rows[0]?.data as Uint8Array);
      // Shared with the first run, the list's boundaries were read back from its head.
      assert.equal(orders.listOffsets?.length, Math.ceil(older.unchangedCount / 256) + 1);
      // Written in blocks (format 4); runs recorded before keep 32-bit words (format 3), or varints
      // with the boundaries (format 2) or without them (format 1: the list's head is read instead).
      const formats = [
        encodeOrders({ ...orders, listOffsets: null }),
        encodeWordOrders(orders),
        encodeWordOrders({ ...orders, listOffsets: null }),
        encodeVarintOrders(orders),
        encodeVarintOrders({ ...orders, listOffsets: null }),
      ];
      for (const data of formats) {
        const decoded = decodeOrders(data);
        assert.deepEqual(decoded.places, orders.places);
        assert.deepEqual(decoded.skipped, orders.skipped);
      }
      for (const data of [formats[1], formats[3]])
        assert.deepEqual(decodeOrders(data as Buffer).listOffsets, orders.listOffsets);
      for (const data of formats) {
        await sql`update run_item_orders set data = ${data} where run_id = ${older.id}`.execute(store.db);
        // A run read again, as a new process would (its orders are cached by finish time).
        const reread = { ...older, finishedAt: `${older.finishedAt}|${formats.indexOf(data)}` };
        for (const sort of ['name', 'status'] as const) {
          const pages = async (r: Run) => {
            const listed: string[] = [];
            for (let page = 1; page <= 8; page++)
              listed.push(
                ...(await store.runItems.list(r, {}, sort, page, 97)).items.map((i) => i.employeeNumber),
              );
            return listed;
          };
          const expected = expectedOrder(juniors, sort);
          assert.deepEqual(await pages(reread), expected);
          assert.deepEqual(await pages(current), expected);
        }
      }
    });

    test("page 1 of everyone by name reads the unchanged persons from the run's orders, not from its list", async () => {
      const seniors = MANY.map((i) => ({ ...i, displayName: `${i.displayName} sr` }));
      const recorded = await finish(seniors);
      // The list's bytes made unreadable: only what the orders carry can be shown.
      await sql`update run_person_lists set data = ${Buffer.alloc(64, 0xff)} where hash = ${recorded.unchangedList}`.execute(
        store.db,
      );
      const page = await store.runItems.list(recorded, {}, 'name', 1, 50);
      assert.deepEqual(
        page.items.map((i) => i.employeeNumber),
        expectedOrder(seniors, 'name').slice(0, 50),
      );
      assert.ok(page.items.some((i) => i.action === 'no-change' && i.status === 'success'));
    });

    test('what changes: the rows alone, in each order, on any page', async () => {
      assert.deepEqual(await numbers({ changesOnly: true }), ['3', '5', '6', '8', '2']);
      assert.deepEqual(await numbers({ changesOnly: true }, 'action' as 'name'), ['3', '8', '2', '5', '6']);
      assert.deepEqual(await numbers({ changesOnly: true }, 'status' as 'name'), ['5', '6', '3', '8', '2']);
      const second = await store.runItems.list(run, { changesOnly: true }, 'action', 2, 2);
      assert.equal(second.total, 5);
      assert.deepEqual(
        second.items.map((i) => i.employeeNumber),
        ['2', '5'],
      );
    });

    test('tiles, free text, changed attribute and value filters', async () => {
      assert.deepEqual(await numbers({ action: 'update' }), ['8', '2']);
      assert.deepEqual(await numbers({ status: 'failed' }), ['5']);
      assert.deepEqual(await numbers({ action: 'no-change' }), ['4', '6', '7', '9', '1']);
      assert.deepEqual(await numbers({ action: 'no-change', changesOnly: true }), ['6']);
      assert.deepEqual(await numbers({ status: 'skipped' }), ['4']);
      assert.deepEqual(await numbers({ q: 'jans' }), ['4']);
      assert.deepEqual(await numbers({ q: 'yıl' }), ['2']);
      assert.deepEqual(await numbers({ attribute: 'department' }), ['3', '2']);
      assert.deepEqual(await numbers({ value: 'finance' }), ['2']);
      assert.deepEqual(await numbers({ value: 'SENIOR adv' }), ['8']);
      assert.deepEqual(await numbers({ value: 'ict' }), ['2'], 'old values too');
      assert.deepEqual(await numbers({ attribute: 'department', value: 'sales' }), ['3']);
      assert.deepEqual(await numbers({ attribute: 'jobTitle', value: 'finance' }), []);
      assert.deepEqual(await numbers({ action: 'update', status: 'success' }), ['8', '2']);
      const update = await store.runItems.list(run, { action: 'update' }, 'name', 1, 1);
      assert.equal(update.total, 2);
    });

    test('an attribute filter matches the attribute exactly, whatever its characters', async () => {
      const changed = (n: string, name: string, attribute: string) =>
        item(n, name, 'update', 'success', { changes: [{ attribute, old: null, new: 'x' }] });
      const filtered = await finish([
        changed('31', 'A', 'extension_a_b'),
        changed('32', 'B', 'extensionXaYb'),
        changed('33', 'C', 'Extension_A_B'),
        changed('34', 'D', '100%'),
        changed('35', 'E', 'say "hi"'),
      ]);
      const of = async (attribute: string) =>
        (await store.runItems.list(filtered, { attribute }, 'name', 1, 50)).items.map(
          (i) => i.employeeNumber,
        );
      assert.deepEqual(await of('extension_a_b'), ['31']);
      assert.deepEqual(await of('Extension_A_B'), ['33']);
      assert.deepEqual(await of('100%'), ['34']);
      assert.deepEqual(await of('100'), []);
      assert.deepEqual(await of('say "hi"'), ['35']);
    });

    test('changed-attribute and value filters find what matching every stored item finds, whatever the values hold', async () => {
      // Values JSON writes escaped (quotes, backslashes, line breaks, control characters), letters
      // whose lowercase depends on what follows (Σ) or is ASCII (İ, the Kelvin sign), pairs of
      // surrogates, lists (shown joined by ", "), numbers and booleans; over several blocks.
      const odd: readonly (string | number | boolean | null | string[])[] = [
        'Say "hi"',
        'back\\slash\\',
        'two\nlines\ttab',
        '\u0001ctl',
        'u0001',
        'ΟΔΟΣ',
        'ΟΔΟΣ ΑΘΗΝΩΝ',
        '\nΣ',
        'İstanbul',
        '\u212Aelvin',
        'Zoë 😀 smile',
        ['Sales', 'North, East'],
        ['a', 'b'],
        [],
        1e21,
        -0.5,
        true,
        null,
        'null',
        '[object Object]',
        'Ünïcödé ÉCOLE',
      ];
      const attributes = ['department', 'say "x"', 'back\\', 'Zoë', 'manager'];
      const items = Array.from({ length: 5 * ITEM_BLOCK + 7 }, (_, i) =>
        item(`f${i}`, `Person ${i}`, i % 4 === 0 ? 'create' : 'update', 'success', {
          changes: [
            {
              attribute: attributes[i % attributes.length] as string,
              old: odd[i % odd.length] ?? null,
              new: odd[(i * 5 + 3) % odd.length] ?? null,
            },
          ],
        }),
      );
      const recorded = await finish(items);
      const text = (v: unknown) =>
        v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
      const needles = [
        '"',
        '\\',
        '\\"',
        'say "',
        '\n',
        '\t',
        '\u0001',
        'u0001',
        'σ',
        'ς',
        'οδος',
        'οδος αθηνων',
        'ος ',
        'a',
        'i̇stanbul',
        'istanbul',
        'k',
        'kelvin',
        '😀',
        '\ud83d',
        'zoë',
        'ë 😀',
        'sales, north',
        ', ',
        ' east',
        ' b',
        'a, b',
        ',',
        'e+21',
        '1e+21',
        '-0.5',
        'true',
        'null',
        'object',
        'école',
        'ÜNÏ',
        'ctl',
        '\\s',
      ];
      for (const value of needles) {
        const lowered = value.toLowerCase();
        const expected = items.filter((i) =>
          i.changes.some(
            (c) => text(c.old).toLowerCase().includes(lowered) || text(c.new).toLowerCase().includes(lowered),
          ),
        );
        for (const attribute of [undefined, ...attributes]) {
          const want = expected
            .filter((i) => attribute === undefined || i.changes.some((c) => c.attribute === attribute))
            .map((i) => i.employeeNumber);
          const query = attribute === undefined ? { value } : { value, attribute };
          const got = (await store.runItems.all(recorded, query)).map((i) => i.employeeNumber);
          assert.deepEqual(
            got,
            expectedOrder(
              items.filter((i) => want.includes(i.employeeNumber)),
              'name',
            ),
            JSON.stringify(query),
          );
        }
      }
      for (const attribute of attributes)
        assert.deepEqual(
          (await store.runItems.all(recorded, { attribute })).map((i) => i.employeeNumber),
          expectedOrder(
            items.filter((i) => i.changes[0]?.attribute === attribute),
            'name',
          ),
          attribute,
        );
    });

    /** Every listing a run review offers, page by page, and the export: what a run answers. */
    const everyListing = async (r: Run, pageSize: number) => {
      const queries: Parameters<Store['runItems']['list']>[1][] = [
        {},
        { changesOnly: true },
        ...ACTIONS.map((action) => ({ action })),
        ...STATUS_RANK.map((status) => ({ status })),
        { action: 'no-change', changesOnly: true },
        { action: 'update', status: 'failed' },
        { q: 'bakk' },
        { q: 'ANNA', changesOnly: true },
        { q: '\n' },
        { attribute: 'department' },
        { value: 'sal', status: 'success' },
        { attribute: 'department', q: 'bram' },
      ];
      const answers: unknown[] = [];
      for (const query of queries)
        for (const sort of ['name', 'action', 'status'] as const) {
          const first = await store.runItems.list(r, query, sort, 1, pageSize);
          const listed = [...first.items];
          for (let page = 2; (page - 1) * pageSize < first.total; page++)
            listed.push(...(await store.runItems.list(r, query, sort, page, pageSize)).items);
          assert.equal(listed.length, first.total, `${JSON.stringify(query)} by ${sort}: every page full`);
          assert.deepEqual(await store.runItems.all(r, query, sort), listed, 'the export is the pages');
          answers.push([JSON.stringify(query), sort, listed]);
        }
      return answers;
    };

    test('a run in blocks and the same run as rows (recorded before 0450) answer every listing alike', async () => {
      const twins = MANY.map((i) => ({ ...i, displayName: `${i.displayName} twin` }));
      const blocks = await finish(twins);
      const rows = await finish(twins);
      await asRows(store.db, rows, twins);
      const stored = await sql<{ n: number }>`
        select count(*) as n from run_item_blocks where run_id = ${blocks.id}`.execute(store.db);
      const storedCount = twins.filter((i) => i.action !== 'no-change' || i.status === 'warning').length;
      assert.equal(
        Number(stored.rows[0]?.n),
        Math.ceil(storedCount / ITEM_BLOCK),
        'blocks of the name order',
      );
      assert.ok(storedCount > 3 * ITEM_BLOCK, 'several blocks, the last one partial');
      // Pages of 32, 31 and 33: each page meets the blocks' edges at another place.
      for (const pageSize of [ITEM_BLOCK, ITEM_BLOCK - 1, ITEM_BLOCK + 1]) {
        const fromBlocks = await everyListing(blocks, pageSize);
        const fromRows = await everyListing(rows, pageSize);
        assert.equal(fromBlocks.length, fromRows.length);
        for (const [i, answer] of fromBlocks.entries())
          assert.deepEqual(answer, fromRows[i], `${(answer as string[])[0]} by ${(answer as string[])[1]}`);
      }
      // Free text is matched in any case, also beyond ASCII: SQLite's lower() folded only ASCII, so
      // there rows did not find "Öz" for "öz" (PostgreSQL's did, as did the list of unchanged persons).
      const oz = twins.filter((i) => i.displayName.toLowerCase().includes('öz'));
      assert.deepEqual(
        (await store.runItems.all(blocks, { q: 'öz' })).map((i) => i.employeeNumber),
        expectedOrder(oz, 'name'),
      );
      const numbers = twins.map((i) => i.employeeNumber);
      assert.deepEqual(
        await store.runItems.names(connectionId, [], numbers, blocks),
        await store.runItems.names(connectionId, [], numbers, rows),
      );
    });

    test('a run with nobody unchanged, and a run with only unchanged persons, in blocks', async () => {
      const changed = MANY.filter((i) => i.action !== 'no-change').map((i) => ({
        ...i,
        displayName: `${i.displayName} changed`,
      }));
      const onlyChanged = await finish(changed);
      assert.equal(onlyChanged.unchangedCount, 0);
      const orders = await sql<{ n: number }>`
        select count(*) as n from run_item_orders where run_id = ${onlyChanged.id}`.execute(store.db);
      assert.equal(Number(orders.rows[0]?.n), 1, 'orders and index for a run with nobody unchanged too');
      const asRowsToo = await finish(changed);
      await asRows(store.db, asRowsToo, changed);
      assert.deepEqual(await everyListing(onlyChanged, 17), await everyListing(asRowsToo, 17));
      for (const sort of ['name', 'action', 'status'] as const)
        assert.deepEqual(
          (await store.runItems.all(onlyChanged, {}, sort)).map((i) => i.employeeNumber),
          expectedOrder(changed, sort),
        );
      const unchanged = MANY.filter((i) => i.action === 'no-change' && i.status !== 'warning');
      const onlyUnchanged = await finish(unchanged);
      const blocks = await sql<{ n: number }>`
        select count(*) as n from run_item_blocks where run_id = ${onlyUnchanged.id}`.execute(store.db);
      assert.equal(Number(blocks.rows[0]?.n), 0);
      assert.equal(onlyUnchanged.unchangedCount, unchanged.length);
      assert.equal((await store.runItems.list(onlyUnchanged, { changesOnly: true }, 'name', 1, 50)).total, 0);
      for (const sort of ['name', 'action', 'status'] as const) {
        const listed: string[] = [];
        for (let page = 1; page <= Math.ceil(unchanged.length / 41); page++)
          listed.push(
            ...(await store.runItems.list(onlyUnchanged, {}, sort, page, 41)).items.map(
              (i) => i.employeeNumber,
            ),
          );
        assert.deepEqual(listed, expectedOrder(unchanged, sort));
      }
      assert.equal((await store.runItems.list(onlyUnchanged, { action: 'update' }, 'name', 1, 50)).total, 0);
    });

    test('names with quotes, backslashes and line breaks are one line of their block, and read back whole', async () => {
      const odd = ['Quote "Q" de Vries', 'Back\\slash\\', 'Two\nlines', 'Separator\u2028here', '[",\n"]', ''];
      const people = odd.map((displayName, i) =>
        item(`n"${i}\\`, displayName, 'update', 'success', {
          changes: [{ attribute: 'manager', old: null, new: `n"${(i + 1) % odd.length}\\` }],
        }),
      );
      const all = [
        ...people,
        ...Array.from({ length: 40 }, (_, i) => item(`u${i}`, `Plain ${i}`, 'create', 'success')),
      ];
      const recorded = await finish(all);
      const block = await sql<{ data: Uint8Array }>`
        select data from run_item_blocks where run_id = ${recorded.id} and block = 0`.execute(store.db);
      assert.equal(new ItemBlock(block.rows[0]?.data as Uint8Array).length, ITEM_BLOCK, 'one line an item');
      const listed = await store.runItems.all(recorded, {});
      for (const p of all)
        assert.deepEqual(
          listed.find((i) => i.employeeNumber === p.employeeNumber),
          p,
        );
      assert.deepEqual(
        (await store.runItems.list(recorded, { q: 'two\nl' }, 'name', 1, 50)).items.map((i) => i.displayName),
        ['Two\nlines'],
      );
      const numbers = people.map((p) => p.employeeNumber);
      const named = await store.runItems.names(connectionId, [], numbers, recorded);
      assert.deepEqual(
        [...named.persons].sort(),
        people
          .filter((p) => p.displayName !== '')
          .map((p) => [p.employeeNumber, p.displayName])
          .sort(),
      );
      // Anyone of its stored items is named, mentioned by the run or not (from the run's index).
      assert.deepEqual(
        [...(await store.runItems.names(connectionId, [], ['u7'], recorded)).persons],
        [['u7', 'Plain 7']],
      );
      const overrides = await store.overrides.personNames(connectionId, [...numbers, 'u7']);
      for (const p of people) assert.equal(overrides.get(p.employeeNumber), p.displayName);
      assert.equal(overrides.get('u7'), 'Plain 7');
    });

    test("a run is recorded alike in any order of its items: the same blocks, orders, names and index, everyone in the run review's orders", async () => {
      // Names whose keys share their first characters, are shorter than two characters, are equal,
      // fold (case, diacritics), hold a surrogate pair or a NUL; managers mentioned by both kinds of person.
      const names = [
        '',
        'a',
        'A',
        'ab',
        'a b',
        'Ä',
        'Ångström',
        'ångström',
        '😀 Smile',
        '😀',
        'b\u0000c',
        'Zoë',
        'zoe',
      ];
      const people = Array.from({ length: 300 }, (_, i) => {
        const n = `p${String(i).padStart(4, '0')}`;
        const name =
          i % 4 === 0 ? (names[(i / 4) % names.length] as string) : `${names[i % names.length]} ${i % 7}`;
        const manager = {
          attribute: 'manager',
          old: null,
          new: `p${String((i * 31) % 300).padStart(4, '0')}`,
        };
        if (i % 3 === 0)
          return item(n, name, 'update', i % 2 === 0 ? 'success' : 'failed', { changes: [manager] });
        if (i % 5 === 0) return item(n, name, 'no-change', 'skipped');
        return item(n, name, 'no-change', 'success');
      });
      const shuffled = people
        .map((p, i) => [(i * 7919) % 301, p] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, p]) => p);
      const recorded = async (items: readonly RunItem[]) => {
        const done = await finish(items);
        const blocks = await sql<{ data: Uint8Array }>`
          select data from run_item_blocks where run_id = ${done.id} order by block`.execute(store.db);
        const orders = await sql<Record<string, unknown>>`
          select data, unchanged_names, item_names, items from run_item_orders where run_id = ${done.id}`.execute(
          store.db,
        );
        const everyone: Record<string, string[]> = {};
        for (const sort of ['name', 'action', 'status'] as const)
          everyone[sort] = (await store.runItems.all(done, {}, sort)).map((i) => i.employeeNumber);
        return {
          blocks: blocks.rows.map((b) => Buffer.from(b.data).toString('base64')),
          orders: orders.rows.map((r) =>
            Object.fromEntries(
              Object.entries(r).map(([k, v]) => [
                k,
                v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
              ]),
            ),
          ),
          everyone,
          list: done.unchangedList,
        };
      };
      const inOrder = await recorded(people);
      for (const sort of ['name', 'action', 'status'] as const)
        assert.deepEqual(inOrder.everyone[sort], expectedOrder(people, sort), sort);
      assert.deepEqual(await recorded(shuffled), inOrder, 'shuffled');
      assert.deepEqual(await recorded([...people].reverse()), inOrder, 'reversed');
    });

    test('a run whose unchanged persons are the same shares their list', async () => {
      const count = async () =>
        Number(
          (await sql<{ n: number }>`select count(*) as n from run_person_lists`.execute(store.db)).rows[0]?.n,
        );
      const lists = await count();
      const again = await finish(ITEMS);
      assert.equal(again.unchangedList, run.unchangedList);
      assert.equal(await count(), lists, 'no second list');
    });

    test("a run whose unchanged persons differ from the last run's only in a reason (a field, the keys' order) has a list of its own; a list pruned since is written again", async () => {
      const on = await bareConnection(store, organisationId, 'lists');
      const gone = (leadDays: number) => ({
        code: 'no-account-needed' as const,
        lifecycle: 'gone' as const,
        start: '2026-01-01',
        end: null,
        leadDays,
      });
      const unchanged = (n: number, reason: StepReason) =>
        item(String(9000 + n), `Person ${n}`, 'no-change', 'success', {
          steps: [{ step: 'plan', status: 'success', message: '', reason }],
        });
      // Over a chunk of the list (256): the one that differs is in its second chunk.
      const people = (last: StepReason) => [
        item('8999', 'Changed Person', 'update', 'success', {
          changes: [{ attribute: 'department', old: 'A', new: 'B' }],
        }),
        ...Array.from({ length: 300 }, (_, n) => unchanged(n, n === 299 ? last : { code: 'up-to-date' })),
      ];
      const listOf = async (r: Run) => {
        const everyone = await store.runItems.all(r, {});
        return JSON.stringify(everyone.find((i) => i.employeeNumber === '9299')?.steps);
      };
      const first = await finish(people(gone(3)), on);
      // Fresh objects, as each run makes them: the same list.
      const same = await finish(structuredClone(people(gone(3))), on);
      assert.equal(same.unchangedList, first.unchangedList);
      const field = await finish(people(gone(4)), on);
      assert.notEqual(field.unchangedList, first.unchangedList, 'a reason with another value');
      assert.match(await listOf(field), /"leadDays":4/);
      const { lifecycle, ...rest } = gone(4);
      const reordered = await finish(people({ ...rest, lifecycle } as never), on);
      assert.notEqual(reordered.unchangedList, field.unchangedList, "a reason's keys in another order");
      assert.match(await listOf(reordered), /"leadDays":4,"lifecycle":"gone"/);
      assert.match(await listOf(field), /"lifecycle":"gone","start"/);
      // The list of the last run removed (as retention removes a list no run names any more).
      await sql`delete from run_person_lists where hash = ${reordered.unchangedList}`.execute(store.db);
      const again = await finish(people({ ...rest, lifecycle } as never), on);
      assert.equal(again.unchangedList, reordered.unchangedList);
      const stored = await sql<{ n: number }>`
        select count(*) as n from run_person_lists where hash = ${again.unchangedList}`.execute(store.db);
      assert.equal(Number(stored.rows[0]?.n), 1, 'written again');
      assert.equal(
        JSON.stringify(await store.runItems.all(again, {})),
        JSON.stringify(await store.runItems.all(reordered, {})),
        'the list written again reads as the one removed',
      );
      assert.match(await listOf(again), /"leadDays":4,"lifecycle":"gone"/);
    });

    test("a run like the connection's last has its orders, index and kept names; one that differs in a rank or a name has its own", async () => {
      const on = await bareConnection(store, organisationId, 'again');
      const people = (status: ItemStatus, managerName: string) => [
        item('m1', managerName, 'no-change', 'success'),
        item('m2', 'Fatima Prins', 'update', 'success', {
          changes: [{ attribute: 'jobTitle', old: 'A', new: 'B' }],
        }),
        item('p1', 'Person 1', 'update', status, {
          changes: [{ attribute: 'manager', old: null, new: 'm1' }],
        }),
        item('p2', 'Person 2', 'update', 'success', {
          changes: [{ attribute: 'manager', old: 'm2', new: 'm1' }],
        }),
        item('p3', 'Person 3', 'no-change', 'success'),
      ];
      const orders = async (r: Run) =>
        (
          await sql<{ data: Uint8Array; items: Uint8Array }>`
            select data, items from run_item_orders where run_id = ${r.id}`.execute(store.db)
        ).rows.map((o) => [Buffer.from(o.data).toString('base64'), Buffer.from(o.items).toString('base64')]);
      const byStatus = async (r: Run) =>
        (await store.runItems.list(r, {}, 'status', 1, 50)).items.map(
          (i) => `${i.employeeNumber} ${i.status}`,
        );
      const first = await finish(people('success', 'Martijn Dekker'), on);
      const same = await finish(structuredClone(people('success', 'Martijn Dekker')), on);
      assert.deepEqual(await orders(same), await orders(first));
      const warned = await finish(people('warning', 'Martijn Dekker'), on);
      assert.notDeepEqual((await orders(warned))[0], (await orders(same))[0]);
      assert.deepEqual(await byStatus(warned), [
        'p1 warning',
        'm2 success',
        'm1 success',
        'p2 success',
        'p3 success',
      ]);
      assert.deepEqual(await byStatus(same), [
        'm2 success',
        'm1 success',
        'p1 success',
        'p2 success',
        'p3 success',
      ]);
      assert.deepEqual(
        (await store.runItems.list(warned, { status: 'warning' }, 'name', 1, 50)).items.map(
          (i) => i.employeeNumber,
        ),
        ['p1'],
      );
      const renamed = await finish(people('warning', 'Martijn de Dekker'), on);
      const named = async (r: Run) => (await store.runItems.names(on, [], ['m1', 'm2'], r)).persons.get('m1');
      assert.equal(await named(renamed), 'Martijn de Dekker');
      assert.equal(await named(warned), 'Martijn Dekker');
    });

    test('the tenant cache is replaced by a full read and changed per account by a delta', async () => {
      const engine = store.engineStore(connectionId);
      const state = { lastSourceCount: 3, targetCursor: 'c1', accountAttributes: ['mail'] };
      await engine.setState(state, {
        kind: 'replace',
        accounts: ['a', 'b', 'c'].map((id) => ({ id, attributes: { mail: `${id}@x.nl` } })),
      });
      assert.equal((await engine.getState()).targetCursor, 'c1');
      assert.equal((await engine.cachedAccounts())?.length, 3);
      const before = await sql<{ account_id: string; attributes: string }>`
        select account_id, attributes from tenant_accounts where connection_id = ${connectionId}`.execute(
        store.db,
      );
      assert.equal(before.rows.length, 3);
      await engine.setState(
        { ...state, targetCursor: 'c2' },
        { kind: 'changes', accounts: [{ id: 'b', attributes: { mail: 'new@x.nl' } }], removedIds: ['c'] },
      );
      const cached = new Map(((await engine.cachedAccounts()) ?? []).map((a) => [a.id, a.attributes.mail]));
      assert.deepEqual([...cached].sort(), [
        ['a', 'a@x.nl'],
        ['b', 'new@x.nl'],
      ]);
      // A state written before the cache had rows is not trusted: its cursor is dropped.
      await sql`update engine_state set state = ${JSON.stringify(state)} where connection_id = ${connectionId}`.execute(
        store.db,
      );
      assert.equal((await engine.getState()).targetCursor, null);
      assert.equal((await engine.getState()).lastSourceCount, 3);
    });

    test('retention prunes old run items and audit events in small batches, keeping the latest runs', async () => {
      await store.retention.set(organisationId, { runItemDays: 1, keepRuns: 1, auditDays: 30 });
      assert.deepEqual(await store.retention.get(organisationId), {
        runItemDays: 1,
        keepRuns: 1,
        auditDays: 30,
      });
      await store.audit.append({
        organisationId,
        actor: { type: 'system', id: null, name: 'test' },
        action: 'run.finished',
        outcome: 'success',
        message: 'an old event',
      });
      // The audit log still refuses a delete from anyone but the pruner.
      await assert.rejects(sql`delete from audit_events`.execute(store.db), /append-only/);
      // The runs' stored items (blocks, and rows of runs as recorded before 0450), by run.
      const storedBy = async (table: 'run_items' | 'run_item_blocks') =>
        new Map(
          (
            await sql<{ id: string; n: number }>`select run_id as id, count(*) as n from ${sql.table(table)}
              group by run_id`.execute(store.db)
          ).rows.map((r) => [r.id, Number(r.n)]),
        );
      const before = {
        run_items: await storedBy('run_items'),
        run_item_blocks: await storedBy('run_item_blocks'),
      };
      const later = store.withClock({ now: () => new Date(Date.now() + 40 * 86_400_000).toISOString() });
      const batches: number[] = [];
      for (;;) {
        const done = await later.retention.prune(2);
        if (done.runItems === 0 && done.auditEvents === 0) break;
        batches.push(done.runItems);
        assert.ok(batches.length < 1000, 'pruning ends');
      }
      assert.ok(batches.every((n) => n <= 2));
      const prunedRuns = (
        await sql<{ id: string }>`select id from runs where items_pruned_at is not null`.execute(store.db)
      ).rows.map((r) => r.id);
      for (const table of ['run_items', 'run_item_blocks'] as const) {
        const had = prunedRuns.reduce((n, id) => n + (before[table].get(id) ?? 0), 0);
        assert.ok(had > 10, `the pruned runs had ${table} (${had})`);
        const left = await storedBy(table);
        assert.equal(
          prunedRuns.reduce((n, id) => n + (left.get(id) ?? 0), 0),
          0,
          `no ${table} left of pruned runs`,
        );
      }
      const orders = await sql<{ n: number }>`
        select count(*) as n from run_item_orders where run_id = ${run.id}`.execute(store.db);
      assert.equal(Number(orders.rows[0]?.n), 0, 'nor their orders and index');
      const pruned = await store.runs.get(organisationId, run.id);
      assert.ok(pruned?.itemsPrunedAt, 'the older run lost its items');
      assert.equal(pruned?.unchangedCount, 4, 'its counts stay');
      assert.equal((await store.runItems.list(pruned as Run, {}, 'name', 1, 50)).total, 0);
      const runs = await store.runs.listForConnection(organisationId, connectionId, 1, 10);
      const latest = runs.items[0] as Run;
      assert.equal(latest.itemsPrunedAt, null, 'the latest run keeps its items');
      assert.equal((await store.runItems.list(latest, {}, 'name', 1, 50)).total, 9);
      const events = await store.audit.list(organisationId, {}, 1, 10);
      assert.equal(events.total, 0);
    });

    test('links are written many at once', async () => {
      const engine = store.engineStore(connectionId);
      const at = '2026-01-01T00:00:00.000Z';
      const links = Array.from({ length: 1200 }, (_, i) => ({
        employeeNumber: String(10_000 + i),
        accountId: `a${i}`,
        applied: { mail: `p${i}@x.nl` },
        linkedAt: at,
        updatedAt: at,
      }));
      await engine.putLinks?.(links);
      await engine.putLinks?.([{ ...links[0], accountId: 'moved' } as (typeof links)[number]]);
      const stored = await engine.links();
      assert.equal(stored.length, 1200);
      assert.equal(stored.find((l) => l.employeeNumber === '10000')?.accountId, 'moved');
    });
  });
}
