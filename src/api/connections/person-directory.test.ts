import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Connection } from '../../store/index.ts';
import { PersonDirectory } from './person-directory.ts';
import type { PersonEntry } from './person-search.ts';

const connection = (id: string, tokenId = 's1', timeZone = 'Europe/Amsterdam') =>
  ({
    id,
    config: { source: { environment: { baseUrl: 'http://afas' }, token: { stored: tokenId } }, timeZone },
  }) as unknown as Connection;

function setup(maxConnections = 10) {
  let now = 0;
  const reads: string[] = [];
  const directory = new PersonDirectory({ maxAgeMs: 60_000, maxConnections, now: () => now });
  const persons = (c: Connection, fail = false) =>
    directory.persons(c, async () => {
      reads.push(c.id);
      if (fail) throw new Error('AFAS is down');
      return [] as PersonEntry[];
    });
  return { reads, persons, advance: (ms: number) => (now += ms) };
}

test('one read serves the searches of the next minute, then AFAS is read again', async () => {
  const d = setup();
  await d.persons(connection('a'));
  d.advance(59_999);
  await d.persons(connection('a'));
  assert.deepEqual(d.reads, ['a']);
  d.advance(1);
  await d.persons(connection('a'));
  assert.deepEqual(d.reads, ['a', 'a']);
});

test('searches during a read share it', async () => {
  const d = setup();
  await Promise.all([d.persons(connection('a')), d.persons(connection('a')), d.persons(connection('b'))]);
  assert.deepEqual(d.reads, ['a', 'b']);
});

test('a changed token or time zone reads afresh at once', async () => {
  const d = setup();
  await d.persons(connection('a'));
  await d.persons(connection('a', 's2'));
  await d.persons(connection('a', 's2', 'UTC'));
  assert.deepEqual(d.reads, ['a', 'a', 'a']);
});

test('a failed read is not remembered', async () => {
  const d = setup();
  await assert.rejects(d.persons(connection('a'), true), /AFAS is down/);
  await d.persons(connection('a'));
  await d.persons(connection('a'));
  assert.deepEqual(d.reads, ['a', 'a']);
});

test('only the most recently read connections are remembered', async () => {
  const d = setup(2);
  for (const id of ['a', 'b', 'c', 'a']) await d.persons(connection(id));
  assert.deepEqual(d.reads, ['a', 'b', 'c', 'a']);
  await d.persons(connection('c'));
  assert.deepEqual(d.reads, ['a', 'b', 'c', 'a'], 'c is still remembered');
});
