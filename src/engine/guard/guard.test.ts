import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlannedWrite } from '../../core/index.ts';
import type { PersonPlan, Plan } from '../plan/index.ts';
import { guard } from './guard.ts';

function planWith(disables: number, managed: number, sourceCount: number): Plan {
  const persons: PersonPlan[] = Array.from({ length: disables }, (_, i) => {
    const write: PlannedWrite = { kind: 'disable', employeeNumber: String(i), accountId: `a${i}` };
    return {
      item: {
        employeeNumber: String(i),
        displayName: '',
        action: 'disable',
        status: 'success',
        accountId: `a${i}`,
        changes: [],
        steps: [],
        error: null,
      },
      writes: [write],
      newLink: false,
      dropLink: false,
      applied: {},
    };
  });
  return { persons, managedAccounts: managed, sourceCount };
}

const thresholds = { maxDisableDeleteCount: 10, maxDisableDeletePercent: 5, maxSourceShrinkPercent: 10 };

test('under every threshold passes', () => {
  assert.deepEqual(guard({ plan: planWith(4, 100, 100), thresholds, lastSourceCount: 100 }), {
    blocked: false,
  });
});

test('count, percent and shrink thresholds each block with the reason', () => {
  const count = guard({ plan: planWith(11, 1000, 1000), thresholds, lastSourceCount: 1000 });
  assert.ok(count.blocked && /11 disables \+ deletes, over the limit of 10/.test(count.reason));
  const percent = guard({ plan: planWith(6, 100, 100), thresholds, lastSourceCount: 100 });
  assert.ok(percent.blocked && /6.0% of 100 managed accounts/.test(percent.reason));
  const shrink = guard({ plan: planWith(0, 100, 80), thresholds, lastSourceCount: 100 });
  assert.ok(shrink.blocked && /shrank from 100 to 80/.test(shrink.reason));
});

test('an empty source never passes while accounts are managed', () => {
  const r = guard({
    plan: planWith(0, 50, 0),
    thresholds: { ...thresholds, maxSourceShrinkPercent: null },
    lastSourceCount: null,
  });
  assert.ok(r.blocked && /no persons at all/.test(r.reason));
});
