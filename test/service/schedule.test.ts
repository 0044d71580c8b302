import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  activateConnection,
  deactivateConnection,
  getConnection,
  getSchedule,
  listAuditEvents,
  previewSchedule,
  removeSchedule,
  setSchedule,
  simulate,
} from '../../src/contracts/index.ts';
import { Scheduler } from '../../src/jobs/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor } from './support/fixtures.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService } from './support/service.ts';

for (const dialect of DIALECTS) {
  describe(`schedules on ${dialect}`, () => {
    let svc: Service;
    let tenantId: string;
    let now = '2026-03-26T12:00:00.000Z';
    let scheduler: Scheduler;
    before(async () => {
      svc = await startService(dialect, { clock: { now: () => now } });
      tenantId = (await createTenantFor(svc)).tenantId;
      scheduler = new Scheduler({ store: svc.store });
    });
    after(async () => svc?.close());

    const simulated = async () => {
      const { id } = await configuredConnection(svc, 4, tenantId);
      assert.equal((await svc.call(simulate, { as: 'operator', params: { id } })).status, 202);
      await svc.drain();
      return id;
    };

    test('preview over 29 March 2026: daily 02:30 runs at 03:30 on the day the clocks go forward', async () => {
      now = '2026-03-26T12:00:00.000Z';
      const { id } = await configuredConnection(svc, 4, tenantId);
      const preview = await svc.call(previewSchedule, {
        as: 'viewer',
        params: { id },
        query: { start: '2026-03-27T02:30', every: 1, unit: 'days', count: 4 },
      });
      assert.equal(preview.status, 200, preview.text);
      assert.equal(preview.body.timeZone, 'Europe/Amsterdam');
      assert.deepEqual(
        preview.body.times.map((t: { local: string }) => t.local),
        [
          '2026-03-27 02:30 (+01:00)',
          '2026-03-28 02:30 (+01:00)',
          '2026-03-29 03:30 (+02:00)',
          '2026-03-30 02:30 (+02:00)',
        ],
      );
      assert.equal(preview.body.times[2].at, '2026-03-29T01:30:00.000Z');
    });

    test('preview over 25 October 2026: hourly runs every 60 minutes through the repeated hour', async () => {
      now = '2026-10-24T21:30:00.000Z';
      const { id } = await configuredConnection(svc, 4, tenantId);
      const preview = await svc.call(previewSchedule, {
        params: { id },
        query: { start: '2026-10-01T00:00', every: 1, unit: 'hours', count: 5 },
      });
      assert.deepEqual(
        preview.body.times.map((t: { local: string }) => t.local),
        [
          '2026-10-25 00:00 (+02:00)',
          '2026-10-25 01:00 (+02:00)',
          '2026-10-25 02:00 (+02:00)',
          '2026-10-25 02:00 (+01:00)',
          '2026-10-25 03:00 (+01:00)',
        ],
      );
    });

    test('bad schedules are refused with a message; preview needs a schedule', async () => {
      now = '2026-03-26T12:00:00.000Z';
      const { id } = await configuredConnection(svc, 4, tenantId);
      const noSchedule = await svc.call(previewSchedule, { params: { id } });
      assert.equal(noSchedule.status, 409);
      assert.match(noSchedule.body.error.message, /has no schedule/);
      const partial = await svc.call(previewSchedule, {
        params: { id },
        query: { start: '2026-03-27T02:30' },
      });
      assert.equal(partial.status, 400);
      const feb30 = await svc.call(setSchedule, {
        as: 'operator',
        params: { id },
        body: { start: '2026-02-30T10:00', every: 1, unit: 'days' },
      });
      assert.equal(feb30.status, 400);
      assert.equal(feb30.body.error.details[0].path, '/start');
      const zero = await svc.call(setSchedule, {
        as: 'operator',
        params: { id },
        body: { start: '2026-03-27T10:00', every: 0, unit: 'days' },
      });
      assert.equal(zero.status, 400);
      // Each unit has its own limit (SCHEDULE_LIMITS, which the console's field reads too): a year of
      // days is allowed (the schema capped every unit at 168), a 53rd week is not (it allowed 168).
      const yearly = await svc.call(setSchedule, {
        as: 'operator',
        params: { id },
        body: { start: '2026-03-27T10:00', every: 365, unit: 'days' },
      });
      assert.equal(yearly.status, 200, yearly.text);
      const weeks = await svc.call(setSchedule, {
        as: 'operator',
        params: { id },
        body: { start: '2026-03-27T10:00', every: 53, unit: 'weeks' },
      });
      assert.equal(weeks.status, 400, weeks.text);
      assert.deepEqual(weeks.body.error.details, [
        { path: '/every', message: 'every must be a whole number from 1 to 52 weeks' },
      ]);
      const draft = await configuredConnection(svc, 2, tenantId);
      const early = await svc.call(setSchedule, {
        as: 'operator',
        params: { id: draft.id },
        body: { start: '2026-03-27T10:00', every: 1, unit: 'days' },
      });
      assert.equal(early.status, 409);
      assert.match(early.body.error.message, /in the Draft state/);
      assert.equal(
        (
          await svc.call(setSchedule, {
            as: 'viewer',
            params: { id },
            body: { start: '2026-03-27T10:00', every: 1, unit: 'days' },
          })
        ).status,
        403,
      );
    });

    test('"save and activate": needs a simulation, then activates and shows the next run', async () => {
      now = '2026-03-26T12:00:00.000Z';
      const { id } = await configuredConnection(svc, 4, tenantId);
      const body = { start: '2026-03-27T02:30', every: 1, unit: 'days', activate: true };
      const refused = await svc.call(setSchedule, { as: 'operator', params: { id }, body });
      assert.equal(refused.status, 409);
      const saved = await svc.call(setSchedule, {
        as: 'operator',
        params: { id },
        body: { ...body, activate: false },
      });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.body.nextRunAt, null, 'not active: nothing scheduled yet');
      const id2 = await simulated();
      const activated = await svc.call(setSchedule, { as: 'operator', params: { id: id2 }, body });
      assert.equal(activated.status, 200, activated.text);
      assert.equal(activated.body.connection.state, 'active');
      assert.equal(activated.body.nextRunAt, '2026-03-27T01:30:00.000Z');
      assert.equal(activated.body.connection.nextRunAt, '2026-03-27T01:30:00.000Z');
      const audit = await svc.call(listAuditEvents, { query: { connectionId: id2, action: 'connection.' } });
      const actions = audit.body.items.map((e: { action: string }) => e.action);
      assert.ok(
        actions.includes('connection.schedule-changed') && actions.includes('connection.state-changed'),
      );
      const shown = await svc.call(getSchedule, { as: 'viewer', params: { id: id2 } });
      assert.deepEqual(shown.body.schedule, { start: '2026-03-27T02:30', every: 1, unit: 'days' });
      // Out of the way of the scheduler tests that follow.
      assert.equal(
        (await svc.call(deactivateConnection, { as: 'operator', params: { id: id2 } })).status,
        200,
      );
    });

    test('the scheduler runs due connections once, across the DST change; missed runs are not replayed', async () => {
      now = '2026-03-26T12:00:00.000Z';
      const id = await simulated();
      await svc.call(setSchedule, {
        as: 'operator',
        params: { id },
        body: { start: '2026-03-27T02:30', every: 1, unit: 'days', activate: true },
      });
      assert.equal(await scheduler.tick(), 0, 'nothing due yet');

      now = '2026-03-27T01:31:00.000Z';
      assert.equal(await scheduler.tick(), 1);
      assert.equal(await scheduler.tick(), 0, 'not twice');
      let details = await svc.call(getConnection, { params: { id } });
      assert.equal(details.body.nextRunAt, '2026-03-28T01:30:00.000Z');
      await svc.drain();

      now = '2026-03-28T01:30:30.000Z';
      assert.equal(await scheduler.tick(), 1);
      await svc.drain();
      details = await svc.call(getConnection, { params: { id } });
      assert.equal(details.body.nextRunAt, '2026-03-29T01:30:00.000Z', '03:30 CEST on the DST day');

      // The service was down for three days: one run now, then the next slot after now.
      now = '2026-04-01T09:00:00.000Z';
      assert.equal(await scheduler.tick(), 1);
      assert.equal(await scheduler.tick(), 0);
      await svc.drain();
      details = await svc.call(getConnection, { params: { id } });
      assert.equal(details.body.nextRunAt, '2026-04-02T00:30:00.000Z');
      const runs = await svc.store.runs.listForConnection(svc.organisationId, id, 1, 50);
      const scheduled = runs.items.filter((r) => r.kind === 'sync');
      assert.equal(scheduled.length, 3);
      assert.ok(
        scheduled.every((r) => r.requestedBy === 'scheduler' && r.status === 'succeeded'),
        JSON.stringify(scheduled.map((r) => [r.status, r.error])),
      );
      assert.equal(details.body.lastSyncAt, scheduled[0]?.finishedAt);
      assert.equal((await svc.call(deactivateConnection, { as: 'operator', params: { id } })).status, 200);
    });

    test('deactivation stops scheduling; activating again resumes from the next slot; removing the schedule clears it', async () => {
      now = '2026-05-01T10:00:00.000Z';
      const id = await simulated();
      await svc.call(setSchedule, {
        as: 'operator',
        params: { id },
        body: { start: '2026-05-01T12:00', every: 6, unit: 'hours', activate: true },
      });
      const off = await svc.call(deactivateConnection, { as: 'operator', params: { id } });
      assert.equal(off.body.nextRunAt, null);
      now = '2026-05-02T10:00:00.000Z';
      assert.equal(await scheduler.tick(), 0);
      const on = await svc.call(activateConnection, { as: 'operator', params: { id } });
      assert.equal(on.status, 200, on.text);
      // Every 6 hours from 12:00 CEST (10:00 UTC): the next slot after 10:00 UTC is 16:00 UTC.
      assert.equal(on.body.nextRunAt, '2026-05-02T16:00:00.000Z');
      const removed = await svc.call(removeSchedule, { as: 'operator', params: { id } });
      assert.equal(removed.status, 200);
      assert.equal(removed.body.schedule, null);
      assert.equal(removed.body.nextRunAt, null);
      assert.equal(removed.body.connection.state, 'active');
    });

    test('no secret appears in any response, log line, audit event or clear-text column', async () => {
      await assertNoSecretsLeaked(svc);
    });
  });
}
