import assert from 'node:assert/strict';
import { test } from 'node:test';
import { counted } from './words.ts';

test('a count says its noun in the singular for one and the plural otherwise', () => {
  assert.equal(counted(1, 'problem'), '1 problem');
  assert.equal(counted(0, 'problem'), '0 problems');
  assert.equal(counted(3, 'regular expression'), '3 regular expressions');
  assert.equal(counted(2, 'person', 'people'), '2 people');
});
