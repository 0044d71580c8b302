/** The delta reader's look at a page's raw bytes for the next link (pure). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextLinkIn } from './graph-reader.ts';

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

test('nextLinkIn finds the link wherever the page puts it, unescaped as JSON.parse would', () => {
  const link = 'https://graph.example/v1.0/users/delta?$skiptoken=a"b\\c&d=é';
  assert.equal(nextLinkIn(bytes({ '@odata.context': 'x', '@odata.nextLink': link, value: [] })), link);
  assert.equal(nextLinkIn(bytes({ value: [{ id: '1' }], '@odata.nextLink': link })), link);
  const escaped = Buffer.from(
    '{"@odata.nextLink":"https:\\/\\/g.example\\/v1.0\\/users\\/delta?a=1\\u0026b=2","value":[]}',
  );
  assert.equal(nextLinkIn(escaped), 'https://g.example/v1.0/users/delta?a=1&b=2');
});

test('nextLinkIn: no link, a last page, a value that only mentions the key, a cut-off body', () => {
  assert.equal(nextLinkIn(bytes({ value: [] })), undefined);
  assert.equal(nextLinkIn(bytes({ '@odata.deltaLink': 'https://g/x', value: [] })), undefined);
  // Inside a string the quotes are escaped, so this is not the key.
  assert.equal(
    nextLinkIn(bytes({ value: [{ displayName: '"@odata.nextLink":"https://evil/"' }] })),
    undefined,
  );
  assert.equal(nextLinkIn(Buffer.from('{"@odata.nextLink":"https://g/x')), undefined);
});
