/**
 * The organisation's settings (name, time zone) through the API, on both stores, and
 * `hrsync admin create-organisation`, which adds another MSP with its first admin to an installation.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { verifyPassword } from '../../src/api/auth/credentials.ts';
import { getOrganisation, listAuditEvents, updateOrganisation } from '../../src/contracts/index.ts';
import { loadOrCreateKeyFile, openStore } from '../../src/store/index.ts';
import { DIALECTS } from './support/databases.ts';
import { type Service, startService } from './support/service.ts';

const HRSYNC = join(import.meta.dirname, '..', '..', 'bin', 'hrsync');

for (const dialect of DIALECTS) {
  describe(`organisation settings on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    test('everyone reads the settings; an admin changes the name and time zone, audited; a bad zone is refused', async () => {
      const read = await svc.call(getOrganisation, { as: 'viewer' });
      assert.equal(read.status, 200);
      assert.equal(read.body.timeZone, 'Europe/Amsterdam', 'the default zone');

      const viewer = await svc.call(updateOrganisation, { as: 'viewer', body: { timeZone: 'UTC' } });
      assert.equal(viewer.status, 403);

      const bad = await svc.call(updateOrganisation, { as: 'admin', body: { timeZone: 'Mars/Olympus' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'HRS_VALIDATION');
      assert.match(bad.body.error.message, /Mars\/Olympus/);

      const changed = await svc.call(updateOrganisation, {
        as: 'admin',
        body: { timeZone: 'Europe/Lisbon', name: 'Acme MSP' },
      });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.body.timeZone, 'Europe/Lisbon');
      assert.equal((await svc.call(getOrganisation, { as: 'operator' })).body.name, 'Acme MSP');

      const other = await svc.call(getOrganisation, { as: 'otherAdmin' });
      assert.notEqual(other.body.name, 'Acme MSP', 'another organisation is untouched');

      const audit = await svc.call(listAuditEvents, {
        as: 'admin',
        query: { action: 'organisation.updated', outcome: 'success' },
      });
      assert.equal(audit.body.items.length, 1);
      assert.deepEqual(audit.body.items[0].details.timeZone, {
        old: 'Europe/Amsterdam',
        new: 'Europe/Lisbon',
      });
    });
  });
}

describe('hrsync admin create-organisation', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hrsync-admin-'));
  });
  after(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[]) =>
    promisify(execFile)(
      process.execPath,
      [HRSYNC, 'admin', 'create-organisation', '--data-dir', dataDir, ...args],
      {
        env: { PATH: process.env.PATH ?? '' },
      },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  test('makes an organisation and its first admin, who can sign in; a second with the same name or e-mail is refused', async () => {
    const made = await run([
      '--name',
      'Fabrikam IT',
      '--admin-email',
      'anna@fabrikam.test',
      '--time-zone',
      'Europe/Brussels',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const password = /with password (\S+) \(shown once\)/.exec(made.stdout)?.[1];
    assert.ok(password, made.stdout);
    assert.doesNotMatch(made.stdout, /^\{/m, 'no JSON log lines');

    const again = await run(['--name', 'fabrikam it', '--admin-email', 'other@fabrikam.test']);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /already exists/);
    const sameEmail = await run(['--name', 'Contoso IT', '--admin-email', 'anna@fabrikam.test']);
    assert.notEqual(sameEmail.code, 0);
    assert.match(sameEmail.stderr, /anna@fabrikam.test already exists/);

    const store = await openStore({
      databaseUrl: undefined,
      sqliteFile: join(dataDir, 'hrsync.sqlite'),
      secretKey: loadOrCreateKeyFile(dataDir).key,
    });
    try {
      const organisations = await store.organisations.list();
      assert.deepEqual(
        organisations.map((o) => [o.name, o.timeZone]),
        [['Fabrikam IT', 'Europe/Brussels']],
      );
      const [admin, ...more] = await store.users.findForSignIn('anna@fabrikam.test');
      assert.equal(more.length, 0);
      assert.equal(admin?.user.role, 'admin');
      assert.ok(await verifyPassword(admin.passwordHash, password), 'the printed password signs in');
    } finally {
      await store.close();
    }
  });
});
