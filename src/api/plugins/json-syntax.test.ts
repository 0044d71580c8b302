import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonSyntaxError } from './json-syntax.ts';

test('the first place a text stops being JSON, with what is wrong there', () => {
  const cases: [string, number, number, number, string][] = [
    ['{"email": 1,,}', 12, 1, 13, "expected a property name in double quotes, found ','"],
    ['{"a":1', 6, 1, 7, 'it ends before the JSON value is complete'],
    ['{a:1}', 1, 1, 2, "expected a property name in double quotes, found 'a'"],
    ['[1,2]x', 5, 1, 6, "found 'x' after the end of the JSON value"],
    // V8 names no position for these; the walk does.
    ['{"a":tru}', 5, 1, 6, "expected a value, found 't'"],
    ['{"a":01}', 6, 1, 7, "expected ',' or '}', found '1'"],
    ['{"a":"x\ny"}', 7, 1, 8, 'found a control character (such as a line break) inside a string'],
    ['{"a":"\\q"}', 6, 1, 7, 'found an invalid escape in a string'],
    ['"\\u12g4"', 1, 1, 2, 'found a \\u escape without 4 hex digits'],
    ['{"a" 1}', 5, 1, 6, "expected ':' after the property name, found '1'"],
    ['{\n  "a": [1, 2,\n  ]\n}', 18, 3, 3, "expected a value, found ']'"],
    ['[1]\u00a0', 3, 1, 4, 'found U+00A0 after the end of the JSON value'],
    ['{"a":"open', 10, 1, 11, 'found a string that is not closed'],
  ];
  for (const [text, offset, line, column, problem] of cases) {
    assert.throws(() => JSON.parse(text), SyntaxError, text);
    assert.deepEqual(jsonSyntaxError(text), { offset, line, column, problem }, text);
  }
});

test('JSON is JSON, and deep nesting does not overflow the stack', () => {
  for (const text of ['{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', ' 1 ', '[]', '{}', '"x"']) {
    assert.doesNotThrow(() => JSON.parse(text));
    assert.equal(jsonSyntaxError(text), null, text);
  }
  const deep = '['.repeat(1_000_000);
  assert.equal(jsonSyntaxError(deep)?.problem, 'it ends before the JSON value is complete');
  assert.equal(jsonSyntaxError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), null);
});
