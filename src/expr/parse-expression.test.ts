import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallNode } from './ast.ts';
import { compile } from './compile.ts';
import { parseExpression } from './parse-expression.ts';
import { references } from './references.ts';

function ast(text: string) {
  const result = parseExpression(text);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.ast;
}

function error(text: string) {
  const result = parseExpression(text);
  assert.ok(!result.ok, `expected ${text} to be refused`);
  return result.error;
}

test('parse: literals, attributes, calls, empty arguments and comparisons', () => {
  const cases: [string, unknown][] = [
    ['"a\\\\b\\"c"', { kind: 'string', value: 'a\\b"c' }],
    ['"\\d{10}"', { kind: 'string', value: '\\d{10}' }],
    ['[Roepnaam]', { kind: 'attribute', name: 'Roepnaam' }],
    [
      '[ urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber ]',
      {
        kind: 'attribute',
        name: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
      },
    ],
    ['-10', { kind: 'number', value: -10, text: '-10' }],
    ['3.5', { kind: 'number', value: 3.5, text: '3.5' }],
    ['&HF7', { kind: 'number', value: 247, text: '&HF7' }],
    ['129699324000000000', { kind: 'number', value: 129699324000000000, text: '129699324000000000' }],
    ['true', { kind: 'boolean', value: true }],
    ['vbTextCompare', { kind: 'constant', name: 'vbTextCompare', value: 1 }],
  ];
  for (const [text, expected] of cases) {
    const node = ast(text) as unknown as Record<string, unknown>;
    for (const [key, want] of Object.entries(expected as object))
      assert.deepEqual(node[key], want, `${text}: ${key}`);
  }
  const call = ast('Replace([mail], "@contoso.com", , ,"", ,)') as CallNode;
  assert.equal(call.name, 'Replace');
  assert.deepEqual(
    call.args.map((a) => a.kind),
    ['attribute', 'string', 'missing', 'missing', 'string', 'missing', 'missing'],
  );
  assert.deepEqual((ast('Now()') as CallNode).args, []);
  assert.deepEqual((ast('Now( )') as CallNode).args, []);
  const comparison = ast('IIF(DateDiff("d", Now(), [x]) >= 5, "a", "b")') as CallNode;
  assert.equal(comparison.args[0]!.kind, 'comparison');
  assert.equal(ast('([a] <> "b")').kind, 'comparison');
});

test('parse: spans point into the text', () => {
  const call = ast('Join(".", [a])') as CallNode;
  assert.deepEqual([call.start, call.end], [0, 14]);
  assert.deepEqual([call.args[1]!.start, call.args[1]!.end], [10, 13]);
});

test('parse: function names resolve case-insensitively to their canonical spelling', () => {
  assert.equal((ast('switch([a], "d", "k", "v")') as CallNode).name, 'Switch');
  assert.equal((ast('iif(1=1, "a", "b")') as CallNode).name, 'IIF');
  assert.equal((ast('tolower("A")') as CallNode).name, 'ToLower');
});

test("parse: multi-line expressions, as in Entra's DateDiff example", () => {
  const call = ast('Switch([Active], ,\n  "1", "yes",\n  "0", "no")') as CallNode;
  assert.equal(call.args.length, 6);
  assert.equal(call.args[1]!.kind, 'missing');
});

test('parse: the tree is frozen', () => {
  const call = ast('Join(".", [a], [b])') as CallNode;
  assert.ok(Object.isFrozen(call));
  assert.ok(Object.isFrozen(call.args));
  assert.ok(Object.isFrozen(call.args[1]));
});

test('parse: syntax errors say what was expected and where', () => {
  const cases: [string, string, number][] = [
    ['Left("John Doe", 3', "expected ')' at column 19", 18],
    ['Join(".", [a] [b])', "expected ',' or ')' but found [b] at column 15", 14],
    ['Join(".", [a]', "expected ')' at column 14", 13],
    ['"unterminated', "string constant is not closed: expected '\"' at column 1", 0],
    ['Left([abc, 1)', "attribute reference is not closed: expected ']' at column 6", 5],
    ['Left([], 1)', 'empty attribute reference [] at column 6', 5],
    ['Join(".", “a”)', 'curly quote “: string constants need straight double quotes (") at column 11', 10],
    ["Join('.', [a])", 'single quote: string constants need double quotes (") at column 6', 5],
    ['Join(".", [a]) [b]', 'unexpected [b] after the end of the expression at column 16', 15],
    [
      'Roepnaam',
      "unknown name 'Roepnaam'; attributes are written in square brackets, e.g. [Roepnaam] at column 1",
      0,
    ],
    [
      'Now',
      "unknown name 'Now' (a function call needs parentheses: Now(…)); attributes are written in square brackets, e.g. [Now] at column 1",
      0,
    ],
    ['Joim(".", [a])', "unknown function 'Joim' (did you mean Join?) at column 1", 0],
    ['Foo(1)', "unknown function 'Foo' at column 1", 0],
    ['IIF([a] = [b] = [c], 1, 2)', 'comparisons cannot be chained; nest IIF calls instead at column 15', 14],
    ['Join(".", @)', "unexpected character '@' at column 11", 10],
    ['&H', 'expected hexadecimal digits after &H at column 3', 2],
    [')', 'expected a function call, [attribute], "string" or number but found \')\' at column 1', 0],
    ['Join(".",\n  [a] [b])', "expected ',' or ')' but found [b] at line 2, column 7", 16],
  ];
  for (const [text, message, position] of cases) {
    const e = error(text);
    assert.equal(e.message, message, text);
    assert.equal(e.position, position, text);
  }
  const multi = error('Join(".",\n  [a] [b])');
  assert.deepEqual([multi.line, multi.column], [2, 7]);
});

