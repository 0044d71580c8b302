import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from './evaluate.ts';
import { parseExpression } from './parse-expression.ts';
import { run, value } from './test-helpers.ts';

test('evaluate: absent attributes are null, including names that exist on Object.prototype', () => {
  assert.equal(value('[nope]'), null);
  assert.equal(value('[constructor]'), null);
  assert.equal(value('[toString]'), null);
  assert.equal(value('IsNull([__proto__])'), true);
});

test('evaluate: constants and comparisons can be whole expressions', () => {
  assert.equal(value('"NL"'), 'NL');
  assert.equal(value('42'), 42);
  assert.equal(value('[a] = "x"', { a: 'x' }), true);
});

test('evaluate: runtime errors are values with a code and the position of the failing argument', () => {
  const result = run('Join(" ", [a], Left([a], [n]))', { a: 'abc', n: 'x' });
  assert.deepEqual(result, {
    ok: false,
    error: { code: 'HRS_EXPR_EVALUATION', message: 'Left: NumChars must be a number, got "x"', position: 25 },
  });
});

test('evaluate: one parsed tree serves many evaluations with different attributes', () => {
  const parsed = parseExpression('Join(".", ToLower([a]), [b])');
  assert.ok(parsed.ok);
  const context = { now: () => new Date(0), random: () => 0 };
  const values = ['A', 'B', 'C'].map((a) => {
    const r = evaluate(parsed.ast, { ...context, attributes: { a, b: 'x' } });
    return r.ok ? r.value : r.error.message;
  });
  assert.deepEqual(values, ['a.x', 'b.x', 'c.x']);
});

test('evaluate: a throwing callback is a caller bug and is not swallowed', () => {
  assert.throws(
    () =>
      run(
        'SelectUniqueValue("a", "b")',
        {},
        {
          isUnique: () => {
            throw new Error('store down');
          },
        },
      ),
    /store down/,
  );
});
