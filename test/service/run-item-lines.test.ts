/**
 * A stored item's line is compact (run-item-lines.ts) and reads back as the item the API returned when
 * lines held keyed objects: a reason of every code, every stored item of a real run (a demo company
 * simulated, synced and simulated again), and — on both stores — a block written before beside blocks
 * written now, paged and filtered alike.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { generateCompany } from '../../emulators/demo-data/index.ts';
import {
  ITEM_STATUSES,
  type RunItem,
  type RunStep,
  type StepReason,
  type StepReasonCode,
} from '../../src/core/index.ts';
import { openStore, type Run, type Store } from '../../src/store/index.ts';
import { encodeBlock, ItemBlock, itemLine, lineItem } from '../../src/store/repositories/run-item-blocks.ts';
import { isUnchanged } from '../../src/store/repositories/run-person-list.ts';
import { startStack, TODAY } from '../engine/stack.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './support/databases.ts';
import { bareConnection, recordedRun } from './support/queue.ts';

/** A line as written before the compact format: changes, steps and reasons as keyed objects. */
const olderLine = (item: RunItem): string =>
  JSON.stringify([
    item.employeeNumber,
    item.displayName,
    item.action,
    item.status,
    item.accountId,
    item.changes,
    item.steps.map((s) => [s.step, s.status, s.reason ?? s.message ?? null]),
    item.error,
  ]);

/** The item as the API returned it from a line written before (as that format's reader read it). */
function asBefore(item: RunItem): RunItem {
  const [employeeNumber, displayName, action, status, accountId, changes, steps, error] = JSON.parse(
    olderLine(item),
  );
  return {
    employeeNumber,
    displayName,
    action,
    status,
    accountId,
    changes: changes ?? [],
    steps: (steps ?? []).map(([step, s, why]: [RunStep['step'], RunStep['status'], unknown]) =>
      typeof why === 'string'
        ? { step, status: s, message: why }
        : { step, status: s, message: '', reason: why as StepReason },
    ),
    error: error ?? null,
  };
}

/** A reason of every code (a new code does not compile until it has one here). */
const REASONS: { readonly [C in StepReasonCode]: Extract<StepReason, { readonly code: C }> } = {
  person: {
    code: 'person',
    lifecycle: 'active',
    employments: 2,
    primary: '100002-2-1',
    start: '2026-09-23',
    end: null,
    unit: 'Privacy "Assen" C\\',
    hire: '2026-09-23',
  },
  'missing-from-source': { code: 'missing-from-source' },
  linked: { code: 'linked', account: 'a1', since: '2026-01-02T03:04:05Z', override: false },
  matched: { code: 'matched', account: 'a1', attribute: 'employeeId', value: '100002', unlinked: null },
  'no-account': {
    code: 'no-account',
    tried: [{ attribute: 'employeeId', value: '100005', leftOut: 0 }],
    staleLink: null,
    unlinkedByOverride: false,
  },
  conflict: { code: 'conflict', attribute: 'mail', value: 'a@contoso.nl', accounts: ['a1', 'a2'] },
  'conflict-linked-elsewhere': {
    code: 'conflict-linked-elsewhere',
    account: 'a1',
    attribute: 'mail',
    value: 'a@contoso.nl',
    owner: '100003',
  },
  'override-account-gone': { code: 'override-account-gone', account: 'a9' },
  excluded: { code: 'excluded', by: 'admin@contoso.nl', note: null },
  'up-to-date': { code: 'up-to-date' },
  update: { code: 'update', count: 3 },
  enable: { code: 'enable', lifecycle: 'active', count: 3 },
  disable: { code: 'disable', lifecycle: 'leaver', count: 1 },
  create: { code: 'create', enabled: false, upn: 'thijs.post@contoso.nl', start: '2026-11-29', leadDays: 14 },
  'no-account-needed': {
    code: 'no-account-needed',
    lifecycle: 'pre-hire',
    start: '2027-03-01',
    end: null,
    leadDays: 14,
  },
  'delete-due': { code: 'delete-due', end: '2026-01-31', days: 30 },
  'out-of-scope-left': { code: 'out-of-scope-left', account: true },
  'out-of-scope-write': { code: 'out-of-scope-write', policy: 'disable' },
  'missing-disable': { code: 'missing-disable' },
  'missing-left': { code: 'missing-left' },
  manager: { code: 'manager', old: null, new: '101244' },
  'manager-unresolved': { code: 'manager-unresolved', manager: '999999', name: null, why: 'not-in-read' },
  'name-taken': {
    code: 'name-taken',
    first: 'a@contoso.nl',
    why: null,
    chosen: 'a2@contoso.nl',
    candidate: 2,
  },
  refused: {
    code: 'refused',
    target: 'Microsoft Entra ID',
    create: true,
    problems: [
      { attribute: 'surname', problem: 'too-long', length: 68, max: 64, value: 'x'.repeat(68) },
      { attribute: 'usageLocation', problem: 'required' },
    ],
  },
  'container-unusable': {
    code: 'container-unusable',
    create: true,
    attribute: 'parentDistinguishedName',
    container: 'OU=Nowhere,DC=hrsync,DC=test',
    problem: 'missing',
  },
  'outside-read': {
    code: 'outside-read',
    create: false,
    attribute: 'parentDistinguishedName',
    container: 'OU=Extern,DC=other,DC=test',
    base: 'DC=hrsync,DC=test',
  },
  shortened: {
    code: 'shortened',
    target: 'Microsoft Entra ID',
    attribute: 'businessPhones',
    max: 1,
    old: ['020-1111111', '020-2222222'],
    new: ['020-1111111'],
  },
  'owned-elsewhere': {
    code: 'owned-elsewhere',
    owner: 'Active Directory',
    changes: [{ attribute: 'department', old: 'ICT', new: 'Sales' }],
    lifecycle: null,
  },
  quarantined: { code: 'quarantined', since: '2026-11-01T00:00:00Z', because: 'refused twice' },
  released: { code: 'released', since: '2026-11-01T00:00:00Z', because: 'refused twice', byOperator: true },
  created: { code: 'created', account: 'a3' },
  applied: { code: 'applied', write: 'update' },
  'manager-set': { code: 'manager-set' },
  'written-back': { code: 'written-back' },
};

