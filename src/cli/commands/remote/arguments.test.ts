import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { isoTime, positiveInt } from './arguments.ts';

test('isoTime: dates and zoned date-times become the UTC instant the API filters on', () => {
  const cases: [string, string][] = [
    ['2026-05-01', '2026-05-01T00:00:00.000Z'],
    ['2026-05-01T08:00:00Z', '2026-05-01T08:00:00.000Z'],
    ['2026-05-01T08:00Z', '2026-05-01T08:00:00.000Z'],
    ['2026-05-01T00:30:00+02:00', '2026-04-30T22:30:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ];
  for (const [input, expected] of cases) assert.equal(isoTime(input), expected, input);
});

test('isoTime: refuses what is not a day, or a time without a zone', () => {
  for (const input of [
    'nope',
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-05-01T08:00:00',
    '01-05-2026',
    '',
  ])
    assert.throws(() => isoTime(input), InvalidArgumentError, input);
});

test('positiveInt: whole numbers from 1', () => {
  assert.equal(positiveInt('3'), 3);
  for (const input of ['0', '-1', '1.5', 'x', ''])
    assert.throws(() => positiveInt(input), InvalidArgumentError, input);
});
