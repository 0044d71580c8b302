import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleContext, FUNCTIONS } from './catalogue.ts';
import { evaluate } from './evaluate.ts';
import { FUNCTION_NAMES } from './function-names.ts';
import { parseExpression } from './parse-expression.ts';

test('catalogue: one entry per function, in FUNCTION_NAMES order, each documented', () => {
  assert.deepEqual(
    FUNCTIONS.map((f) => f.name),
    [...FUNCTION_NAMES],
  );
  for (const f of FUNCTIONS) {
    assert.ok(f.description.length > 40, `${f.name} needs a real description`);
    assert.ok(f.signature.startsWith(`${f.name}(`), f.signature);
    assert.ok(f.example.expression.includes(f.name), `${f.name}'s example should use ${f.name}`);
  }
});

test('catalogue: signatures show optional and repeating parameters', () => {
  const signature = (name: string) => FUNCTIONS.find((f) => f.name === name)?.signature;
  assert.equal(signature('InStr'), 'InStr(value1, value2, [start], [compareType])');
  assert.equal(signature('Join'), 'Join(separator, source1, source2, …)');
  assert.equal(signature('Switch'), 'Switch(source, [defaultValue], key1, value1, …)');
  assert.equal(signature('Now'), 'Now()');
});

for (const f of FUNCTIONS) {
  test(`catalogue: the ${f.name} example evaluates to its stated output`, () => {
    const parsed = parseExpression(f.example.expression);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
    const result = evaluate(parsed.ast, exampleContext(f.example));
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(result.value, f.example.output);
    assert.equal(result.flow, f.example.flow ?? true);
  });
}
