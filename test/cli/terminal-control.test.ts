/**
 * Names reach the remote commands' output from anyone who may edit them — an operator naming a
 * connection, AFAS for a person — so a control character in one must not drive the reader's terminal
 * (an ESC sequence can recolour, hide or rewrite what an admin sees, or a carriage return overwrite a
 * line). The remote frame prints each control character as a visible escape, on stdout and stderr.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError } from '../../src/cli/commands/remote/cli-error.ts';
import { runRemote } from '../../src/cli/commands/remote/run-remote.ts';

async function printed(command: Parameters<typeof runRemote>[1]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  const exitCode = process.exitCode;
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    err += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    await runRemote({ url: 'http://127.0.0.1:1', token: 'hrs_test' }, command);
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    process.exitCode = exitCode;
  }
  return { out, err };
}

const HOSTILE = 'Contoso\u001b[2J\u001b]0;owned\u0007\rAll good\u009b31m';

test('control characters in printed names are shown as escapes, not sent to the terminal', async () => {
  const { out } = await printed(async (remote) => {
    remote.out(`name:  ${HOSTILE}\nstate: Active`);
    return 0;
  });
  assert.equal(
    out,
    'name:  Contoso\\u001b[2J\\u001b]0;owned\\u0007\\u000dAll good\\u009b31m\nstate: Active\n',
  );
});

test('control characters in an error message are shown as escapes too', async () => {
  const { err } = await printed(async () => {
    throw new CliError('HRS_NOT_FOUND', `Connection ${HOSTILE} was not found in your organisation.`);
  });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: none may be left
  assert.doesNotMatch(err, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  assert.match(err, /Contoso\\u001b\[2J/);
});