/** Each step of a line as stored: a reason stored as a keyed object is one a tuple could not hold. */
const storedWhys = (line: string): unknown[] =>
  (JSON.parse(line)[6] as unknown[][]).map((s) => s[s.length - 1]);

test('a reason of every code, steps of every status and changes of every value read back as before', () => {
  const steps: RunStep[] = [
    ...Object.values(REASONS).map((reason, i) => ({
      step: 'plan' as const,
      status: ITEM_STATUSES[i % ITEM_STATUSES.length] as RunStep['status'],
      message: 'not stored beside a reason',
      reason,
    })),
    { step: 'scope', status: 'success', message: 'no scoping filters: everyone is in scope' },
    { step: 'scope', status: 'skipped', message: 'filter 1: department EQUALS "Sales"' },
    { step: 'apply', status: 'warning', message: '' },
    // Fewer fields than its code's (read back without the others), and keys in another order.
    { step: 'plan', status: 'success', message: '', reason: { code: 'manager', old: null } as never },
    {
      step: 'plan',
      status: 'success',
      message: '',
      reason: { new: 'b', code: 'manager', old: 'a' } as never,
    },
    { step: 'plan', status: 'success', message: '', reason: { code: 'update', count: 1, extra: 2 } as never },
  ];
  const item: RunItem = {
    employeeNumber: '100002',
    displayName: 'Bas "de" Vermeulen\n',
    action: 'update',
    status: 'warning',
    accountId: null,
    changes: [
      { attribute: 'department', old: 'ICT', new: 'Sales' },
      { attribute: 'businessPhones', old: [], new: ['+31407477441', 'b'] },
      { attribute: 'accountEnabled', old: false, new: true },
      { attribute: 'extensionAttribute1', old: 1.5, new: null },
    ],
    steps,
    error: { code: 'HRS_MATCH_AMBIGUOUS', message: 'two accounts', accounts: ['a1', 'a2'] },
  };
  const line = itemLine(item);
  assert.deepStrictEqual(lineItem(line), asBefore(item));
  assert.equal(lineItem(olderLine(item)).steps.length, steps.length, 'a line written before reads as it did');
  assert.deepStrictEqual(lineItem(olderLine(item)), asBefore(item));
  assert.equal(typeof JSON.parse(line)[5][0], 'string', 'the changes are one list, not keyed objects');
  assert.doesNotMatch(line, /"code":"(person|matched)"|"success",|no scoping/);
  const objects = storedWhys(line).filter((w) => w !== null && typeof w === 'object' && !Array.isArray(w));
  assert.equal(objects.length, 2, 'only the reasons whose keys a tuple cannot hold are stored as objects');
  // A change with an undefined value: the changes are stored as objects, which leave that key out.
  const loose = { ...item, changes: [{ attribute: 'department', old: undefined, new: 'x' } as never] };
  assert.deepStrictEqual(lineItem(itemLine(loose)), asBefore(loose));
});

