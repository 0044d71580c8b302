import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ExprIo, exprCommand, pointAt, runExpr } from './expr.ts';

const io: ExprIo = {
  readFile: async (path) => {
    if (path === 'person.json') return '{"Roepnaam":"Jan","Geboortenaam":"Jansen"}';
    // As fs.readFile fails: the code says why.
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  },
  now: () => new Date('2021-07-02T15:33:38Z'),
  random: () => 0.5,
};

test('expr: prints the value as JSON', async () => {
  const cases: [string, Parameters<typeof runExpr>[1], string][] = [
    [
      'Join(" ", [Roepnaam], [Geboortenaam])',
      { input: '{"Roepnaam":"Jan","Geboortenaam":"Jansen"}' },
      '"Jan Jansen"',
    ],
    [
      'Join(" ", [Roepnaam], [Geboortenaam])',
      { inputFile: 'person.json', input: '{"Roepnaam":"Piet"}' },
      '"Piet Jansen"',
    ],
    ['Split([t], ",")', { input: '{"t":"a, b"}' }, '["a","b"]'],
    ['Now()', {}, '"7/2/2021 3:33:38 PM"'],
    ['Now()', { now: '2024-01-01T12:00:00Z' }, '"1/1/2024 12:00:00 PM"'],
    [
      'FormatDateTime(Now(), "AssumeUniversal", "M/d/yyyy h:mm:ss tt", "HH:mm")',
      { timeZone: 'Europe/Amsterdam' },
      '"17:33"',
    ],
    ['SelectUniqueValue("a@x.nl", "b@x.nl")', { taken: ['a@x.nl'] }, '"b@x.nl"'],
    ['IgnoreFlowIfNullOrEmpty([Afdeling])', { input: '{"Afdeling":""}' }, '(not flowed)'],
  ];
  for (const [expression, flags, expected] of cases) {
    const output = await runExpr(expression, flags, io);
    assert.equal(output.exitCode, 0, output.stderr.join('\n'));
    assert.deepEqual(output.stdout, [expected], expression);
  }
});

test('expr: notes attributes missing from the input and Redact', async () => {
  const output = await runExpr('Redact(Coalesce([BSN], [Medewerker]))', { input: '{"Medewerker":"1"}' }, io);
  assert.deepEqual(output.stdout, ['"1"']);
  assert.deepEqual(output.stderr, [
    'note: [BSN] is not in the input, so it is null',
    'note: Redact() is used, so run logs show [Redact] instead of this value',
  ]);
});

test('expr: syntax and evaluation errors exit 1 with a caret under the position', async () => {
  const syntax = await runExpr('Left("John Doe", 3', {}, io);
  assert.equal(syntax.exitCode, 1);
  assert.deepEqual(syntax.stderr, [
    "error: expected ')' at column 19",
    '  Left("John Doe", 3',
    '                    ^',
  ]);
  const runtime = await runExpr('Join(" ", [a], Left([a], [n]))', { input: '{"a":"x","n":"two"}' }, io);
  assert.equal(runtime.exitCode, 1);
  assert.deepEqual(runtime.stderr, [
    'error: Left: NumChars must be a number, got "two" at column 26',
    '  Join(" ", [a], Left([a], [n]))',
    '                           ^',
  ]);
  const exhausted = await runExpr('SelectUniqueValue("a", "b")', { taken: ['a', 'b'] }, io);
  assert.equal(exhausted.exitCode, 1);
  assert.match(exhausted.stderr[0]!, /every candidate is taken \(a, b\)/);
});

test('expr: bad input is refused with a message', async () => {
  const cases: [Parameters<typeof runExpr>[1], RegExp][] = [
    [{ input: '{"a":' }, /^error: --input is not valid JSON/],
    // Where a saved person breaks, as an editor shows it (Node 20 says "at position 17").
    [{ input: '{\n  "a": "x",\n  "b" 1\n}' }, /^error: --input is not valid JSON: .* at line 3, column 7$/],
    [{ input: '[1]' }, /^error: --input must be a JSON object/],
    [
      { input: '{"a":{"b":1}}' },
      /^error: --input: attribute a must be text, a number, true\/false, null or a list of texts$/,
    ],
    [{ inputFile: 'missing.json' }, /^error: cannot read --input-file missing.json: there is no such file$/],
    [{ now: 'yesterday' }, /^error: --now "yesterday" is not an ISO-8601 time$/],
  ];
  for (const [flags, message] of cases) {
    const output = await runExpr('[a]', flags, io);
    assert.equal(output.exitCode, 1);
    assert.match(output.stderr[0]!, message);
  }
  const none = await runExpr(undefined, {}, io);
  assert.equal(none.exitCode, 1);
});

test('expr --functions lists every function with its signature', async () => {
  const output = await runExpr(undefined, { functions: true }, io);
  assert.equal(output.exitCode, 0);
  assert.ok(output.stdout.some((l) => l.startsWith('Switch(source, [defaultValue], key1, value1, …)')));
  assert.ok(
    output.stdout.some((l) => l.startsWith('DutchDisplayName(givenName, convention, prefix, birthName')),
  );
});

test('pointAt: the caret follows tabs and lines', () => {
  assert.deepEqual(pointAt('Join(\n\t[a] [b])', 11), ['  \t[a] [b])', '  \t    ^']);
});

test('exprCommand: commander wiring passes the argument and flags through', async () => {
  const command = exprCommand(io).exitOverride();
  assert.equal(command.name(), 'expr');
  const flags = command.options.map((o) => o.long);
  assert.deepEqual(flags, ['--input', '--input-file', '--now', '--time-zone', '--taken', '--functions']);
});
