import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindExpression, evaluate } from './evaluate.ts';
import { parseExpression } from './parse-expression.ts';
import { run, value } from './test-helpers.ts';

test('evaluate: absent attributes are null, including names that exist on Object.prototype', () => {
  assert.equal(value('[nope]'), null);
  assert.equal(value('[constructor]'), null);
  assert.equal(value('[toString]'), null);
  assert.equal(value('IsNull([__proto__])'), true);
});

test('evaluate: own attributes are read whatever their name and type', () => {
  const own = {
    constructor: 'C',
    toString: 7,
    flag: false,
    list: ['a', 'b'],
    empty: null,
    'with "quote"': 'q',
  };
  assert.equal(value('[constructor]', own), 'C');
  assert.equal(value('[toString]', own), 7);
  assert.equal(value('[flag]', own), false);
  assert.deepEqual(value('[list]', own), ['a', 'b']);
  assert.equal(value('[empty]', own), null);
  assert.equal(value('[with "quote"]', own), 'q');
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

test('bindExpression: each call starts afresh (flow, Redact, the clock) and answers as evaluate does', () => {
  const parsed = parseExpression(
    'IIF(IsNull([a]), IgnoreFlowIfNullOrEmpty([a]), Redact(Join(" ", [a], FormatDateTime(Now(), , "M/d/yyyy h:mm:ss tt", "yyyy"))))',
  );
  assert.ok(parsed.ok);
  const bound = bindExpression(parsed.ast);
  const people: { a: string | null; now: string }[] = [
    { a: 'x', now: '2020-05-01T00:00:00Z' },
    { a: null, now: '2021-05-01T00:00:00Z' },
    { a: 'y', now: '2022-05-01T00:00:00Z' },
  ];
  const seen: unknown[] = [];
  for (const { a, now } of people) {
    const context = { attributes: { a }, now: () => now, random: () => 0 };
    const got = bound(context);
    const want = evaluate(parsed.ast, context);
    assert.deepEqual({ ...got }, want);
    seen.push(got.ok ? [got.value, got.flow, got.redacted] : got.error.message);
  }
  assert.deepEqual(seen, [
    ['x 2020', true, true],
    [null, false, false],
    ['y 2022', true, true],
  ]);
  const split = parseExpression('Split([p], ",")');
  assert.ok(split.ok);
  const list = bindExpression(split.ast)({ attributes: { p: ' a, ,b ' }, now: () => '', random: () => 0 });
  assert.ok(list.ok);
  assert.deepEqual(list.value, ['a', 'b']);
  assert.ok(Object.isFrozen(list.value), 'a multi-valued result cannot be changed by whoever reads it');
});

test('bindExpression: a call made while the same tree is evaluated gets its own result', () => {
  const parsed = parseExpression('SelectUniqueValue([a], [b])');
  assert.ok(parsed.ok);
  const bound = bindExpression(parsed.ast);
  let inner: unknown;
  const outer = bound({
    attributes: { a: 'taken', b: 'free' },
    now: () => '',
    random: () => 0,
    isUnique: (candidate) => {
      if (inner === undefined) {
        const r = bound({
          attributes: { a: 'other', b: 'x' },
          now: () => '',
          random: () => 0,
          isUnique: () => true,
        });
        inner = r.ok ? r.value : r.error.message;
      }
      return candidate !== 'taken';
    },
  });
  assert.deepEqual(outer.ok ? outer.value : outer.error.message, 'free');
  assert.equal(inner, 'other');
});
