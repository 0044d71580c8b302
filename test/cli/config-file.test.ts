/**
 * A configuration file someone edited by hand and broke: `hrsync simulate` says which file and where
 * in it (line and column, not a character offset), exits 1, and prints no stack trace. No service or
 * emulator is needed: the file is read before anything is contacted.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type CliRun, cloudInitArgs, hybridInitOptions, runCli } from '../support/run-cli.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-config-file-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function simulate(config: string): Promise<CliRun> {
  return runCli(['simulate', '--config', config], { cwd: dir });
}

test('a configuration with a missing comma names the line and column where the JSON breaks', async () => {
  // What a hand edit leaves behind: the comma after "version" deleted.
  await writeFile(join(dir, 'broken.json'), '{\n  "version": 1\n  "timeZone": "Europe/Amsterdam"\n}\n');
  const run = await simulate('broken.json');
  assert.equal(run.code, 1, run.err + run.out);
  assert.match(
    run.err,
    /^Some settings need attention: broken\.json is not valid JSON: .* at line 3, column 3$/m,
  );
  assert.doesNotMatch(run.err, /position \d+|\n\s+at /, 'a line and column, no offset and no stack trace');
});

test('a stray bracket, a bare word or a cut-off file names the line and column too (Node 20 gives no offset for them)', async () => {
  // A "}" where the "]" that closes the mapping belongs: JSON.parse said only "Unexpected token '}',
  // ..."ing": [" and the text around it, across three lines of the terminal.
  await writeFile(join(dir, 'bracket.json'), '{\n  "version": 1,\n  "mapping": [\n  }\n}\n');
  const bracket = await simulate('bracket.json');
  assert.equal(bracket.code, 1, bracket.err + bracket.out);
  assert.equal(
    bracket.err.trim(),
    'Some settings need attention: bracket.json is not valid JSON: Unexpected "}" in JSON at line 4, column 3',
  );
  await writeFile(join(dir, 'word.json'), '{\n  "version": 1,\n  "timeZone": Europe/Amsterdam\n}\n');
  const word = await simulate('word.json');
  assert.match(word.err, /word\.json is not valid JSON: Unexpected "E" in JSON at line 3, column 15$/m);
  await writeFile(join(dir, 'cut.json'), '{\n  "version": 1,\n  "lifecycle": { "setManager": tr');
  const cut = await simulate('cut.json');
  assert.match(
    cut.err,
    /cut\.json is not valid JSON: The text ends before the JSON is complete, at line 3, column 34$/m,
  );
  for (const run of [word, cut]) assert.equal(run.code, 1, run.err + run.out);
  for (const run of [bracket, word, cut]) assert.equal(run.err.trim().split('\n').length, 1, run.err);
});

test('expr --input with an unquoted value names the column', async () => {
  const run = await runCli(['expr', '[Roepnaam]', '--input', '{"Roepnaam": Jan}'], { cwd: dir });
  assert.equal(run.code, 1, run.err + run.out);
  assert.equal(
    run.err.trim(),
    'error: --input is not valid JSON: Unexpected "J" in JSON at line 1, column 14',
  );
});

test('an empty configuration file says it is empty and how to write one', async () => {
  await writeFile(join(dir, 'empty.json'), '\n');
  const run = await simulate('empty.json');
  assert.equal(run.code, 1, run.err + run.out);
  assert.equal(
    run.err.trim(),
    'Some settings need attention: empty.json is empty (write one with `hrsync init`)',
  );
});

test('a folder or a missing file given as --config says so in words, not ENOENT or EISDIR', async () => {
  const folder = await simulate(dir);
  assert.equal(folder.code, 1);
  // The hint to write one follows a missing file only.
  assert.match(folder.err, /cannot read .*: it is a folder, not a file$/m);
  assert.doesNotMatch(folder.err, /EISDIR|\n\s+at /);
  const missing = await simulate(join(dir, 'nowhere.json'));
  assert.equal(missing.code, 1);
  assert.match(missing.err, /nowhere\.json: there is no such file \(write one with `hrsync init`/);
  assert.doesNotMatch(missing.err, /ENOENT/);
});

test('init --out into a folder that does not exist says so in words, with no stack trace', async () => {
  const out = join(dir, 'no-such-folder', 'hybrid.json');
  const run = await runCli(['init', '--out', out, '--afas-environment', '12345', ...hybridInitOptions()], {
    cwd: dir,
  });
  assert.equal(run.code, 1, run.err + run.out);
  assert.equal(run.err.trim(), `hrsync init: cannot write ${out}: a folder in the path does not exist`);
});

test('init refuses an AFAS environment number or kind it cannot use, naming the option', async () => {
  const hybrid = (afas: string[]) =>
    runCli(['init', '--out', join(dir, 'afas.json'), ...afas, ...hybridInitOptions()], { cwd: dir });
  for (const number of ['-5', '1', '99999999999999999999']) {
    const run = await hybrid(['--afas-environment', number]);
    assert.equal(run.code, 1, run.err + run.out);
    assert.match(
      run.err,
      new RegExp(
        `^error: option '--afas-environment <number>' argument '${number}' is invalid\\. An AFAS environment number has 5 or 6 digits, e\\.g\\. 12345\\.$`,
        'm',
      ),
    );
  }
  const kind = await hybrid(['--afas-environment', '12345', '--afas-kind', 'prod']);
  assert.equal(kind.code, 1, kind.err + kind.out);
  assert.match(
    kind.err,
    /^error: option '--afas-kind <kind>' argument 'prod' is invalid\. Allowed choices are production, test, accept\.$/m,
  );
});

test('a hand-edited file with a wrong AFAS environment or target word names the field and the allowed values', async () => {
  const out = join(dir, 'words.json');
  const init = await runCli(['init', '--out', out, '--afas-environment', '12345', ...hybridInitOptions()], {
    cwd: dir,
  });
  assert.equal(init.code, 0, init.err + init.out);
  const config = JSON.parse(await readFile(out, 'utf8'));
  config.source.environment.kind = 'acceptance';
  config.scope.outOfScope = 'remove';
  config.target.container = 'OU=Sales;Marketing,DC=example,DC=nl';
  await writeFile(out, JSON.stringify(config, null, 2));
  const run = await simulate('words.json');
  assert.equal(run.code, 1, run.err + run.out);
  assert.match(
    run.err,
    /Environment type: must be one of "production", "test", "accept" \(got "acceptance"\) \(\/source\/environment\/kind\)$/m,
  );
  assert.match(
    run.err,
    /: must be one of "none", "disable", "delete" \(got "remove"\) \(\/scope\/outOfScope\)$/m,
  );
  assert.match(
    run.err,
    /Container for new accounts: not a distinguished name: RDN 1 \("OU=Sales;Marketing"\), at character 9, has ";" in its value: write it as \\; \(\/target\/container\)$/m,
  );
  assert.doesNotMatch(run.err, /union value|\n\s+at /);

  config.source.environment = { number: '1234' };
  config.scope.outOfScope = 'disable';
  config.target.container = 'OU=Users,DC=example,DC=nl';
  await writeFile(out, JSON.stringify(config, null, 2));
  const number = await simulate('words.json');
  assert.equal(number.code, 1, number.err + number.out);
  assert.match(
    number.err,
    /: expected the AFAS environment number: 5 or 6 digits, e\.g\. "12345" \(got "1234"\) \(\/source\/environment\/number\)$/m,
  );
});

test('init takes LDAPS:// in capitals (schemes are case-insensitive) and refuses a container that is no DN', async () => {
  const out = join(dir, 'caps.json');
  const caps = await runCli(
    ['init', '--out', out, '--afas-environment', '12345', ...hybridInitOptions('LDAPS://dc1.example.nl:636')],
    { cwd: dir },
  );
  assert.equal(caps.code, 0, caps.err + caps.out);
  const bad = await runCli(
    [
      'init',
      '--force',
      '--out',
      out,
      '--afas-environment',
      '12345',
      ...hybridInitOptions(),
      '--container',
      'OU=Staff,,DC=example,DC=nl',
    ],
    { cwd: dir },
  );
  assert.equal(bad.code, 1, bad.err + bad.out);
  assert.match(
    bad.err,
    /Container for new accounts: not a distinguished name: RDN 2, at character 10, is empty: two commas in a row, or a comma at the start \(\/target\/container\)$/m,
  );
});

test('init refuses a container outside the base DN, naming the field, and writes no file', async () => {
  const out = join(dir, 'outside.json');
  const refused = await runCli(
    [
      'init',
      '--out',
      out,
      '--afas-environment',
      '12345',
      ...hybridInitOptions(),
      '--base-dn',
      'OU=Managed,DC=example,DC=nl',
    ],
    { cwd: dir },
  );
  assert.equal(refused.code, 1, refused.err + refused.out);
  assert.match(
    refused.err,
    /^ {2}Destination › Container for new accounts: "OU=Users,DC=example,DC=nl" is outside the base DN "OU=Managed,DC=example,DC=nl", where hrsync reads accounts: an account placed there would not be found on the next run\. Put the container inside the base DN or widen the base DN \(\/target\/container\)$/m,
  );
  await assert.rejects(readFile(out, 'utf8'), { code: 'ENOENT' });
});

test('a configuration that is not UTF-8 text is refused naming the byte, line and column; a byte-order mark is fine', async () => {
  // Notepad's "ANSI" (Windows-1252): "Zoë" is Z o 0xEB. Read as UTF-8 it became "Zo\uFFFD" without a
  // word, and a scoping filter on it would match nobody (everyone out of scope is disabled).
  const scoped =
    '{\n  "version": 1,\n  "scope": { "filters": [{ "clauses": [\n    { "attribute": "Roepnaam", "operator": "EQUALS", "value": "Zo';
  await writeFile(
    join(dir, 'ansi.json'),
    Buffer.concat([Buffer.from(scoped), Buffer.from([0xeb]), Buffer.from('" }] }] }\n}\n')]),
  );
  const ansi = await simulate('ansi.json');
  assert.equal(ansi.code, 1, ansi.err + ansi.out);
  assert.equal(
    ansi.err.trim(),
    'Some settings need attention: cannot read ansi.json: it is not UTF-8 text (byte 0xEB at line 4, column 66); save it as UTF-8',
  );

  // PowerShell 5's `>` writes UTF-16 with a byte-order mark.
  await writeFile(
    join(dir, 'utf16.json'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"version": 1}', 'utf16le')]),
  );
  const utf16 = await simulate('utf16.json');
  assert.equal(utf16.code, 1, utf16.err + utf16.out);
  assert.match(utf16.err, /cannot read utf16\.json: it is saved as UTF-16 text; save it as UTF-8$/m);

  // UTF-8 with a byte-order mark (Notepad, PowerShell's -Encoding UTF8) is read: the check of the
  // settings is what answers, not the JSON parser.
  await writeFile(join(dir, 'bom.json'), `\ufeff${JSON.stringify({ version: 1, timeZone: 'Mars/Base' })}`);
  const bom = await simulate('bom.json');
  assert.equal(bom.code, 1, bom.err + bom.out);
  assert.match(bom.err, /bom\.json is not a connection configuration hrsync can use:/);
  assert.match(bom.err, /unknown time zone "Mars\/Base"/);
});

test('expr --input-file that is not UTF-8 says so; with a byte-order mark it is read', async () => {
  await writeFile(
    join(dir, 'person.json'),
    Buffer.concat([Buffer.from('{"Roepnaam": "Zo'), Buffer.from([0xeb]), Buffer.from('"}')]),
  );
  const ansi = await runCli(['expr', '[Roepnaam]', '--input-file', 'person.json'], { cwd: dir });
  assert.equal(ansi.code, 1, ansi.err + ansi.out);
  assert.match(
    ansi.err,
    /cannot read --input-file person\.json: it is not UTF-8 text \(byte 0xEB at line 1, column 17\); save it as UTF-8/,
  );
  await writeFile(join(dir, 'person.json'), '\ufeff{"Roepnaam": "Zoë"}');
  const bom = await runCli(['expr', '[Roepnaam]', '--input-file', 'person.json'], { cwd: dir });
  assert.equal(bom.code, 0, bom.err + bom.out);
  assert.equal(bom.out.trim(), '"Zoë"');
});

test('a CA certificate file that is missing, a folder or no certificate is named with its field, no stack trace', async () => {
  const out = join(dir, 'ca.json');
  const init = await runCli(['init', '--out', out, ...cloudInitArgs({ '--ca-file': 'missing-ca.pem' })], {
    cwd: dir,
  });
  assert.equal(init.code, 0, init.err + init.out);
  const env = {
    ...process.env,
    AFAS_TOKEN: 'C13A6B734F00D9D3B85341DA3DBC4460DEE0BDB904950E4E0A08F60254A19CA6',
    GRAPH_SECRET: 's',
  };
  const run = (config: string) => runCli(['simulate', '--config', config], { cwd: dir, env });
  const missing = await run('ca.json');
  assert.equal(missing.code, 1, missing.err + missing.out);
  assert.equal(
    missing.err.trim(),
    `Some settings need attention: cannot read the CA certificate ${join(dir, 'missing-ca.pem')} (/target/caFile): there is no such file`,
  );
  const config = JSON.parse(await readFile(out, 'utf8'));
  config.target.caFile = '.';
  await writeFile(out, JSON.stringify(config));
  const folder = await run('ca.json');
  assert.equal(folder.code, 1, folder.err + folder.out);
  assert.match(
    folder.err,
    /cannot read the CA certificate .* \(\/target\/caFile\): it is a folder, not a file$/m,
  );
  config.target.caFile = 'ca.json';
  await writeFile(out, JSON.stringify(config));
  const notPem = await run('ca.json');
  assert.equal(notPem.code, 1, notPem.err + notPem.out);
  assert.match(notPem.err, /the CA certificate .*ca\.json \(\/target\/caFile\) holds no PEM certificate/);
  for (const r of [missing, folder, notPem]) assert.doesNotMatch(r.err, /ENOENT|EISDIR|\n\s+at /);
});

test('secrets that cannot be found are all named at once, each with the setting that names it', async () => {
  const out = join(dir, 'secrets.json');
  const init = await runCli(
    [
      'init',
      '--out',
      out,
      ...cloudInitArgs({
        '--afas-token-env': 'HRSYNC_TEST_UNSET_AFAS_TOKEN',
        '--client-secret-env': null,
        '--client-secret-file': 'no-such-secret.txt',
      }),
    ],
    { cwd: dir },
  );
  assert.equal(init.code, 0, init.err + init.out);
  const env = { ...process.env };
  delete env.HRSYNC_TEST_UNSET_AFAS_TOKEN;
  const run = await runCli(['simulate', '--config', out], { cwd: dir, env });
  assert.equal(run.code, 1, run.err + run.out);
  assert.deepEqual(run.err.trim().split('\n'), [
    `A secret could not be found: ${out} names 2 secrets that could not be read:`,
    '  AFAS source › App Connector token: environment variable HRSYNC_TEST_UNSET_AFAS_TOKEN is not set (/source/token)',
    `  Destination › Credential › Client secret: secret file ${join(dir, 'no-such-secret.txt')} could not be read: there is no such file (/target/credential/secret)`,
  ]);
});

test('a configuration far too large, or a device that never ends, is refused by its size, not read into memory', async () => {
  // 11 MB of zero bytes, sparse: were it read, the JSON parser would answer, not the size check.
  const huge = join(dir, 'huge.json');
  await writeFile(huge, '');
  await truncate(huge, 11 * 1024 * 1024);
  const run = await simulate('huge.json');
  assert.equal(run.code, 1, run.err + run.out);
  assert.equal(
    run.err.trim(),
    'Some settings need attention: cannot read huge.json: it is larger than 10 MB, the most hrsync reads from such a file; is it the right file?',
  );
  // A device has no size to check: it is read up to the limit (it used to be read until memory ran out).
  const zero = await simulate('/dev/zero');
  assert.equal(zero.code, 1, zero.err + zero.out);
  assert.match(zero.err, /cannot read \/dev\/zero: it is larger than 10 MB/);
  const expr = await runCli(['expr', '[Roepnaam]', '--input-file', '/dev/zero'], { cwd: dir });
  assert.equal(expr.code, 1, expr.err + expr.out);
  assert.match(expr.err, /cannot read --input-file \/dev\/zero: it is larger than 10 MB/);
});
