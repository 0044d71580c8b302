import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { requestCost } from './request-cost.ts';
import { formatRetryAfter, Throttle } from './throttle.ts';

const WRITE = { resourceUnits: 1, writes: 1 };

describe('Throttle (token buckets per app+tenant)', () => {
  test('3,000 writes per 150 s: the 3,001st waits for one token (50 ms at 20 writes/s)', () => {
    const now = 1_000_000;
    const throttle = new Throttle({}, 1, () => now);
    for (let i = 0; i < 3000; i++)
      assert.equal(throttle.check('app', 'tenant', WRITE, 10).allowed, true, `write ${i}`);
    const denied = throttle.check('app', 'tenant', WRITE, 10);
    assert.equal(denied.allowed, false);
    assert.ok(!denied.allowed && Math.abs(denied.retryAfterMs - 50) < 1e-6);
    assert.ok(!denied.allowed && denied.information === 'WriteLimitExceeded' && denied.limit === 'Write');
    // Another app, or the same app in another tenant, has its own quota.
    assert.equal(throttle.check('other-app', 'tenant', WRITE, 10).allowed, true);
    assert.equal(throttle.check('app', 'other-tenant', WRITE, 10).allowed, true);
  });

  test('timeScale shrinks the window and keeps the quota', () => {
    let now = 0;
    const throttle = new Throttle({}, 0.01, () => now);
    for (let i = 0; i < 3000; i++) throttle.check('app', 'tenant', WRITE, 10);
    const denied = throttle.check('app', 'tenant', WRITE, 10);
    assert.ok(!denied.allowed && Math.abs(denied.retryAfterMs - 0.5) < 1e-6);
    now += 1500;
    for (let i = 0; i < 3000; i++) assert.equal(throttle.check('app', 'tenant', WRITE, 10).allowed, true);
    const description = throttle.describe(10);
    assert.equal(description.write.quota, 3000);
    assert.equal(description.write.windowSeconds, 150);
    assert.equal(description.write.effectiveWindowSeconds, 1.5);
    assert.equal(description.write.sustainedPerSecond, 2000);
  });

  test('resource units: the quota follows tenant size; GET users costs 2, $select saves 1', () => {
    const now = 0;
    const throttle = new Throttle({}, 1, () => now);
    assert.equal(throttle.describe(49).resourceUnits.quota, 3500);
    assert.equal(throttle.describe(50).resourceUnits.quota, 5000);
    assert.equal(throttle.describe(501).resourceUnits.quota, 8000);
    const list = requestCost('GET', 2, new URLSearchParams());
    assert.deepEqual(list, { resourceUnits: 2, writes: 0 });
    assert.deepEqual(requestCost('GET', 2, new URLSearchParams('$select=id')), {
      resourceUnits: 1,
      writes: 0,
    });
    assert.deepEqual(requestCost('GET', 3, new URLSearchParams('$top=5&$select=id')), {
      resourceUnits: 1,
      writes: 0,
    });
    assert.deepEqual(requestCost('GET', 1, new URLSearchParams('$expand=manager')), {
      resourceUnits: 2,
      writes: 0,
    });
    for (let i = 0; i < 1750; i++) assert.equal(throttle.check('app', 't', list, 10).allowed, true);
    const denied = throttle.check('app', 't', list, 10);
    assert.ok(
      !denied.allowed && denied.information === 'ResourceUnitLimitExceeded' && denied.limit === 'Read',
    );
  });

  test('Retry-After is whole seconds at real time, milliseconds when scaled', () => {
    assert.equal(formatRetryAfter(50, 1), '1');
    assert.equal(formatRetryAfter(2500, 1), '3');
    assert.equal(formatRetryAfter(0.5, 0.01), '0.001');
    assert.equal(formatRetryAfter(333.2, 0.01), '0.334');
  });

  test('disabled throttling allows everything', () => {
    const throttle = new Throttle({ enabled: false, writeQuota: 1 }, 1, () => 0);
    for (let i = 0; i < 10; i++) assert.equal(throttle.check('a', 't', WRITE, 1).allowed, true);
  });
});
