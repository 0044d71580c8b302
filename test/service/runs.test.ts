import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  activateConnection,
  activateConnectionAnyway,
  approveRun,
  cancelRun,
  deactivateConnection,
  discardRun,
  exportRunItemsCsv,
  exportRunItemsJson,
  getConfiguration,
  getConnection,
  getRetention,
  getRun,
  listAuditEvents,
  listRunItems,
  listRuns,
  saveScopeStep,
  setRetention,
  simulate,
  sync,
  syncPerson,
} from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor } from './support/fixtures.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService } from './support/service.ts';

for (const dialect of DIALECTS) {
  describe(`runs on ${dialect}`, () => {
    let svc: Service;
    let tenantId: string;
    let activeId: string;
    before(async () => {
      svc = await startService(dialect);
      tenantId = (await createTenantFor(svc)).tenantId;
    });
    after(async () => svc?.close());

    test('simulate → review → activate → sync: the whole path, with every refusal on the way', async () => {
      const { id } = await configuredConnection(svc, 4, tenantId);
      activeId = id;
      const early = await svc.call(activateConnection, { as: 'operator', params: { id } });
      assert.equal(early.status, 409);
      assert.match(early.body.error.message, /Run a simulation first/);
      const syncEarly = await svc.call(sync, { as: 'operator', params: { id } });
      assert.equal(syncEarly.status, 409);
      assert.match(syncEarly.body.error.message, /in the Simulation state; activate the connection first/);
      assert.equal((await svc.call(simulate, { as: 'viewer', params: { id } })).status, 403);

      const queued = await svc.call(simulate, { as: 'operator', params: { id } });
      assert.equal(queued.status, 202, queued.text);
      assert.equal(queued.body.status, 'queued');
      assert.equal(queued.body.kind, 'simulation');
      const twice = await svc.call(simulate, { as: 'operator', params: { id } });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.error.code, 'HRS_CONFLICT');
      assert.equal(await svc.drain(), 1);

      const run = await svc.call(getRun, { as: 'viewer', params: { id: queued.body.id } });
      assert.equal(run.body.status, 'succeeded', run.text);
      assert.equal(run.body.counts.actions.create, 3);
      assert.equal(run.body.sourceCount, 3);
      assert.equal(svc.graph.state.directory.snapshot().users.length, 0, 'a simulation writes nothing');
      const items = await svc.call(listRunItems, {
        as: 'viewer',
        params: { id: queued.body.id },
        query: { action: 'create', q: 'JAN' },
      });
      assert.equal(items.body.total, 1);
      assert.equal(items.body.items[0].employeeNumber, '1001');
      assert.ok(
        items.body.items[0].changes.some((c: { attribute: string }) => c.attribute === 'userPrincipalName'),
      );
      const csv = await svc.call(exportRunItemsCsv, { as: 'viewer', params: { id: queued.body.id } });
      assert.equal(csv.status, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.ok(csv.text.startsWith('\uFEFFemployeeNumber,displayName,action,status'));
      assert.equal(
        csv.text
          .trim()
          .split('\n')
          .filter((l) => /^\d{4},/.test(l)).length,
        3,
      );
      const json = await svc.call(exportRunItemsJson, {
        as: 'viewer',
        params: { id: queued.body.id },
        query: { status: 'success' },
      });
      assert.equal(json.body.length, 3);
      assert.match(String(json.headers['content-disposition']), /attachment/);

      const details = await svc.call(getConnection, { params: { id } });
      assert.equal(details.body.simulationCurrent, true);
      assert.equal(details.body.progress, 5);
      assert.equal(details.body.latestRun.id, queued.body.id);
      assert.deepEqual(details.body.activation, {
        kind: 'allowed',
        reason: null,
        simulationId: queued.body.id,
      });

      const activated = await svc.call(activateConnection, { as: 'operator', params: { id } });
      assert.equal(activated.status, 200, activated.text);
      assert.equal(activated.body.state, 'active');
      const again = await svc.call(activateConnection, { as: 'operator', params: { id } });
      assert.equal(again.status, 409);
      assert.match(again.body.error.message, /in the Active state/);

      const synced = await svc.call(sync, { as: 'operator', params: { id } });
      assert.equal(synced.status, 202);
      await svc.drain();
      const done = await svc.call(getRun, { params: { id: synced.body.id } });
      assert.equal(done.body.status, 'succeeded', done.text);
      assert.equal(svc.graph.state.directory.snapshot().users.length, 3);
      const afterSync = await svc.call(getConnection, { params: { id } });
      assert.equal(afterSync.body.lastSyncAt, done.body.finishedAt);

      const writes = await svc.call(listAuditEvents, {
        query: { runId: synced.body.id, action: 'account.' },
      });
      assert.equal(writes.body.total, 3);
      const jan = writes.body.items.find((e: { person: string }) => e.person === '1001');
      assert.equal(jan.action, 'account.create');
      assert.ok(
        jan.details.changes.some(
          (c: { attribute: string; new: string }) => c.attribute === 'givenName' && c.new === 'Jan',
        ),
      );
      const lifecycle = await svc.call(listAuditEvents, { query: { runId: synced.body.id, action: 'run.' } });
      assert.deepEqual(lifecycle.body.items.map((e: { action: string }) => e.action).sort(), [
        'run.finished',
        'run.queued',
        'run.started',
      ]);

      const resync = await svc.call(sync, { as: 'operator', params: { id } });
      await svc.drain();
      const second = await svc.call(getRun, { params: { id: resync.body.id } });
      assert.equal(second.body.counts.actions['no-change'], 3, 'a second sync changes nothing');
      const runs = await svc.call(listRuns, { as: 'viewer', params: { id } });
      assert.equal(runs.body.total, 3);
      assert.equal(runs.body.items[0].id, resync.body.id);
    });

    test('sync one person on demand shows the steps; an unknown employee fails the run with a reason', async () => {
      const one = await svc.call(syncPerson, {
        as: 'operator',
        params: { id: activeId },
        body: { employeeNumber: '1002' },
      });
      assert.equal(one.status, 202, one.text);
      assert.equal(one.body.kind, 'on-demand');
      await svc.drain();
      const items = await svc.call(listRunItems, { params: { id: one.body.id } });
      assert.equal(items.body.total, 1);
      assert.equal(items.body.items[0].employeeNumber, '1002');
      assert.ok(items.body.items[0].steps.length >= 3, JSON.stringify(items.body.items[0].steps));
      const ghost = await svc.call(syncPerson, {
        as: 'operator',
        params: { id: activeId },
        body: { employeeNumber: '424242' },
      });
      await svc.drain();
      const failed = await svc.call(getRun, { params: { id: ghost.body.id } });
      assert.equal(failed.body.status, 'failed');
      assert.match(failed.body.error.message, /424242/);
      const empty = await svc.call(syncPerson, {
        as: 'operator',
        params: { id: activeId },
        body: { employeeNumber: '  ' },
      });
      assert.equal(empty.status, 400);
    });

    test('cancel: a queued run is cancelled at once; a finished run cannot be', async () => {
      const queued = await svc.call(sync, { as: 'operator', params: { id: activeId } });
      const cancelled = await svc.call(cancelRun, { as: 'operator', params: { id: queued.body.id } });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.status, 'cancelled');
      assert.equal(await svc.drain(), 0);
      const again = await svc.call(cancelRun, { as: 'operator', params: { id: queued.body.id } });
      assert.equal(again.status, 409);
      assert.match(again.body.error.message, /status "cancelled"/);
      assert.equal(
        (await svc.call(cancelRun, { as: 'otherAdmin', params: { id: queued.body.id } })).status,
        404,
      );
    });

    test('a threshold breach blocks the run; approve applies it, discard drops it — who and why recorded', async () => {
      const config = await svc.call(getConfiguration, { params: { id: activeId } });
      const scope = {
        ...config.body.scope.settings,
        scope: {
          filters: [{ clauses: [{ attribute: 'Medewerker', operator: 'EQUALS', value: '1000' }] }],
          outOfScope: 'disable',
        },
        thresholds: { maxDisableDeleteCount: 1, maxDisableDeletePercent: null, maxSourceShrinkPercent: 10 },
      };
      const saved = await svc.call(saveScopeStep, { as: 'operator', params: { id: activeId }, body: scope });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(
        saved.body.connection.state,
        'simulation',
        'a changed configuration must be simulated again',
      );
      const sim = await svc.call(simulate, { as: 'operator', params: { id: activeId } });
      await svc.drain();
      const simRun = await svc.call(getRun, { params: { id: sim.body.id } });
      assert.equal(simRun.body.status, 'blocked');
      assert.match(simRun.body.blockedReason, /disable/i);
      const approveSim = await svc.call(approveRun, {
        as: 'operator',
        params: { id: sim.body.id },
        body: { reason: 'x' },
      });
      assert.equal(approveSim.status, 409);
      // The gate: after a blocked simulation only an admin activates, with a written reason.
      const gated = await svc.call(activateConnection, { as: 'operator', params: { id: activeId } });
      assert.equal(gated.status, 409);
      assert.match(gated.body.error.message, /latest simulation was blocked/);
      const operatorAnyway = await svc.call(activateConnectionAnyway, {
        as: 'operator',
        params: { id: activeId },
        body: { reason: 'The disables are expected' },
      });
      assert.equal(operatorAnyway.status, 403);
      const tooShort = await svc.call(activateConnectionAnyway, {
        as: 'admin',
        params: { id: activeId },
        body: { reason: 'ok' },
      });
      assert.equal(tooShort.status, 400);
      const reactivated = await svc.call(activateConnectionAnyway, {
        as: 'admin',
        params: { id: activeId },
        body: { reason: 'The disables are expected: the sync blocks them for approval' },
      });
      assert.equal(reactivated.status, 200, reactivated.text);

      const blocked = await svc.call(sync, { as: 'operator', params: { id: activeId } });
      await svc.drain();
      const run = await svc.call(getRun, { params: { id: blocked.body.id } });
      assert.equal(run.body.status, 'blocked');
      const blockedItems = await svc.call(listRunItems, {
        params: { id: blocked.body.id },
        query: { status: 'blocked' },
      });
      assert.equal(blockedItems.body.total, 2);
      assert.ok(
        svc.graph.state.directory.snapshot().users.every((u) => u.accountEnabled !== false),
        'nothing applied',
      );
      const noReason = await svc.call(approveRun, {
        as: 'operator',
        params: { id: blocked.body.id },
        body: { reason: '' },
      });
      assert.equal(noReason.status, 400);
      assert.equal(
        (await svc.call(approveRun, { as: 'viewer', params: { id: blocked.body.id }, body: { reason: 'x' } }))
          .status,
        403,
      );
      const approved = await svc.call(approveRun, {
        as: 'operator',
        params: { id: blocked.body.id },
        body: { reason: 'reorganisation: two leavers confirmed by HR' },
      });
      assert.equal(approved.status, 200, approved.text);
      assert.equal(approved.body.status, 'queued');
      assert.equal(approved.body.approval.by, svc.users.operator.email);
      await svc.drain();
      const applied = await svc.call(getRun, { params: { id: blocked.body.id } });
      assert.equal(applied.body.status, 'succeeded', applied.text);
      assert.equal(applied.body.approval.reason, 'reorganisation: two leavers confirmed by HR');
      // Approving is a decision, not a crash: the approved run starts with every attempt the
      // worker may make (the console showed "Attempt 2 of 3" after an approval).
      assert.equal(applied.body.attempt, 1, 'an approved run is its first attempt again');
      assert.equal(
        svc.graph.state.directory.snapshot().users.filter((u) => u.accountEnabled === false).length,
        2,
      );
      const audit = await svc.call(listAuditEvents, { query: { runId: blocked.body.id } });
      const actions = audit.body.items.map((e: { action: string }) => e.action);
      for (const a of [
        'run.queued',
        'run.started',
        'run.blocked',
        'run.approved',
        'run.finished',
        'account.disable',
      ]) {
        assert.ok(actions.includes(a), `${a} in ${actions}`);
      }

      // Re-enable scope for everyone with a zero limit on a fresh connection to get a blocked run to discard.
      const second = await svc.call(sync, { as: 'operator', params: { id: activeId } });
      await svc.drain();
      const secondRun = await svc.call(getRun, { params: { id: second.body.id } });
      assert.equal(secondRun.body.status, 'succeeded', 'nothing left to disable');
    });

    test('discard: a blocked run is closed without applying anything', async () => {
      const id = activeId;
      const config = await svc.call(getConfiguration, { params: { id } });
      const everyone = { ...config.body.scope.settings, scope: { filters: [], outOfScope: 'disable' } };
      const narrow = {
        ...config.body.scope.settings,
        scope: {
          filters: [{ clauses: [{ attribute: 'Medewerker', operator: 'EQUALS', value: '1000' }] }],
          outOfScope: 'disable',
        },
      };
      for (const body of [everyone, narrow]) {
        assert.equal((await svc.call(saveScopeStep, { as: 'operator', params: { id }, body })).status, 200);
        await svc.call(simulate, { as: 'operator', params: { id } });
        await svc.drain();
        const on = await svc.call(activateConnectionAnyway, {
          as: 'admin',
          params: { id },
          body: { reason: 'the narrow scope is meant to block' },
        });
        assert.equal(on.status, 200, on.text);
        await svc.call(sync, { as: 'operator', params: { id } });
        await svc.drain();
      }
      const runs = await svc.call(listRuns, { params: { id } });
      const blocked = runs.body.items[0];
      assert.equal(blocked.status, 'blocked', JSON.stringify(blocked));
      const discarded = await svc.call(discardRun, {
        as: 'operator',
        params: { id: blocked.id },
        body: { reason: 'not now' },
      });
      assert.equal(discarded.status, 200);
      assert.equal(discarded.body.status, 'discarded');
      assert.equal(discarded.body.discard.by, svc.users.operator.email);
      assert.equal(discarded.body.discard.reason, 'not now');
      assert.equal(await svc.drain(), 0);
      assert.equal(
        svc.graph.state.directory.snapshot().users.filter((u) => u.accountEnabled === false).length,
        0,
      );
      const twice = await svc.call(discardRun, {
        as: 'operator',
        params: { id: blocked.id },
        body: { reason: 'again' },
      });
      assert.equal(twice.status, 409);
      const audit = await svc.call(listAuditEvents, {
        query: { runId: blocked.id, action: 'run.discarded', outcome: 'success' },
      });
      assert.equal(audit.body.items[0].details.reason, 'not now');
    });

    test('deactivate stops syncs; activate again resumes; refusals name the state', async () => {
      const off = await svc.call(deactivateConnection, { as: 'operator', params: { id: activeId } });
      assert.equal(off.status, 200);
      assert.equal(off.body.state, 'deactivated');
      const refused = await svc.call(sync, { as: 'operator', params: { id: activeId } });
      assert.equal(refused.status, 409);
      assert.match(refused.body.error.message, /in the Deactivated state/);
      assert.equal(
        (await svc.call(deactivateConnection, { as: 'operator', params: { id: activeId } })).status,
        409,
      );
      const on = await svc.call(activateConnectionAnyway, {
        as: 'admin',
        params: { id: activeId },
        body: { reason: 'resume: the blocked simulation was reviewed' },
      });
      assert.equal(on.status, 200, on.text);
      assert.equal(on.body.state, 'active');
    });

    test('run review: what changes apart from the unchanged, any order, accounts by UPN', async () => {
      const runs = await svc.call(listRuns, { params: { id: activeId } });
      const run = runs.body.items.find(
        (r: { kind: string; status: string }) => r.kind === 'sync' && r.status === 'succeeded',
      );
      assert.ok(run, 'a finished sync');
      const everyone = await svc.call(listRunItems, {
        params: { id: run.id },
        query: { sort: 'status', pageSize: 500 },
      });
      assert.equal(everyone.status, 200, everyone.text);
      const linked = everyone.body.items.find((i: { accountId: string | null }) => i.accountId !== null);
      assert.match(linked?.account?.upn ?? '', /@/, JSON.stringify(linked));
      const changes = await svc.call(listRunItems, {
        params: { id: run.id },
        query: { changesOnly: true, sort: 'action', pageSize: 500 },
      });
      assert.equal(changes.body.total + run.unchangedCount, everyone.body.total);
      const bad = await svc.call(listRunItems, { params: { id: run.id }, query: { sort: 'nonsense' } });
      assert.equal(bad.status, 400);
    });

    test('retention: anyone reads it, only an admin changes it, and the change is audited', async () => {
      const defaults = await svc.call(getRetention, { as: 'viewer' });
      assert.deepEqual(defaults.body, { runItemDays: 90, keepRuns: 10, auditDays: 730 });
      const settings = { runItemDays: 30, keepRuns: 5, auditDays: null };
      const refused = await svc.call(setRetention, { as: 'operator', body: settings });
      assert.equal(refused.status, 403);
      const bad = await svc.call(setRetention, { body: { ...settings, runItemDays: 0 } });
      assert.equal(bad.status, 400);
      const saved = await svc.call(setRetention, { body: settings });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual((await svc.call(getRetention)).body, settings);
      const events = await svc.call(listAuditEvents, {
        query: { action: 'settings.retention-changed', outcome: 'success' },
      });
      assert.equal(events.body.total, 1);
      assert.match(events.body.items[0].message, /30 days .* kept for ever/);
    });

    test('no secret appears in any response, log line, audit event or clear-text column', async () => {
      await assertNoSecretsLeaked(svc);
    });
  });
}
