/**
 * Runs execute off the API's event loop (DESIGN.md §6): `hrsync demo` with 20,000 persons is asked
 * for a simulation, and while the run says it is planning, the API keeps answering /healthz and
 * the run's own status. Were the plan made on the API's thread, no request could be answered
 * between two "planning" answers. Cancelling a running simulation still works through the thread,
 * and that run is claimed by a new thread: the 20,000-person run grew the first one's heap past the
 * recycle limit, so it was replaced (its memory back to the system, issue 13 item 5).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadServiceConfig, type RunningDemo, startDemo } from '../../src/app/index.ts';
import { cancelRun, getRun, pathFor, signIn, simulate } from '../../src/contracts/index.ts';

const PERSONS = 20_000;

describe('runs in the run thread', () => {
  let demo: RunningDemo;
  let dataDir: string;
  let cookie = '';
  /** The worker id of the thread that ran the 20,000-person simulation. */
  let firstOwner: string | null = null;
  const ownerOf = async (runId: string) =>
    (await demo.service.runtime.store.runs.getById(runId))?.leaseOwner ?? null;

  // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever JSON the API answered
  const api = async (method: string, path: string): Promise<{ status: number; body: any }> => {
    const res = await fetch(demo.service.url + path, { method, headers: { cookie } });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : JSON.parse(text) };
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hrsync-run-thread-'));
    const config = {
      ...loadServiceConfig({ dataDir, host: '127.0.0.1', port: 0, logLevel: 'silent' }, {}),
      webDir: join(dataDir, 'no-console'),
      pollMs: 100,
      // A 20,000-person run grows the thread's heap far past 8 MB; past the default 64 MB only as
      // far as the garbage collector's timing lets it (ci3 saw it stay under once the runs allocated less).
      runThreadRecycleBytes: 8 * 1024 ** 2,
    };
    demo = await startDemo(config, { persons: PERSONS, print: () => {} });
    const res = await fetch(demo.service.url + pathFor(signIn), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demo.signIn),
    });
    assert.equal(res.status, 200);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });

  after(async () => {
    await demo?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test(`/healthz answers while a ${PERSONS.toLocaleString('en')}-person simulation is planned`, async () => {
    const queued = await api('POST', pathFor(simulate, { id: demo.connectionId }));
    assert.equal(queued.status, 202);
    const runPath = pathFor(getRun, { id: queued.body.id });
    let answeredWhilePlanning = 0;
    let planningSeen = false;
    let previousPlanning = false;
    let healthyAfterPlanning = 0;
    for (;;) {
      const run = (await api('GET', runPath)).body;
      const planning = run.status === 'running' && run.progress?.phase === 'plan';
      if (planning) planningSeen = true;
      if (planning && firstOwner === null) firstOwner = await ownerOf(queued.body.id);
      // A /healthz answer between two "planning" answers was given while the plan was being made.
      if (planning && previousPlanning) answeredWhilePlanning += healthyAfterPlanning;
      if (!['queued', 'running'].includes(run.status)) {
        // The demo company has leavers enough to trip the default thresholds: blocked is a finished plan too.
        assert.ok(['succeeded', 'blocked'].includes(run.status), JSON.stringify(run.error));
        assert.equal(run.sourceCount >= PERSONS * 0.9, true);
        break;
      }
      previousPlanning = planning;
      const health = await api('GET', '/healthz');
      assert.equal(health.status, 200);
      healthyAfterPlanning = planning ? 1 : 0;
    }
    assert.ok(planningSeen, 'the run was seen planning');
    assert.ok(answeredWhilePlanning > 0, '/healthz was answered while the run was planning');
  });

  test('a running simulation is cancelled through the thread', async () => {
    const queued = await api('POST', pathFor(simulate, { id: demo.connectionId }));
    assert.equal(queued.status, 202);
    const runPath = pathFor(getRun, { id: queued.body.id });
    for (;;) {
      const run = (await api('GET', runPath)).body;
      if (run.status === 'running') {
        const owner = await ownerOf(queued.body.id);
        assert.ok(owner !== null && firstOwner !== null);
        assert.notEqual(owner, firstOwner, 'the thread that ran 20,000 persons was replaced');
        break;
      }
      assert.equal(run.status, 'queued');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cancelled = await api('POST', pathFor(cancelRun, { id: queued.body.id }));
    assert.equal(cancelled.status, 200);
    for (;;) {
      const run = (await api('GET', runPath)).body;
      if (run.status !== 'running') {
        assert.equal(run.status, 'cancelled');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
