/**
 * Writes against the time-scaled Graph emulator: pacing just under the write quota, surviving a 429
 * storm, 503s, and connections reset after a create (ambiguous outcomes).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PlannedWrite } from '../../core/index.ts';
import { DOMAIN, existingUsers, type GraphFixture, startGraphFixture } from './emulator-fixture.ts';

/** `rounds` updates of every user's jobTitle, each a real change. */
function updates(fx: GraphFixture, rounds: number): PlannedWrite[] {
  const users = fx.users();
  return Array.from({ length: rounds }, (_, round) =>
    users.map(
      (u): PlannedWrite => ({
        kind: 'update',
        employeeNumber: String(u.employeeId),
        accountId: u.id,
        changes: [{ attribute: 'jobTitle', old: null, new: `Functie ${round}` }],
      }),
    ),
  ).flat();
}

// The emulator's token bucket: 600 writes per 150 s, time-scaled by 0.02 to 600 per 3 s (200/s).
const QUOTA = 600;
const WINDOW_MS = 3000;

describe('Graph writes under the write quota (time-scaled emulator)', () => {
  let fx: GraphFixture;
  before(async () => {
    fx = await startGraphFixture({
      users: existingUsers(300),
      timeScale: WINDOW_MS / 150_000,
      throttling: { writeQuota: QUOTA, writeWindowSeconds: 150 },
    });
  });
  after(() => fx.close());

  // Throughput is judged by `npm run bench` on a quiet machine; here a generous floor only catches a
  // pacer that stalls, so a busy machine cannot fail the suite.
  test('paced to the quota: at most 1 % answered 429, and no stall', async () => {
    const target = fx.target({ pacing: { quota: QUOTA, windowMs: WINDOW_MS } });
    const writes = updates(fx, 6);
    fx.graph.state.requests.reset();
    const started = performance.now();
    const outcomes = await target.apply(writes, {});
    const seconds = (performance.now() - started) / 1000;
    assert.ok(
      outcomes.every((o) => o.ok),
      JSON.stringify(outcomes.find((o) => !o.ok)),
    );
    assert.ok(fx.users().every((u) => u.jobTitle === 'Functie 5'));
    const achieved = writes.length / seconds / (QUOTA / (WINDOW_MS / 1000));
    const throttled = fx.graph.state.requests.counts().throttled;
    const share = throttled / target.stats.requests;
    console.log(
      `pacing: ${writes.length} writes in ${seconds.toFixed(2)} s = ${(writes.length / seconds).toFixed(1)}/s, ` +
        `${achieved.toFixed(3)} of the quota; ${throttled} of ${target.stats.requests} requests answered 429 (${(share * 100).toFixed(2)} %)`,
    );
    assert.equal(throttled, target.stats.throttled);
    assert.ok(achieved >= 0.25, `achieved ${achieved.toFixed(3)} of the quota`);
    assert.ok(share <= 0.01, `${(share * 100).toFixed(2)} % answered 429`);
  });

  test('a 429 storm (client configured for 4× the real quota) is survived: everything applied, few 429s', async () => {
    await new Promise((r) => setTimeout(r, WINDOW_MS)); // let the service's bucket refill
    const target = fx.target({ pacing: { quota: QUOTA * 4, windowMs: WINDOW_MS } });
    const writes = updates(fx, 6);
    fx.graph.state.requests.reset();
    const started = performance.now();
    const outcomes = await target.apply(writes, {});
    const seconds = (performance.now() - started) / 1000;
    assert.ok(
      outcomes.every((o) => o.ok),
      JSON.stringify(outcomes.find((o) => !o.ok)),
    );
    const throttled = fx.graph.state.requests.counts().throttled;
    const share = throttled / target.stats.requests;
    const achieved = writes.length / seconds / (QUOTA / (WINDOW_MS / 1000));
    console.log(
      `storm: ${writes.length} writes in ${seconds.toFixed(2)} s, ${achieved.toFixed(3)} of the real quota; ` +
        `${throttled} of ${target.stats.requests} requests answered 429 (${(share * 100).toFixed(2)} %)`,
    );
    assert.ok(throttled > 0, 'the storm should have happened');
    assert.ok(share <= 0.1, `${(share * 100).toFixed(2)} % answered 429`);
    assert.ok(achieved >= 0.25, `achieved ${achieved.toFixed(3)} of the real quota`);
  });
});

