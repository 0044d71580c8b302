import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startTestEmulator, user } from './test-support.ts';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('throttling over HTTP', () => {
  test('over the write quota: 429 TooManyRequests with Retry-After and throttle headers; later it passes', async () => {
    // 5 writes per 150 s × 0.01 = per 1.5 s: one write frees up every 0.3 s. The emulator's clock
    // is the test's, so a slow machine cannot refill the bucket between requests.
    let clock = Date.now();
    const emu = await startTestEmulator({ timeScale: 0.01, throttling: { writeQuota: 5 }, now: () => clock });
    try {
      const patch = () => emu.call('PATCH', `/users/${user(1).id}`, { body: { jobTitle: 'x' } });
      for (let i = 0; i < 5; i++) assert.equal((await patch()).status, 204);
      const throttled = await patch();
      assert.equal(throttled.status, 429);
      assert.equal(throttled.body.error.code, 'TooManyRequests');
      const retryAfter = Number(throttled.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= 0.3, String(retryAfter));
      assert.match(throttled.headers.get('x-ms-throttle-scope') ?? '', /^Tenant_Application\/Write\//);
      assert.equal(throttled.headers.get('x-ms-throttle-information'), 'WriteLimitExceeded');
      // Reads have their own (resource-unit) quota and still pass.
      assert.equal((await emu.call('GET', `/users/${user(1).id}`)).status, 200);
      clock += retryAfter * 1000 + 1;
      assert.equal((await patch()).status, 204);
      const counts = emu.state.requests.counts();
      assert.equal(counts.throttled, 1);
    } finally {
      await emu.close();
    }
  });

  test('inside $batch each item is throttled on its own', async () => {
    const emu = await startTestEmulator({ timeScale: 0.01, throttling: { writeQuota: 5 } });
    try {
      const requests = Array.from({ length: 8 }, (_, i) => ({
        id: String(i),
        method: 'PATCH',
        url: `/users/${user(1 + (i % 3)).id}`,
        headers: JSON_HEADERS,
        body: { jobTitle: `t${i}` },
      }));
      const answer = await emu.call('POST', '/$batch', { body: { requests } });
      assert.equal(answer.status, 200);
      const statuses = answer.body.responses.map((r: { status: number }) => r.status);
      assert.equal(statuses.filter((s: number) => s === 204).length, 5);
      const throttled = answer.body.responses.filter((r: { status: number }) => r.status === 429);
      assert.equal(throttled.length, 3);
      for (const item of throttled) {
        assert.ok(Number(item.headers['Retry-After']) > 0);
        assert.equal(item.body.error.code, 'TooManyRequests');
      }
      const counts = emu.state.requests.counts();
      const batch429 = counts.routes.find((r) => r.status === 429);
      assert.deepEqual(batch429 && { count: batch429.count, viaBatch: batch429.viaBatch }, {
        count: 3,
        viaBatch: 3,
      });
    } finally {
      await emu.close();
    }
  });

  test('the documented 3,000-write quota holds against a fast client (time scale 0.1: 200 writes/s)', async () => {
    // The test's clock moves 40 ms per round of 8 batches (160 writes offered per 40 ms = 4,000/s,
    // twenty times the sustained rate), whatever the machine's speed.
    let clock = Date.now();
    const emu = await startTestEmulator({ timeScale: 0.1, now: () => clock });
    try {
      const started = clock;
      let accepted = 0;
      let throttled = 0;
      const sendBatch = async (round: number) => {
        const requests = Array.from({ length: 20 }, (_, i) => ({
          id: String(i),
          method: 'PATCH',
          url: `/users/${user(1 + (i % 3)).id}`,
          headers: JSON_HEADERS,
          body: { jobTitle: `r${round}` },
        }));
        const answer = await emu.call('POST', '/$batch', { body: { requests } });
        for (const r of answer.body.responses) {
          if (r.status === 204) accepted++;
          else if (r.status === 429) throttled++;
        }
      };
      for (let round = 0; round < 200; round += 8) {
        await Promise.all(Array.from({ length: 8 }, (_, k) => sendBatch(round + k)));
        clock += 40;
      }
      const elapsedSeconds = (clock - started) / 1000;
      assert.ok(throttled > 0, 'some writes were throttled');
      assert.ok(accepted >= 3000, `accepted ${accepted}`);
      assert.ok(
        accepted <= 3000 + Math.ceil(elapsedSeconds * 200) + 20,
        `accepted ${accepted} in ${elapsedSeconds}s`,
      );
      const throttling = (await (await fetch(`${emu.httpUrl}/__admin/throttling`)).json()) as {
        write: { quota: number; effectiveWindowSeconds: number; sustainedPerSecond: number };
      };
      assert.deepEqual(throttling.write, {
        quota: 3000,
        windowSeconds: 150,
        effectiveWindowSeconds: 15,
        sustainedPerSecond: 200,
      });
    } finally {
      await emu.close();
    }
  });
});
