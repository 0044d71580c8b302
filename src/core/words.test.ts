import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plural } from './words.ts';

test('a count says its noun in the singular for one and the plural otherwise', () => {
  assert.equal(plural(1, 'problem'), '1 problem');
  assert.equal(plural(0, 'problem'), '0 problems');
  assert.equal(plural(3, 'regular expression'), '3 regular expressions');
  assert.equal(plural(2, 'person', 'people'), '2 people');
});
