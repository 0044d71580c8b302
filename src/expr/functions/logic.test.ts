import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttrValue } from '../../core/index.ts';
import { failure, run, value } from '../test-helpers.ts';

type Case = readonly [expression: string, attributes: Record<string, AttrValue>, expected: AttrValue];

function table(name: string, cases: readonly Case[]) {
  test(name, () => {
    for (const [expression, attributes, expected] of cases) {
      assert.deepEqual(
        value(expression, attributes),
        expected,
        `${expression} with ${JSON.stringify(attributes)}`,
      );
    }
  });
}

// An argument that fails when evaluated: proves the functions below never evaluate it.
const BOOM = 'Left("x", "not a number")';

table('comparisons: VB coercions between numbers, text and booleans', [
  ['[n] = "0"', { n: 0 }, true],
  ['[n] > 5', { n: '10' }, true],
  ['[a] > [b]', { a: '10', b: '9' }, false],
  ['[a] < [b]', { a: 'Appel', b: 'appel' }, true],
  ['[a] = "x"', { a: 'X' }, false],
  ['[a] = ""', {}, true],
  ['[a] <> ""', { a: 'x' }, true],
  ['IsPresent([a]) = "True"', { a: 'x' }, true],
  ['IsPresent([a]) = False', {}, true],
  ['[a] >= 2.5', { a: 2.5 }, true],
  ['[a] <= 1', { a: 'abc' }, false],
  ['[single] = "x"', { single: ['x'] }, true],
]);

test('comparisons: multi-valued attributes and ordered booleans are refused', () => {
  assert.equal(
    failure('[a] = "x"', { a: ['x', 'y'] }),
    'cannot compare a multi-valued attribute with 2 values; pick one value with Item()',
  );
  assert.equal(failure('IsNull([a]) > True'), "cannot order true/false values with '>'; use = or <>");
});

table('IIF: conditions as VB reads them; only the chosen branch runs', [
  [`IIF(1 = 1, "yes", ${BOOM})`, {}, 'yes'],
  [`IIF(1 = 2, ${BOOM}, "no")`, {}, 'no'],
  ['IIF([c], "yes", "no")', { c: 'TRUE' }, 'yes'],
  ['IIF([c], "yes", "no")', { c: 0 }, 'no'],
  ['IIF([c], "yes", "no")', { c: '-1' }, 'yes'],
  ['IIF([c], "yes", "no")', {}, 'no'],
  ['IIF(true, [missing], "no")', {}, null],
]);

test('IIF: a condition that is not true or false is an error at the condition', () => {
  const result = run('IIF([c], "yes", "no")', { c: 'maybe' });
  assert.ok(!result.ok);
  assert.equal(result.error.message, 'IIF: condition must be true or false, got "maybe"');
  assert.equal(result.error.position, 4);
  assert.equal(result.error.code, 'HRS_EXPR_EVALUATION');
});

table('Switch: case-sensitive text keys, null matches "", missing default is null, lazy', [
  ['Switch([a], "d", "x", "1", "X", "2")', { a: 'X' }, '2'],
  ['Switch([a], "d", "0", "zero")', { a: 0 }, 'zero'],
  ['Switch([a], "d", "", "empty")', {}, 'empty'],
  ['Switch([a], , "x", "1")', { a: 'y' }, null],
  [`Switch([a], ${BOOM}, "x", "1", "y", ${BOOM})`, { a: 'x' }, '1'],
  ['Switch(IsNull([a]), "d", "True", "absent")', {}, 'absent'],
]);

table('Coalesce: skips null only; empty text is a value; later arguments are not evaluated', [
  ['Coalesce([a], [b], "d")', { a: '', b: 'x' }, ''],
  ['Coalesce([a], [b], "d")', { a: [], b: 'x' }, 'x'],
  ['Coalesce([a], [b])', {}, null],
  [`Coalesce("first", ${BOOM})`, {}, 'first'],
]);

table('Not: only true and "True" become false', [
  ['Not([a])', { a: 'True' }, false],
  ['Not([a])', { a: ' true ' }, false],
  ['Not(IsNull([a]))', {}, false],
  ['Not([a])', { a: 'False' }, true],
  ['Not([a])', {}, true],
  ['Not([a])', { a: 'yes' }, true],
]);

table('IsNull / IsNullOrEmpty / IsPresent / IsString on every kind of value', [
  ['IsNull([a])', { a: [] }, true],
  ['IsNull([a])', { a: '' }, false],
  ['IsNull([a])', { a: 0 }, false],
  ['IsNullOrEmpty([a])', { a: [] }, true],
  ['IsNullOrEmpty([a])', { a: ' ' }, false],
  ['IsPresent([a])', { a: false }, true],
  ['IsPresent([a])', { a: '' }, false],
  ['IsString([a])', { a: '' }, true],
  ['IsString([a])', { a: 42 }, false],
  ['IsString([a])', {}, false],
  ['IsString([a])', { a: ['x'] }, false],
]);

table('CBool: booleans, "True"/"False", numbers; null is false', [
  ['CBool([a])', { a: 'false' }, false],
  ['CBool([a])', { a: '2' }, true],
  ['CBool([a])', { a: 0 }, false],
  ['CBool([a])', {}, false],
]);

table('CStr: invariant numbers, True/False, null stays null', [
  ['CStr([a])', { a: 0.5 }, '0.5'],
  ['CStr([a])', { a: -0 }, '0'],
  ['CStr(IsNull([a]))', {}, 'True'],
  ['CStr([a])', {}, null],
]);

table('BitAnd: numbers, numeric text and hex text', [
  ['BitAnd([uac], 2)', { uac: 512 }, 0],
  ['BitAnd([uac], "&H2")', { uac: '66050' }, 2],
  ['BitAnd(-1, 255)', {}, 255],
]);

test('CBool and BitAnd refuse what they cannot convert', () => {
  assert.equal(
    failure('CBool([a])', { a: 'perhaps' }),
    'CBool: Expression cannot be read as true or false: "perhaps"',
  );
  assert.equal(failure('BitAnd([a], 1)', { a: 'x' }), 'BitAnd: value1 must be a number, got "x"');
});

test('IgnoreFlowIfNullOrEmpty: flow is false wherever it is triggered; otherwise true', () => {
  const nested = run('Join(",", IgnoreFlowIfNullOrEmpty([a]), "x")');
  assert.ok(nested.ok);
  assert.deepEqual([nested.value, nested.flow], ['x', false]);
  const present = run('IgnoreFlowIfNullOrEmpty([a])', { a: ['x'] });
  assert.ok(present.ok);
  assert.deepEqual([present.value, present.flow], [['x'], true]);
  const empty = run('IgnoreFlowIfNullOrEmpty([a])', { a: [] });
  assert.ok(empty.ok);
  assert.equal(empty.flow, false);
});

test('Redact: the value passes through and the result is marked redacted', () => {
  const redacted = run('Join("-", "x", Redact([secret]))', { secret: 's3cret' });
  assert.deepEqual(redacted, { ok: true, value: 'x-s3cret', flow: true, redacted: true });
  const plain = run('Join("-", "x", [secret])', { secret: 's3cret' });
  assert.ok(plain.ok && !plain.redacted);
});
