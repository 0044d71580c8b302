import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BatchPacer } from './batch-pacer.ts';

/** A virtual clock: sleeping advances time instantly, so pacing maths is checked exactly. */
function virtualTime() {
  let now = 1_000_000;
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('BatchPacer', () => {
  test('a long run achieves about the target share of the quota and never exceeds it in any window', async () => {
    const time = virtualTime();
    const pacer = new BatchPacer({ quota: 3000, windowMs: 150_000 }, time.clock, time.sleep);
    const sends: number[] = [];
    const start = time.clock();
    for (let i = 0; i < 1000; i++) {
      await pacer.acquire(20);
      sends.push(time.clock());
    }
    const elapsed = time.clock() - start;
    const achieved = (20 * 1000) / elapsed / (3000 / 150_000);
    assert.ok(achieved > 0.93 && achieved <= 0.97, `achieved ${achieved.toFixed(3)} of the quota`);
    // Sliding check: no 150 s window holds more than the limit (97.5 % of 3000).
    assert.equal(pacer.limit, 2925);
    for (let i = 0, j = 0; i < sends.length; i++) {
      while ((sends[j] as number) <= (sends[i] as number) - 150_000) j++;
      assert.ok((i - j + 1) * 20 <= 2925, `window ending at send ${i} holds ${(i - j + 1) * 20}`);
    }
  });

  test('the first batches go at once (burst), then the steady pace applies', async () => {
    const time = virtualTime();
    const pacer = new BatchPacer({ quota: 100, windowMs: 10_000, burst: 40 }, time.clock, time.sleep);
    await pacer.acquire(20);
    await pacer.acquire(20);
    assert.equal(time.clock(), 1_000_000);
    await pacer.acquire(20);
    // 20 tokens at 9.5 per second
    assert.equal(time.clock() - 1_000_000, Math.ceil(20 / (95 / 10_000)));
  });

  test('the sliding window holds back a burst that would exceed the quota', () => {
    const time = virtualTime();
    const pacer = new BatchPacer(
      { quota: 40, windowMs: 1000, utilisation: 1, burst: 40 },
      time.clock,
      time.sleep,
    );
    assert.equal(pacer.delayFor(40, time.clock()), 0);
    void pacer.acquire(40);
    return Promise.resolve().then(() => {
      // All 40 went at t; the next one may go when they leave the window, even if tokens refilled.
      time.advance(999);
      assert.equal(pacer.delayFor(1, time.clock()), 1);
    });
  });

  test('a 429 pauses until its Retry-After, empties the bucket and halves the pace once per burst', async () => {
    const time = virtualTime();
    const pacer = new BatchPacer({ quota: 3000, windowMs: 150_000 }, time.clock, time.sleep);
    pacer.throttled(5000);
    pacer.throttled(5000);
    assert.equal(pacer.pace, 0.5);
    await pacer.acquire(20);
    // 5 s pause, then 20 tokens at half of 19 per second
    assert.equal(time.clock() - 1_000_000, 5000 + Math.ceil(20 / (2850 / 150_000 / 2)));
    assert.ok(pacer.pace > 0.5);
  });

  test('against a service with a quarter of the configured quota, the pace settles near it', async () => {
    const time = virtualTime();
    const pacer = new BatchPacer({ quota: 400, windowMs: 1000 }, time.clock, time.sleep);
    // The service: a token bucket of 100 per second (capacity 100), answering 429 when empty.
    let tokens = 100;
    let last = time.clock();
    let throttled = 0;
    const start = time.clock();
    for (let i = 0; i < 2000; i++) {
      await pacer.acquire(20);
      const now = time.clock();
      tokens = Math.min(100, tokens + ((now - last) * 100) / 1000);
      last = now;
      if (tokens >= 20) tokens -= 20;
      else {
        throttled++;
        pacer.throttled(((20 - tokens) * 1000) / 100);
      }
    }
    const served = (2000 - throttled) * 20;
    const achieved = served / ((time.clock() - start) / 1000) / 100;
    assert.ok(throttled / 2000 < 0.05, `${throttled} of 2000 batches throttled`);
    assert.ok(achieved > 0.6, `achieved ${achieved.toFixed(2)} of the real quota`);
  });

  test('callers are served in order, and a batch larger than the burst is refused', async () => {
    const time = virtualTime();
    const pacer = new BatchPacer({ quota: 100, windowMs: 1000, burst: 20 }, time.clock, time.sleep);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((i) => pacer.acquire(20).then(() => order.push(i))));
    assert.deepEqual(order, [1, 2, 3]);
    assert.throws(() => pacer.acquire(21), /burst/);
  });
});
