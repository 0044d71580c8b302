import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatValue } from './words.ts';

test('an instant is shown in the zone, with the value as written beside it', () => {
  // A hire date of 1 January 2020 in Amsterdam, as Graph stores it: it must not read as 31 December.
  assert.equal(
    formatValue('2019-12-31T23:00:00Z', 'Europe/Amsterdam'),
    '1 Jan 2020, 00:00 CET (2019-12-31T23:00:00Z)',
  );
  assert.equal(
    formatValue(['2020-06-30T22:00:00Z'], 'Europe/Amsterdam'),
    '1 Jul 2020, 00:00 CEST (2020-06-30T22:00:00Z)',
  );
});

test('other values as they are: dates without a time, look-alikes, no zone', () => {
  assert.equal(formatValue('2020-01-01', 'Europe/Amsterdam'), '2020-01-01');
  assert.equal(
    formatValue('2019-12-31T23:00:00Z and more', 'Europe/Amsterdam'),
    '2019-12-31T23:00:00Z and more',
  );
  assert.equal(formatValue('2019-12-31T23:00:00Z'), '2019-12-31T23:00:00Z');
  assert.equal(formatValue(null, 'UTC'), '(empty)');
  assert.equal(formatValue(['a', 'b']), 'a, b');
});

test('a leave date or expiry at midnight leads with the last day it ends; other instants do not', () => {
  const cases: readonly [value: string | null, zone: string | undefined, attribute: string, shown: string][] =
    [
      // The AFAS end date 18 Sept, written as the instant after it: the item says "Left on 18 Sept 2026".
      [
        '2026-09-18T22:00:00Z',
        'Europe/Amsterdam',
        'employeeLeaveDateTime',
        'end of 18 Sept 2026 — 19 Sept 2026, 00:00 CEST (2026-09-18T22:00:00Z)',
      ],
      [
        '2026-11-13T23:00:00Z',
        'Europe/Amsterdam',
        'accountExpires',
        'end of 13 Nov 2026 — 14 Nov 2026, 00:00 CET (2026-11-13T23:00:00Z)',
      ],
      // Midnight in UTC is not midnight in Amsterdam; a hire date at midnight is the day it starts.
      [
        '2026-09-19T00:00:00Z',
        'Europe/Amsterdam',
        'employeeLeaveDateTime',
        '19 Sept 2026, 02:00 CEST (2026-09-19T00:00:00Z)',
      ],
      [
        '2019-12-31T23:00:00Z',
        'Europe/Amsterdam',
        'employeeHireDate',
        '1 Jan 2020, 00:00 CET (2019-12-31T23:00:00Z)',
      ],
      [null, 'Europe/Amsterdam', 'employeeLeaveDateTime', '(empty)'],
      ['2026-09-18T22:00:00Z', undefined, 'employeeLeaveDateTime', '2026-09-18T22:00:00Z'],
    ];
  for (const [value, zone, attribute, shown] of cases)
    assert.equal(formatValue(value, zone, attribute), shown);
});
