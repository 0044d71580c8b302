import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { amsterdamMidnightUtc, formatDay, instantOn, isLocalDate, parseDay } from './local-date.ts';

test('formatDay agrees with Date for every day from 1960 to 2060', () => {
  for (let day = parseDay('1960-01-01'); day <= parseDay('2060-12-31'); day++)
    assert.equal(formatDay(day), new Date(day * 86_400_000).toISOString().slice(0, 10));
});

test('parseDay and formatDay round-trip; isLocalDate rejects impossible dates', () => {
  assert.equal(parseDay('1970-01-01'), 0);
  assert.equal(formatDay(parseDay('2024-02-29')), '2024-02-29');
  assert.ok(isLocalDate('2026-12-31'));
  assert.equal(isLocalDate('2026-02-30'), false);
  assert.equal(isLocalDate('2026-1-5'), false);
  assert.equal(isLocalDate('2026-01-05T00:00:00Z'), false);
  assert.throws(() => parseDay('yesterday'), /YYYY-MM-DD/);
});

test('amsterdamMidnightUtc matches luxon for every day from 1990 to 2040, across both clock changes', () => {
  for (let day = parseDay('1990-01-01'); day <= parseDay('2040-12-31'); day++) {
    const date = formatDay(day);
    const expected = DateTime.fromISO(date, { zone: 'Europe/Amsterdam' })
      .toUTC()
      .toISO({ suppressMilliseconds: true });
    assert.equal(amsterdamMidnightUtc(day), expected, date);
  }
  assert.equal(amsterdamMidnightUtc(parseDay('2024-07-01')), '2024-06-30T22:00:00Z');
  assert.equal(amsterdamMidnightUtc(parseDay('2024-01-01')), '2023-12-31T23:00:00Z');
});

test('instantOn writes a UTC time of day', () => {
  assert.equal(instantOn(parseDay('2025-05-06'), 3600 * 9 + 61), '2025-05-06T09:01:01Z');
});
