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