describe('a real run', () => {
  /** Every stored item of a simulation, a sync and a simulation after it, of a demo company. */
  const stored: RunItem[] = [];

  before(async () => {
    const demo = generateCompany({ persons: 2000, seed: 2026, today: TODAY.slice(0, 10) });
    // The Graph write quota's time scaled down: what is recorded is the point here, not the pacing.
    const stack = await startStack(demo.afas, demo.tenant, {
      timeScale: 0.02,
      configure: (c) => ({
        ...c,
        thresholds: {
          maxDisableDeleteCount: null,
          maxDisableDeletePercent: null,
          maxSourceShrinkPercent: null,
        },
      }),
    });
    try {
      for (const kind of ['simulation', 'sync', 'simulation'] as const) {
        const outcome = await stack.run(kind);
        assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
        stored.push(...outcome.items.filter((i) => !isUnchanged(i)));
      }
    } finally {
      await stack.close();
    }
  });

  test("every stored item reads back as before, from a line ~45 % shorter with no reason's keys", () => {
    assert.ok(stored.length > 1000, `${stored.length} stored items`);
    let before = 0;
    let now = 0;
    const codes = new Set<string>();
    for (const item of stored) {
      const line = itemLine(item);
      assert.deepStrictEqual(lineItem(line), asBefore(item), item.employeeNumber);
      for (const why of storedWhys(line))
        assert.ok(
          why === null || typeof why !== 'object' || Array.isArray(why),
          `${item.employeeNumber}: ${line}`,
        );
      for (const s of item.steps) if (s.reason) codes.add(s.reason.code);
      before += olderLine(item).length;
      now += line.length;
    }
    for (const code of ['person', 'matched', 'no-account', 'create', 'created', 'manager', 'update'])
      assert.ok(codes.has(code), `the run has ${code}: ${[...codes].join(', ')}`);
    assert.ok(now < 0.65 * before, `${now} characters, ${before} before`);
  });

  for (const dialect of DIALECTS) {
    describe(`on ${dialect}`, () => {
      let database: TestDatabase;
      let store: Store;
      let organisationId: string;
      let connectionId: string;
      const finish = (items: readonly RunItem[]): Promise<Run> =>
        recordedRun(store, organisationId, connectionId, items);

      before(async () => {
        database = await createTestDatabase(dialect);
        store = await openStore({
          databaseUrl: database.databaseUrl,
          sqliteFile: database.sqliteFile,
          secretKey: randomBytes(32),
        });
        organisationId = (await store.organisations.create('Org')).id;
        connectionId = await bareConnection(store, organisationId, 'c');
      });
      after(async () => {
        await store?.close();
        await database?.dispose();
      });

      test('a block written before and blocks written now page and filter alike', async () => {
        // One item a person (the last run's), as a run has them.
        const items = [...new Map(stored.map((i) => [i.employeeNumber, i])).values()];
        const now = await finish(items);
        const mixed = await finish(items);
        // The second run's first two blocks rewritten as they were written before, read by nothing yet.
        const blocks = await sql<{ block: number; data: Uint8Array }>`
          select block, data from run_item_blocks where run_id = ${mixed.id} and block < 2`.execute(store.db);
        assert.equal(blocks.rows.length, 2);
        for (const b of blocks.rows) {
          const block = new ItemBlock(b.data);
          const older = Array.from({ length: block.length }, (_, i) =>
            olderLine(lineItem(block.line(i) as string)),
          );
          assert.match(older[0] as string, /"attribute":|"code":/);
          await sql`update run_item_blocks set data = ${encodeBlock(older)}
            where run_id = ${mixed.id} and block = ${b.block}`.execute(store.db);
        }
        const byNumber = new Map(items.map((i) => [i.employeeNumber, asBefore(i)]));
        const listed = await store.runItems.all(now, { changesOnly: true });
        assert.equal(listed.length, items.length);
        for (const i of listed) assert.deepStrictEqual(i, byNumber.get(i.employeeNumber));
        assert.deepStrictEqual(await store.runItems.all(mixed, { changesOnly: true }), listed);
        const attribute =
          items.flatMap((i) => i.changes).find((c) => typeof c.new === 'string')?.attribute ?? '';
        for (const query of [
          { attribute: 'department' },
          { attribute },
          { value: 'contoso' },
          { value: 'A' },
        ]) {
          const filtered = (run: Run) =>
            store.runItems
              .all(run, { ...query, changesOnly: true })
              .then((xs) => xs.map((i) => i.employeeNumber));
          const expected = listed
            .filter((i) =>
              i.changes.some(
                (c) =>
                  (!query.attribute || c.attribute === query.attribute) &&
                  (!query.value ||
                    [c.old, c.new].some((v) =>
                      (Array.isArray(v) ? v.join(', ') : v === null ? '' : String(v))
                        .toLowerCase()
                        .includes((query.value as string).toLowerCase()),
                    )),
              ),
            )
            .map((i) => i.employeeNumber);
          assert.ok(expected.length > 0, JSON.stringify(query));
          assert.deepStrictEqual(await filtered(now), expected, JSON.stringify(query));
          assert.deepStrictEqual(await filtered(mixed), expected, JSON.stringify(query));
        }
      });
    });
  }
});
