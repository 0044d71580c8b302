import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameValue } from './values.ts';

test('sameValue: texts, empties and lists by content in any order', () => {
  const cases: [Parameters<typeof sameValue>[0], Parameters<typeof sameValue>[1], boolean][] = [
    ['a', 'a', true],
    ['a', 'b', false],
    ['', null, true],
    [undefined, [], true],
    [['1', '2'], ['1', '2'], true],
    [['1', '2'], ['2', '1'], true],
    [['1', '2'], ['1', '3'], false],
    [['1', '2'], ['1'], false],
    [['1'], '1', false],
    [true, true, true],
    [true, false, false],
  ];
  for (const [a, b, same] of cases)
    assert.equal(sameValue(a, b), same, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
});
