import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunItem } from '../core/index.ts';
import { comparePlans } from './compare-plans.ts';

const item = (n: string, fields: Partial<RunItem> = {}): RunItem => ({
  employeeNumber: n,
  displayName: `Person ${n}`,
  action: 'update',
  status: 'success',
  accountId: `acc-${n}`,
  changes: [],
  steps: [],
  error: null,
  ...fields,
});

test('values: each attribute as it is now, after the first plan and after the second', () => {
  const before = [item('1', { changes: [{ attribute: 'department', old: 'Sales', new: 'Verkoop' }] })];
  const after = [
    item('1', {
      changes: [
        { attribute: 'jobTitle', old: 'Adviseur', new: 'Senior adviseur' },
        { attribute: 'department', old: 'Sales', new: 'Verkoop' },
      ],
    }),
  ];
  const d = comparePlans(before, after);
  assert.equal(d.changed, 1);
  assert.deepEqual(d.persons[0]?.attributes, [
    { attribute: 'jobTitle', current: 'Adviseur', before: 'Adviseur', after: 'Senior adviseur' },
  ]);
  assert.deepEqual(d.persons[0]?.kinds, ['values']);
});

test('the same plan, multi-valued attributes included, differs in nothing', () => {
  const one = [item('1', { changes: [{ attribute: 'businessPhones', old: [], new: ['+31 20 123'] }] })];
  const two = [item('1', { changes: [{ attribute: 'businessPhones', old: [], new: ['+31 20 123'] }] })];
  assert.equal(comparePlans(one, two).changed, 0);
});

test('actions, persons in one plan only, and a blocked run compared by its plan', () => {
  const before = [
    item('1', { status: 'blocked', action: 'disable' }),
    item('2', { action: 'create', accountId: null }),
  ];
  const after = [
    item('1', { action: 'disable' }),
    item('2', { action: 'out-of-scope', accountId: null }),
    item('3', { action: 'create', accountId: null, displayName: 'Aaron' }),
  ];
  const d = comparePlans(before, after);
  assert.equal(d.compared, 3);
  assert.equal(d.changed, 2, 'blocked vs planned is not a difference');
  assert.deepEqual(
    d.persons.map((p) => [p.employeeNumber, p.before?.action ?? null, p.after?.action ?? null]),
    [
      ['3', null, 'create'],
      ['2', 'create', 'out-of-scope'],
    ],
  );
  assert.deepEqual(d.transitions, [
    { from: 'absent', to: 'create', count: 1 },
    { from: 'create', to: 'out-of-scope', count: 1 },
  ]);
});

test('a new failure reason is a status difference; the list is bounded', () => {
  const before = [item('1'), item('2')];
  const after = [
    item('1', { status: 'failed', error: { code: 'X', message: 'too long' } }),
    item('2', { action: 'disable' }),
  ];
  const d = comparePlans(before, after, 1);
  assert.equal(d.changed, 2);
  assert.equal(d.persons.length, 1);
  assert.equal(d.truncated, true);
  assert.deepEqual(d.byKind, { action: 1, status: 1, values: 0 });
});
