import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { environmentLimiter, RequestLimiter } from './request-limiter.ts';

describe('RequestLimiter', () => {
  test('never runs more than the limit at once, and runs everything', async () => {
    const limiter = new RequestLimiter(3);
    let running = 0;
    let most = 0;
    const task = async (i: number) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 2 + (i % 3)));
      running--;
      return i;
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.run(() => task(i))));
    assert.deepEqual(
      results,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.equal(most, 3);
    assert.equal(limiter.peak, 3);
  });

  test('a waiting task leaves the queue when its signal aborts', async () => {
    const limiter = new RequestLimiter(1);
    let release!: () => void;
    const first = limiter.run(() => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    const second = limiter.run(async () => 'ran', controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(second, /stop/);
    release();
    await first;
    assert.equal(await limiter.run(async () => 'free again'), 'free again');
  });
});

test('two sources on one AFAS environment share its 8 parallel calls', async () => {
  const a = environmentLimiter('https://12345.rest.afas.online/ProfitRestServices/connectors/X');
  const b = environmentLimiter('https://12345.REST.afas.online/profitrestservices/metainfo');
  assert.equal(a, b);
  assert.notEqual(a, environmentLimiter('https://54321.rest.afas.online/ProfitRestServices'));
  const sources = [new RequestLimiter(8), new RequestLimiter(8)];
  let active = 0;
  let peak = 0;
  const call = () =>
    a.run(async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    });
  await Promise.all(sources.flatMap((s) => Array.from({ length: 12 }, () => s.run(call))));
  assert.equal(peak, 8);
});
