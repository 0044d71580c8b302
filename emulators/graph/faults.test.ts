import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { newUserBody, startTestEmulator, type TestEmulator, user } from './test-support.ts';

describe('fault injection', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator();
  });
  beforeEach(() => emu.state.reset());
  after(() => emu.close());

  const setFaults = async (faults: unknown) => {
    const response = await fetch(`${emu.httpUrl}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const userCount = () => emu.state.directory.userCount;

  test('503 with Retry-After for the next N requests, then normal service', async () => {
    const armed = await setFaults({ serviceUnavailable: { count: 2, retryAfterSeconds: 7 } });
    assert.equal(armed.status, 200);
    for (let i = 0; i < 2; i++) {
      const answer = await emu.call('GET', `/users/${user(1).id}`);
      assert.equal(answer.status, 503);
      assert.equal(answer.headers.get('retry-after'), '7');
      assert.equal(answer.body.error.code, 'ServiceUnavailable');
    }
    assert.equal((await emu.call('GET', `/users/${user(1).id}`)).status, 200);
    const counts = emu.state.requests.counts();
    assert.equal(counts.byStatus['503'], 2);
  });

  test('latency delays each Graph response', async () => {
    await setFaults({ latencyMs: 120 });
    const started = performance.now();
    assert.equal((await emu.call('GET', `/users/${user(1).id}`)).status, 200);
    assert.ok(performance.now() - started >= 110);
    await fetch(`${emu.httpUrl}/__admin/faults`, { method: 'DELETE' });
    assert.equal(emu.state.faults.latencyMs, 0);
  });

  test('connection reset drops the next N requests without processing them', async () => {
    await setFaults({ connectionReset: { count: 1 } });
    await assert.rejects(emu.call('POST', '/users', { body: newUserBody('dropped') }));
    assert.equal(userCount(), 3, 'the create never ran');
    assert.equal((await emu.call('POST', '/users', { body: newUserBody('dropped') })).status, 201);
  });

  test('create-user reset: the user is created, then the response is lost', async () => {
    await setFaults({ connectionReset: { count: 1, scope: 'create-user' } });
    // Other requests are not affected while the fault waits for a create.
    assert.equal((await emu.call('GET', `/users/${user(1).id}`)).status, 200);
    await assert.rejects(emu.call('POST', '/users', { body: newUserBody('lost', { employeeId: '4242' }) }));
    assert.equal(userCount(), 4, 'the create happened');
    // A client re-matches before retrying and finds the account.
    const rematch = await emu.call(
      'GET',
      `/users?$select=id&$filter=${encodeURIComponent("employeeId eq '4242'")}`,
    );
    assert.equal(rematch.body.value.length, 1);
    const retry = await emu.call('POST', '/users', { body: newUserBody('lost', { employeeId: '4242' }) });
    assert.equal(retry.status, 400, 'a blind retry conflicts');
  });

  test('create-user reset also fires for a $batch that creates a user', async () => {
    await setFaults({ connectionReset: { count: 1, scope: 'create-user' } });
    const requests = [
      {
        id: '1',
        method: 'POST',
        url: '/users',
        headers: { 'Content-Type': 'application/json' },
        body: newUserBody('inbatch'),
      },
    ];
    await assert.rejects(emu.call('POST', '/$batch', { body: { requests } }));
    assert.ok(emu.state.directory.findUser('inbatch@contoso.nl'));
  });

  test('bad fault settings are refused', async () => {
    assert.equal((await setFaults({ latencyMs: -1 })).status, 400);
    assert.equal((await setFaults({ connectionReset: { count: 1, scope: 'sometimes' } })).status, 400);
  });

  test('fault settings that are not what the emulator takes are refused with what and where', async () => {
    const cases: [unknown, string][] = [
      ['x', 'the body is "x"; expected an object'],
      [
        { latencMs: 5 },
        'latencMs is unknown; expected one of serviceUnavailable, latencyMs, connectionReset',
      ],
      [{ latencyMs: 1e12 }, 'latencyMs is 1000000000000; expected a whole number from 0 to 900000'],
      [
        { serviceUnavailable: { count: 1.5 } },
        'serviceUnavailable.count is 1.5; expected a whole number ≥ 0',
      ],
      [
        { connectionReset: { count: 1, scope: 'all' } },
        'connectionReset.scope is "all"; expected "any" or "create-user"',
      ],
    ];
    const wrong: string[] = [];
    for (const [body, error] of cases) {
      const answer = await setFaults(body);
      if (answer.status !== 400 || answer.body.error !== error)
        wrong.push(`${JSON.stringify(body)}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    assert.deepEqual(wrong, []);
    assert.equal(emu.state.faults.latencyMs, 0);
  });

  test('faults can be armed at start', async () => {
    const armed = await startTestEmulator({ faults: { serviceUnavailable: { count: 1 } } });
    try {
      assert.equal((await armed.call('GET', '/users')).status, 503);
      assert.equal((await armed.call('GET', '/users')).status, 200);
    } finally {
      await armed.close();
    }
  });
});
