import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Lifecycle, Person } from '../../core/index.ts';
import { personEntries, searchPersonEntries } from './person-search.ts';

const person = (employeeNumber: string, displayName: string, lifecycle: Lifecycle = 'active'): Person => ({
  employeeNumber,
  displayName,
  lifecycle,
  employments: [],
  primary: null,
  attributes: {},
});

const entries = personEntries([
  person('1002', 'Zoë van den Boele'),
  person('999', 'Jan Jansen', 'leaver'),
  person('1000', 'Marieke Bos'),
  person('10010', 'Sven Großmann', 'pre-hire'),
  person('A-17', 'Ærøskøbing Test'),
]);
const numbers = (q: string, limit = 20) =>
  searchPersonEntries(entries, q, limit).items.map((e) => e.employeeNumber);

test('sorted by employee number, shorter numbers first', () => {
  assert.deepEqual(numbers(''), ['999', '1000', '1002', '10010', 'A-17']);
});

test('employee numbers match by their start, names anywhere', () => {
  const cases: [string, string[]][] = [
    ['100', ['1000', '1002', '10010']],
    ['1000', ['1000']],
    ['00', []], // a number in the middle is not a prefix
    ['jans', ['999']],
    ['  BOS ', ['1000']],
    ['van den', ['1002']],
    ['a-1', ['A-17']],
    ['nobody', []],
  ];
  for (const [q, want] of cases) assert.deepEqual(numbers(q), want, q);
});

test('case and accents do not matter, on either side', () => {
  assert.deepEqual(numbers('zoe'), ['1002']);
  assert.deepEqual(numbers('ZOË'), ['1002']);
  assert.deepEqual(numbers('grossmann'), ['10010']);
  assert.deepEqual(numbers('großmann'), ['10010']);
  assert.deepEqual(numbers('aeroe'), ['A-17']);
});

test('at most the limit, with the total of all matches', () => {
  const found = searchPersonEntries(entries, '', 2);
  assert.deepEqual(
    found.items.map((e) => [e.employeeNumber, e.displayName, e.lifecycle]),
    [
      ['999', 'Jan Jansen', 'leaver'],
      ['1000', 'Marieke Bos', 'active'],
    ],
  );
  assert.equal(found.total, 5);
});