describe('Graph writes when the service fails', () => {
  let fx: GraphFixture;
  before(async () => {
    fx = await startGraphFixture({ users: existingUsers(40) });
  });
  after(() => fx.close());

  test('503 with Retry-After is waited out and the writes are applied', async () => {
    fx.graph.state.faults.apply({ serviceUnavailable: { count: 3, retryAfterSeconds: 0.2 } });
    const target = fx.target();
    const outcomes = await target.apply(updates(fx, 1), {});
    assert.ok(
      outcomes.every((o) => o.ok),
      JSON.stringify(outcomes.find((o) => !o.ok)),
    );
    // Three batches were answered 503 and their writes sent again. How many writes each held depends
    // on when the retries fell due (they may share a batch with writes still waiting), so the count
    // of requests lies between one resent write per 503 and three full batches of 20.
    assert.equal(fx.graph.state.requests.counts().byStatus['503'], 3);
    const resent = target.stats.requests - 40;
    assert.ok(resent >= 3 && resent <= 3 * 20, `${resent} writes were sent again`);
  });

  test('a connection reset after a create: the create is ambiguous, the other writes are repeated', async () => {
    fx.graph.state.faults.apply({ connectionReset: { count: 1, scope: 'create-user' } });
    const target = fx.target();
    const someone = fx.users()[0];
    const writes: PlannedWrite[] = [
      {
        kind: 'create',
        employeeNumber: 'N1',
        enabled: true,
        attributes: { userPrincipalName: `n1@${DOMAIN}`, displayName: 'N 1', employeeId: 'N1' },
      },
      {
        kind: 'update',
        employeeNumber: String(someone?.employeeId),
        accountId: someone?.id as string,
        changes: [{ attribute: 'department', old: null, new: 'Finance' }],
      },
    ];
    const [created, updated] = await target.apply(writes, {});
    assert.ok(created && !created.ok, JSON.stringify(created));
    assert.equal(created.ambiguous, true);
    assert.equal(created.retryable, true);
    assert.match(created.message, /may have been created/);
    assert.equal(updated?.ok, true);
    assert.equal(fx.users()[0]?.department, 'Finance');
    // The create did happen: re-matching finds it, so the engine links instead of creating twice.
    const found = await target.findAccounts('employeeId', 'N1', ['userPrincipalName']);
    assert.deepEqual(
      found.map((a) => a.attributes.userPrincipalName),
      [`n1@${DOMAIN}`],
    );
  });

  test('a connection reset before anything was done: creates are still ambiguous (the client cannot tell)', async () => {
    fx.graph.state.faults.apply({ connectionReset: { count: 1, scope: 'any' } });
    const target = fx.target();
    const [created] = await target.apply(
      [
        {
          kind: 'create',
          employeeNumber: 'N2',
          enabled: true,
          attributes: { userPrincipalName: `n2@${DOMAIN}`, displayName: 'N 2', employeeId: 'N2' },
        },
      ],
      {},
    );
    assert.ok(created && !created.ok && created.ambiguous);
    assert.deepEqual(await target.findAccounts('employeeId', 'N2', []), []);
  });

  test('cancelling stops new batches; what was not sent says so', async () => {
    const target = fx.target({ pacing: { quota: 40, windowMs: 60_000, burst: 20 } });
    const controller = new AbortController();
    const writes = updates(fx, 2);
    const outcomes = await target.apply(writes, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 20) controller.abort();
      },
    });
    const sent = outcomes.filter((o) => o.ok).length;
    assert.equal(sent, 20);
    const rest = outcomes.filter((o) => !o.ok);
    assert.equal(rest.length, writes.length - 20);
    assert.ok(rest.every((o) => !o.ok && o.retryable && !o.ambiguous && /cancelled/.test(o.message)));
  });
});
