import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttrValue } from '../../core/index.ts';
import { failure, value } from '../test-helpers.ts';

const phones = { phones: ['020 555 1234', '06 1234 5678', '020 555 1234'] };

test('multi-valued functions: Count, Item, RemoveDuplicates and Split', () => {
  const cases: [string, Record<string, AttrValue>, AttrValue][] = [
    ['Count([phones])', phones, 3],
    ['Count([phones])', { phones: 'single' }, 1],
    ['Count([phones])', {}, 0],
    ['Count(Split("a,b,,c", ","))', {}, 3],
    ['Item([phones], 2)', phones, '06 1234 5678'],
    ['Item([phones], 0)', phones, null],
    ['Item([phones], 4)', phones, null],
    ['Item([phones], 1)', { phones: 'single' }, 'single'],
    ['Item([phones], 2)', { phones: 'single' }, null],
    ['Item([phones], 1)', {}, null],
    ['RemoveDuplicates([phones])', phones, ['020 555 1234', '06 1234 5678']],
    ['RemoveDuplicates([phones])', { phones: ['A', 'a'] }, ['A', 'a']],
    ['RemoveDuplicates([phones])', { phones: 'single' }, 'single'],
    ['RemoveDuplicates([phones])', {}, null],
    ['Split(" a ;; b ", ";")', {}, ['a', 'b']],
    ['Split("a--b", "--")', {}, ['a', 'b']],
    ['Split("a,b", "")', {}, ['a,b']],
    ['Split([x], ",")', {}, null],
  ];
  for (const [expression, attributes, expected] of cases)
    assert.deepEqual(value(expression, attributes), expected, expression);
});

test('single-value functions accept a one-value attribute and refuse more', () => {
  assert.equal(value('ToUpper([a])', { a: ['x'] }), 'X');
  assert.equal(value('ToUpper([a])', { a: [] }), null);
  assert.equal(
    failure('ToUpper([a])', { a: ['x', 'y'] }),
    'ToUpper: source must be a single value, got a multi-valued attribute with 2 values',
  );
});

test('multi-valued results are frozen copies', () => {
  const result = value('Split("a,b", ",")');
  assert.ok(Array.isArray(result) && Object.isFrozen(result));
  const attributes = { phones: ['x', 'y'] };
  const passedThrough = value('Coalesce([phones])', attributes);
  assert.notEqual(passedThrough, attributes.phones);
  assert.deepEqual(passedThrough, ['x', 'y']);
});
