/** The console's one clock (web/src/ui/format.ts): one format, a named zone, relative times. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatDateTime,
  formatDateTimeSeconds,
  formatDateTimeWithRelative,
  formatDuration,
  formatRelative,
  formatValue,
  organisationTimeZone,
  setOrganisationTimeZone,
} from '../../web/src/ui/format.ts';

const SUMMER = '2026-07-03T11:03:27Z';
const WINTER = '2026-12-03T11:03:27Z';

test('times are shown in the zone asked for, with the zone named; daylight saving shows', () => {
  assert.equal(formatDateTime(SUMMER, '—', 'Europe/Amsterdam'), '3 Jul 2026, 13:03 CEST');
  assert.equal(formatDateTime(WINTER, '—', 'Europe/Amsterdam'), '3 Dec 2026, 12:03 CET');
  assert.equal(formatDateTimeSeconds(WINTER, '—', 'Europe/Lisbon'), '3 Dec 2026, 11:03:27 WET');
  assert.equal(formatDateTime(WINTER, '—', 'America/New_York'), '3 Dec 2026, 06:03 GMT-5');
});

test("without a connection's zone, the organisation's zone applies; an unknown zone falls back to UTC", () => {
  setOrganisationTimeZone('Europe/Amsterdam');
  assert.equal(formatDateTime(WINTER), '3 Dec 2026, 12:03 CET');
  setOrganisationTimeZone('Mars/Olympus_Mons');
  assert.equal(organisationTimeZone(), 'UTC');
  assert.equal(formatDateTime(WINTER), '3 Dec 2026, 11:03 UTC');
  assert.equal(formatDateTime(WINTER, '—', 'Not/AZone'), '3 Dec 2026, 11:03 UTC');
});

test('missing and unreadable values', () => {
  assert.equal(formatDateTime(null, 'Never'), 'Never');
  assert.equal(formatDateTime('', 'Not scheduled'), 'Not scheduled');
  assert.equal(formatDateTime('soon'), 'soon');
});

test('relative times read as people say them', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  const at = (ms: number) => new Date(now + ms).toISOString();
  assert.equal(formatRelative(at(10_000), now), 'just now');
  assert.equal(formatRelative(at(3 * 3_600_000), now), 'in 3 hours');
  assert.equal(formatRelative(at(-5 * 60_000), now), '5 minutes ago');
  assert.equal(formatRelative(at(55 * 60_000), now), 'in 1 hour');
  assert.equal(formatRelative(at(-86_400_000), now), 'yesterday');
  assert.equal(formatRelative(at(3 * 86_400_000), now), 'in 3 days');
  assert.equal(
    formatDateTimeWithRelative(at(3 * 3_600_000), '—', 'Europe/Amsterdam', now),
    '3 Dec 2026, 16:00 CET (in 3 hours)',
  );
});

test('durations', () => {
  assert.equal(formatDuration(450), '450 ms');
  assert.equal(formatDuration(12_300), '12.3 s');
  assert.equal(formatDuration(125_000), '2 min 5 s');
  assert.equal(formatDuration(2 * 3_600_000 + 5 * 60_000), '2 h 5 min');
});

test('a leave date at midnight reads as the last day it ends, as the person’s "Left on" says', () => {
  assert.equal(
    formatValue('2026-09-18T22:00:00Z', 'Europe/Amsterdam', 'employeeLeaveDateTime'),
    'end of 18 Sept 2026 — 19 Sept 2026, 00:00 CEST (2026-09-18T22:00:00Z)',
  );
  assert.equal(
    formatValue('2026-09-18T22:00:00Z', 'Europe/Amsterdam', 'employeeHireDate'),
    '19 Sept 2026, 00:00 CEST (2026-09-18T22:00:00Z)',
  );
});
