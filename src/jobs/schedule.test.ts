import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { localLabel, nextRunAt, nextRuns, resolveLocal, validateSchedule } from './schedule.ts';

const AMS = 'Europe/Amsterdam';
const labels = (start: string, every: number, unit: 'hours' | 'days' | 'weeks', after: string, n: number) =>
  nextRuns({ start, every, unit }, AMS, after, n).map(localLabel);

describe('schedule across the Europe/Amsterdam daylight-saving changes', () => {
  test('daily 02:30 over 29 March 2026: the missing time runs at 03:30, then 02:30 again', () => {
    assert.deepEqual(labels('2026-03-27T02:30', 1, 'days', '2026-03-27T00:00:00Z', 4), [
      '2026-03-27 02:30 (+01:00)',
      '2026-03-28 02:30 (+01:00)',
      '2026-03-29 03:30 (+02:00)',
      '2026-03-30 02:30 (+02:00)',
    ]);
  });

  test('daily 02:30 over 25 October 2026: the repeated time runs once, at its first occurrence', () => {
    const runs = nextRuns(
      { start: '2026-10-24T02:30', every: 1, unit: 'days' },
      AMS,
      '2026-10-24T00:00:00Z',
      3,
    );
    assert.deepEqual(runs.map(localLabel), [
      '2026-10-24 02:30 (+02:00)',
      '2026-10-25 02:30 (+02:00)',
      '2026-10-26 02:30 (+01:00)',
    ]);
    assert.equal(runs[1]?.toUTC().toISO(), '2026-10-25T00:30:00.000Z');
  });

  test('daily 09:00 keeps 09:00 local on both sides of each change (UTC hour moves)', () => {
    const spring = nextRuns(
      { start: '2026-03-28T09:00', every: 1, unit: 'days' },
      AMS,
      '2026-03-28T00:00:00Z',
      2,
    );
    assert.deepEqual(
      spring.map((d) => d.toUTC().toISO()),
      ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z'],
    );
    const autumn = nextRuns(
      { start: '2026-10-24T09:00', every: 1, unit: 'days' },
      AMS,
      '2026-10-24T00:00:00Z',
      2,
    );
    assert.deepEqual(
      autumn.map((d) => d.toUTC().toISO()),
      ['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z'],
    );
  });

  test('hourly over 25 October 2026 runs every 60 minutes, including the repeated hour', () => {
    assert.deepEqual(labels('2026-10-25T00:00', 1, 'hours', '2026-10-24T21:59:00Z', 5), [
      '2026-10-25 00:00 (+02:00)',
      '2026-10-25 01:00 (+02:00)',
      '2026-10-25 02:00 (+02:00)',
      '2026-10-25 02:00 (+01:00)',
      '2026-10-25 03:00 (+01:00)',
    ]);
  });

  test('hourly over 29 March 2026 skips the hour that does not exist, still 60 minutes apart', () => {
    assert.deepEqual(labels('2026-03-29T00:00', 1, 'hours', '2026-03-28T22:59:00Z', 3), [
      '2026-03-29 00:00 (+01:00)',
      '2026-03-29 01:00 (+01:00)',
      '2026-03-29 03:00 (+02:00)',
    ]);
  });

  test('weekly Sunday 02:30 across the spring change', () => {
    assert.deepEqual(labels('2026-03-22T02:30', 1, 'weeks', '2026-03-22T00:00:00Z', 3), [
      '2026-03-22 02:30 (+01:00)',
      '2026-03-29 03:30 (+02:00)',
      '2026-04-05 02:30 (+02:00)',
    ]);
  });

  test('every 6 hours from a start in the past: only runs after now, missed ones are not replayed', () => {
    // Down for three days: the next run is the next slot after now, once.
    assert.equal(
      nextRunAt({ start: '2026-01-01T00:00', every: 6, unit: 'hours' }, AMS, '2026-01-04T13:15:00Z'),
      '2026-01-04T17:00:00.000Z',
    );
  });

  test('a start in the future is the first run; an exact slot time is not "after" itself', () => {
    assert.equal(
      nextRunAt({ start: '2026-06-01T06:00', every: 1, unit: 'days' }, AMS, '2026-01-01T00:00:00Z'),
      '2026-06-01T04:00:00.000Z',
    );
    assert.equal(
      nextRunAt({ start: '2026-06-01T06:00', every: 1, unit: 'days' }, AMS, '2026-06-01T04:00:00.000Z'),
      '2026-06-02T04:00:00.000Z',
    );
  });

  test('resolveLocal and validation', () => {
    assert.equal(resolveLocal('2026-10-25T02:30', AMS).toISO(), '2026-10-25T02:30:00.000+02:00');
    assert.equal(resolveLocal('2026-03-29T02:30', AMS).toISO(), '2026-03-29T03:30:00.000+02:00');
    assert.deepEqual(
      validateSchedule({ start: '2026-02-30T10:00', every: 1, unit: 'days' }, AMS).map((e) => e.path),
      ['/start'],
    );
    assert.deepEqual(
      validateSchedule({ start: '2026-02-03T10:00', every: 400, unit: 'days' }, 'Mars/Base').map(
        (e) => e.path,
      ),
      ['/timeZone', '/every'],
    );
  });
});
