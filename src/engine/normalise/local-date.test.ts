import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { addDays, daySlot, localDateOf, startOfLocalDay } from './local-date.ts';

/** What addDays and startOfLocalDay answer, worked out without their tables. */
const movedBy = (date: string, days: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};
const dayStartIn = (date: string, zone: string) =>
  DateTime.fromISO(date, { zone }).startOf('day').toUTC().toISO({ suppressMilliseconds: true }) ??
  `${date}T00:00:00Z`;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

test('every day of the tables has a slot of its own', () => {
  // Every month × day 1–31 of the first and last years and of a leap year: distinct slots, each date
  // answered with its own text (a slot shared by two dates would answer one with the other's).
  const slots = new Map<number, string>();
  for (const year of [1900, 2024, 2199])
    for (let month = 1; month <= 12; month++)
      for (let day = 1; day <= 31; day++) {
        const date = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
        const slot = daySlot(date);
        assert.ok(slot >= 0, date);
        assert.equal(slots.get(slot), undefined, `${date} shares a slot with ${slots.get(slot)}`);
        slots.set(slot, date);
        assert.equal(localDateOf(`${date}T00:00:00Z`), date);
        assert.equal(addDays(date, 1), movedBy(date, 1));
        assert.equal(addDays(date, -40), movedBy(date, -40));
      }
});

test('dates outside the tables, or not dates, are answered as before', () => {
  for (const text of ['1899-12-31', '2200-01-01', '2024-13-01', '2024-00-10', '2024-02-00', '2024-02-32'])
    assert.equal(daySlot(text), -1, text);
  // Still local dates by their text, as toLocalDate reads them.
  assert.equal(localDateOf('1899-12-31T00:00:00Z'), '1899-12-31');
  assert.equal(localDateOf('2024-13-01T00:00:00Z'), '2024-13-01');
  assert.equal(localDateOf('2024-1-01T00:00:00Z'), null);
  assert.equal(localDateOf('2024-01-0x'), null);
  assert.equal(localDateOf(''), null);
  assert.equal(addDays('1899-12-31', 1), '1900-01-01');
  assert.equal(addDays('2199-12-31', 1), '2200-01-01');
  assert.equal(addDays('2200-01-01', -1), '2199-12-31');
  // Day 30 of February is a text AFAS could send: moved from as Date.UTC reads it, in the tables too.
  assert.equal(addDays('2024-02-30', 0), movedBy('2024-02-30', 0));
  assert.equal(
    startOfLocalDay('1899-12-31', 'Europe/Amsterdam'),
    dayStartIn('1899-12-31', 'Europe/Amsterdam'),
  );
});

test('one string per date, the same for every run', () => {
  const a = localDateOf(JSON.parse('"2021-03-04T00:00:00Z"'));
  const b = localDateOf(JSON.parse('"2021-03-04T00:00:00Z"'));
  assert.equal(a, '2021-03-04');
  assert.ok(Object.is(a, b));
});

test('day starts per time zone: the same day in two zones is two instants', () => {
  for (const date of ['2024-03-31', '2024-10-27', '2026-11-24', '1900-01-01', '2199-12-31']) {
    assert.equal(startOfLocalDay(date, 'Europe/Amsterdam'), dayStartIn(date, 'Europe/Amsterdam'), date);
    assert.equal(startOfLocalDay(date, 'America/New_York'), dayStartIn(date, 'America/New_York'), date);
    assert.equal(startOfLocalDay(date, 'Europe/Amsterdam'), dayStartIn(date, 'Europe/Amsterdam'), date);
  }
  // More time zones than the tables keep: the rest are still answered.
  const zones = Intl.supportedValuesOf('timeZone').slice(0, 40);
  for (const zone of zones) assert.equal(startOfLocalDay('2025-06-01', zone), dayStartIn('2025-06-01', zone));
});
