/**
 * `hrsync --help` lists the command table (src/cli/command-table.ts) without loading any command:
 * every command it lists is one that loads, under that name and with that summary, and every
 * command that loads is listed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMAND_LOADERS } from '../../src/cli/command-loaders.ts';
import { COMMAND_SUMMARIES } from '../../src/cli/command-table.ts';
import { runCli } from '../support/run-cli.ts';

/** The names in the "Commands:" section of a help text. */
function listedCommands(help: string): string[] {
  const section = help.split('\nCommands:\n')[1] ?? '';
  return [...section.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1] as string).filter((name) => name !== 'help');
}

test('every command hrsync --help lists exists, under that name and summary, and every command is listed', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0, help.err);
  const listed = listedCommands(help.out);
  assert.deepEqual(listed, Object.keys(COMMAND_LOADERS));
  for (const [name, load] of Object.entries(COMMAND_LOADERS)) {
    const command = await load();
    assert.equal(command.name(), name, `${name} loads a command called ${command.name()}`);
    assert.equal(command.description(), COMMAND_SUMMARIES[name as keyof typeof COMMAND_SUMMARIES]);
  }
  // With no arguments the same list, on stderr (commander's usage error).
  const bare = await runCli([]);
  assert.deepEqual(listedCommands(bare.err || bare.out), listed);
});

test('a mistyped option is named as unknown, with the option meant, not reported as a required one missing', async () => {
  // Commander checks required options before unknown ones: `--employe 5` said "required option
  // '--employee <number>' not specified", as if the administrator had left it out.
  const add = await runCli(['overrides', 'add', 'c1', '--kind', 'link', '--employe', '5']);
  assert.equal(add.code, 1, add.err + add.out);
  assert.match(add.err, /^error: unknown option '--employe'\n\(Did you mean --employee\?\)$/m);
  const exported = await runCli(['audit', 'export', '--ot', 'audit.csv']);
  assert.equal(exported.code, 1, exported.err + exported.out);
  assert.match(exported.err, /^error: unknown option '--ot'\n\(Did you mean --out\?\)$/m);
  // Left out for real, a required option is still named.
  const missing = await runCli(['audit', 'export']);
  assert.equal(missing.code, 1, missing.err + missing.out);
  assert.match(missing.err, /^error: required option '-o, --out <file>' not specified$/m);
});
