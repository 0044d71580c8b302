import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    assert.match(error.message, /ENOENT/);
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
