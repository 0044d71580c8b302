import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { HrsyncError } from '../core/index.ts';
import { resolveSecret } from './secrets.ts';

const SECRET = 's3cr3t-value';

async function rejection(promise: Promise<unknown>): Promise<HrsyncError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HrsyncError, `expected an HrsyncError, got ${String(error)}`);
    assert.equal(error.code, 'HRS_SECRET_UNRESOLVED');
    assert.ok(!error.message.includes(SECRET), 'the message must never carry the secret');
    return error;
  }
  assert.fail('expected a rejection');
}

describe('resolveSecret', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hrsync-secret-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('reads an environment variable', async () => {
    assert.equal(await resolveSecret({ env: 'AFAS_TOKEN' }, { env: { AFAS_TOKEN: SECRET } }), SECRET);
  });

  test('names an unset or empty variable', async () => {
    const unset = await rejection(resolveSecret({ env: 'AFAS_TOKEN' }, { env: {} }));
    assert.match(unset.message, /environment variable AFAS_TOKEN is not set/);
    const empty = await rejection(resolveSecret({ env: 'AFAS_TOKEN' }, { env: { AFAS_TOKEN: ' ' } }));
    assert.match(empty.message, /AFAS_TOKEN is empty/);
  });

  test('reads a file relative to baseDir and drops the trailing newline', async () => {
    writeFileSync(join(dir, 'token.txt'), `${SECRET}\n`);
    assert.equal(await resolveSecret({ file: './token.txt' }, { env: {}, baseDir: dir }), SECRET);
  });

  test('names a missing file with the reason', async () => {
    const error = await rejection(resolveSecret({ file: 'nope.txt' }, { env: {}, baseDir: dir }));
    assert.ok(error.message.includes(join(dir, 'nope.txt')));
    assert.match(error.message, /could not be read: there is no such file\.$/);
    const folder = await rejection(resolveSecret({ file: '.' }, { env: {}, baseDir: dir }));
    assert.match(folder.message, /it is a folder, not a file/);
  });

  test('reads UTF-8 only: a byte-order mark is dropped, UTF-16 and other encodings are named', async () => {
    writeFileSync(
      join(dir, 'bom.txt'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${SECRET}\r\n`)]),
    );
    assert.equal(await resolveSecret({ file: 'bom.txt' }, { env: {}, baseDir: dir }), SECRET);
    // PowerShell 5's `echo … > token.txt`.
    writeFileSync(
      join(dir, 'utf16.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SECRET, 'utf16le')]),
    );
    const utf16 = await rejection(resolveSecret({ file: 'utf16.txt' }, { env: {}, baseDir: dir }));
    assert.match(utf16.message, /utf16\.txt: it is saved as UTF-16 text; save it as UTF-8/);
    // Windows-1252 ("ANSI"): "s3cr3t-valuë".
    writeFileSync(join(dir, 'ansi.txt'), Buffer.concat([Buffer.from(SECRET), Buffer.from([0xeb])]));
    const ansi = await rejection(resolveSecret({ file: 'ansi.txt' }, { env: {}, baseDir: dir }));
    assert.match(ansi.message, /ansi\.txt: it is not UTF-8 text; save it as UTF-8\.$/);
    assert.doesNotMatch(ansi.message, /0xEB|byte|column/i, 'nothing of the secret is named');
  });

  test('reads at most 64 KiB: a larger file is refused without being read into memory', async () => {
    // A PEM certificate with its key and a chain is a few KB; 64 KiB is the most a secret file holds.
    writeFileSync(join(dir, 'max.txt'), 'k'.repeat(64 * 1024));
    assert.equal((await resolveSecret({ file: 'max.txt' }, { env: {}, baseDir: dir })).length, 64 * 1024);
    writeFileSync(join(dir, 'over.txt'), 'k'.repeat(64 * 1024 + 1));
    const over = await rejection(resolveSecret({ file: 'over.txt' }, { env: {}, baseDir: dir }));
    assert.equal(
      over.message,
      `Secret not resolved: secret file ${join(dir, 'over.txt')} is larger than 64 KiB; a secret file holds only the secret.`,
    );
    // 5 GB, sparse: were it read, Node's readFile would refuse it only past 2 GB of memory.
    writeFileSync(join(dir, 'huge.bin'), '');
    truncateSync(join(dir, 'huge.bin'), 5 * 1024 ** 3);
    const huge = await rejection(resolveSecret({ file: 'huge.bin' }, { env: {}, baseDir: dir }));
    assert.match(huge.message, /huge\.bin is larger than 64 KiB; a secret file holds only the secret\.$/);
  });

  test('refuses a device or a pipe, whose reading never ends or never starts', async () => {
    for (const [file, kind] of [
      ['/dev/zero', 'a character device'],
      ['/dev/urandom', 'a character device'],
    ]) {
      const error = await rejection(resolveSecret({ file: file! }, { env: {} }));
      assert.equal(
        error.message,
        `Secret not resolved: secret file ${file} is ${kind}, not a regular file; a secret file holds only the secret.`,
      );
    }
    // A FIFO nobody writes to: opening it to read would wait for a writer for ever.
    const fifo = join(dir, 'token.fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    const error = await rejection(resolveSecret({ file: 'token.fifo' }, { env: {}, baseDir: dir }));
    assert.equal(
      error.message,
      `Secret not resolved: secret file ${fifo} is a FIFO (named pipe), not a regular file; a secret file holds only the secret.`,
    );
  });

  test('inline values and stored ids', async () => {
    assert.equal(await resolveSecret({ value: SECRET }, { env: {} }), SECRET);
    const stored = async (id: string) => (id === 'k1' ? SECRET : Promise.reject(new Error(`no ${id}`)));
    assert.equal(await resolveSecret({ stored: 'k1' }, { env: {}, stored }), SECRET);
    const missing = await rejection(resolveSecret({ stored: 'k2' }, { env: {}, stored }));
    assert.match(missing.message, /stored secret k2/);
    const noService = await rejection(resolveSecret({ stored: 'k1' }, { env: {} }));
    assert.match(noService.message, /hrsync service/);
  });
});