test('parse: argument counts are checked with the position and the signature', () => {
  const cases: [string, string][] = [
    ['Left("a")', 'Left(String, NumChars) expects 2 arguments but got 1 at column 1'],
    ['Left("a", 1, 2)', 'Left(String, NumChars) expects 2 arguments but got 3 at column 14'],
    ['Now(1)', 'Now() expects no arguments but got 1 at column 5'],
    ['ToLower()', 'ToLower(source, [culture]) expects 1 to 2 arguments but got 0 at column 1'],
    [
      'Switch([a], "d", "k")',
      'Switch(source, [defaultValue], key1, value1, …) expects at least 4 arguments but got 3 at column 1',
    ],
    [
      'Switch([a], "d", "k", "v", "k2")',
      'Switch(source, [defaultValue], key1, value1, …) expects key/value pairs after the first 2 arguments; the last key has no value at column 28',
    ],
    ['Coalesce()', 'Coalesce(source1, source2, …) expects at least 1 argument but got 0 at column 1'],
    [
      'SelectUniqueValue("a")',
      'SelectUniqueValue(rule1, rule2, …) expects at least 2 arguments but got 1 at column 1',
    ],
    ['Append(, "x")', 'Append: source is required and cannot be left empty at column 8'],
    [
      'FormatDateTime([d], , , "yyyy")',
      'FormatDateTime: inputFormat is required and cannot be left empty at column 23',
    ],
    ['Switch([a], "d", , "v")', 'Switch: key1 is required and cannot be left empty at column 18'],
  ];
  for (const [text, message] of cases) assert.equal(error(text).message, message, text);
  // An optional parameter may be left empty in the middle.
  ast('FormatDateTime([d], , "yyyy", "yy")');
  ast('Switch([Active], , "1", "a", "0", "b")');
});

test('parse: static rules of individual functions', () => {
  const cases: [string, string][] = [
    [
      'Join(".", SelectUniqueValue("a", "b"))',
      'SelectUniqueValue must be the whole expression; it cannot be nested inside another function at column 11',
    ],
    [
      'Replace([a], "x")',
      'Replace needs oldValue with replacementValue or template, or regexPattern with replacementValue, or regexPattern and regexGroupName with replacementValue or replacementAttributeName at column 1',
    ],
    [
      'Replace([a], "x", , , "y", , "t")',
      'Replace: replacementValue has no effect together with oldValue and template; leave it empty at column 23',
    ],
    [
      'Replace([a], "x", "[0-9]", , "y")',
      'Replace: give either oldValue or regexPattern, not both at column 19',
    ],
    [
      'DateAdd("days", 1, Now())',
      'DateAdd: interval "days" is not one of yyyy, q, m, y, d, w, ww, h, n, s at column 9',
    ],
    [
      'DateDiff("x", Now(), Now())',
      'DateDiff: interval "x" is not one of yyyy, q, m, y, d, w, ww, h, n, s at column 10',
    ],
    [
      'ToLower([a], "not a culture!")',
      'ToLower: "not a culture!" is not a culture name such as nl-NL at column 14',
    ],
    [
      'InStr("a", "b", 1, "sideways")',
      'InStr: compareType must be vbBinaryCompare or vbTextCompare at column 20',
    ],
    [
      'FormatDateTime([d], "AssumeSomething", "yyyy", "yy")',
      "FormatDateTime: dateTimeStyles 'AssumeSomething' is not a DateTimeStyles value (for example AssumeUniversal, AdjustToUniversal) at column 21",
    ],
    [
      'FormatDateTime([d], , "Q", "yy")',
      "FormatDateTime: inputFormat: 'Q' is not a standard .NET date format at column 23",
    ],
    [
      'FormatDateTime([d], , "yyyy", "\'open")',
      'FormatDateTime: outputFormat: quoted text starting at position 1 is not closed at column 31',
    ],
  ];
  for (const [text, message] of cases) assert.equal(error(text).message, message, text);
  ast('SelectUniqueValue(Join(".", [a], [b]), [c])');
  ast('Replace([a], , "(?<x>\\\\d+)", "x", , [b], )');
});

test('references: attribute names once each, in order of appearance', () => {
  assert.deepEqual(references(ast('Join(".", [b], IIF([a] = [b], [c], "x"), [a])')), ['b', 'a', 'c']);
  assert.deepEqual(references(ast('"constant"')), []);
});

test('compile: parse, references and a bound evaluate', () => {
  const compiled = compile('Join(" ", [Roepnaam], [Geboortenaam])');
  assert.ok(compiled.ok);
  assert.deepEqual(compiled.expression.references, ['Roepnaam', 'Geboortenaam']);
  const result = compiled.expression.evaluate({
    attributes: { Roepnaam: 'Jan', Geboortenaam: 'Jansen' },
    now: () => new Date(0),
    random: () => 0,
  });
  assert.deepEqual(result, { ok: true, value: 'Jan Jansen', flow: true, redacted: false });
  const refused = compile('Join(');
  assert.ok(!refused.ok);
  assert.match(refused.error.message, /at column 6$/);
});
