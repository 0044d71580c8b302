/** Local wall-clock times in a named zone, by the scheduler's daylight-saving rules. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveLocal } from '../jobs/schedule.ts';
import { formatSchedule } from './schedule-words.ts';
import { formatLocalDateTime, instantToLocal, localToInstant } from './wall-clock.ts';

const AMS = 'Europe/Amsterdam';

test('a local time in a zone is the instant the zone means, whatever zone this machine is in', () => {
  assert.equal(localToInstant('2026-05-01T08:00', AMS), '2026-05-01T06:00:00.000Z');
  assert.equal(localToInstant('2026-12-01T08:00', AMS), '2026-12-01T07:00:00.000Z');
  assert.equal(localToInstant('2026-12-01T08:00', 'America/New_York'), '2026-12-01T13:00:00.000Z');
  assert.equal(localToInstant('2026-12-01T08:00', 'UTC'), '2026-12-01T08:00:00.000Z');
  assert.equal(localToInstant('2026-12-01T08:00', 'Asia/Kolkata'), '2026-12-01T02:30:00.000Z');
});

test('daylight saving follows the scheduler: a missing time moves past the change, a repeated one is the first', () => {
  for (const local of [
    '2026-03-29T02:30',
    '2026-10-25T02:30',
    '2026-10-25T01:59',
    '2026-10-25T03:00',
    '2026-03-29T03:00',
  ]) {
    assert.equal(localToInstant(local, AMS), resolveLocal(local, AMS).toUTC().toISO(), local);
  }
  assert.equal(formatLocalDateTime('2026-03-29T02:30', AMS), '29 Mar 2026, 03:30 CEST');
  assert.equal(formatLocalDateTime('2026-10-25T02:30', AMS), '25 Oct 2026, 02:30 CEST');
});

test('not a local time, or no such day or zone: nothing', () => {
  assert.equal(localToInstant('2026-02-30T08:00', AMS), null);
  assert.equal(localToInstant('2026-13-01T08:00', AMS), null);
  assert.equal(localToInstant('2026-05-01T24:00', AMS), null);
  assert.equal(localToInstant('2026-05-01 08:00', AMS), null);
  assert.equal(localToInstant('2026-05-01T08:00', 'Mars/Olympus'), null);
  assert.equal(formatLocalDateTime('2026-05-01T08:00', 'Mars/Olympus'), '1 May 2026, 08:00 UTC');
  assert.equal(formatLocalDateTime('soon', AMS), 'soon');
});

test('an instant as a form box shows it, in the zone', () => {
  assert.equal(instantToLocal('2026-05-01T06:00:00Z', AMS), '2026-05-01T08:00');
  assert.equal(instantToLocal('2026-12-31T23:30:00Z', AMS), '2027-01-01T00:30');
  assert.equal(instantToLocal('2026-12-31T23:30:00Z', 'Nowhere/Atall'), '2026-12-31T23:30');
  assert.equal(instantToLocal(undefined, AMS), '');
  assert.equal(instantToLocal('yesterday', AMS), '');
  for (const local of ['2026-01-15T09:45', '2026-07-15T23:59', '2026-10-25T03:00']) {
    assert.equal(instantToLocal(localToInstant(local, AMS), AMS), local, 'round trip');
  }
});

test('a schedule in one sentence: the start in the one format, its zone named, and the next run when known', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  assert.equal(
    formatSchedule({ start: '2026-05-01T08:00', every: 1, unit: 'days' }, AMS),
    'Every day from 1 May 2026, 08:00 CEST',
  );
  assert.equal(
    formatSchedule({ start: '2026-12-01T06:00', every: 4, unit: 'hours' }, AMS, {
      nextRunAt: '2026-12-03T15:00:00Z',
      now,
    }),
    'Every 4 hours from 1 Dec 2026, 06:00 CET · next run in 3 hours',
  );
  assert.equal(
    formatSchedule({ start: '2026-12-01T06:00', every: 2, unit: 'weeks' }, AMS, { nextRunAt: null, now }),
    'Every 2 weeks from 1 Dec 2026, 06:00 CET',
  );
  assert.equal(formatSchedule(null, AMS), 'None');
});
