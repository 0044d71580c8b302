/**
 * `hrsync demo --hybrid`: the demo with a real Samba AD domain provisioned in its data folder
 * (127.0.0.84), a hybrid tenant and a connection to it that simulates (writing nothing), activates
 * and syncs into the domain; and, without Samba, the message that says how to install it.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { DEMO_LONG_NAME } from '../../src/app/demo-showcase.ts';
import { loadServiceConfig, type RunningDemo, startDemo } from '../../src/app/index.ts';
import {
  activateConnection,
  activateConnectionAnyway,
  type Endpoint,
  getRun,
  listTenants,
  pathFor,
  signIn,
  simulate,
  sync,
  testTenantCredentials,
} from '../../src/contracts/index.ts';
import { adminClient, users } from './support/samba.ts';

const ADDRESS = '127.0.0.84';

describe('hrsync demo --hybrid', () => {
  let dataDir: string;
  let demo: RunningDemo;
  const printed: string[] = [];
  let cookie = '';

  const config = (dir: string) => ({
    ...loadServiceConfig({ dataDir: dir, host: '127.0.0.1', port: 0, logLevel: 'silent' }, {}),
    pollMs: 100,
  });

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hrsync-demo-hybrid-'));
    demo = await startDemo(config(dataDir), {
      print: (l) => printed.push(l),
      persons: 40,
      hybrid: { address: ADDRESS },
    });
    const res = await fetch(demo.service.url + pathFor(signIn), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demo.signIn),
    });
    assert.equal(res.status, 200);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });
  after(async () => {
    await demo?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const api = async <T = Record<string, unknown>>(
    endpoint: Endpoint,
    params: Record<string, string> = {},
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(demo.service.url + pathFor(endpoint, params), {
      method: endpoint.method,
      headers: body === undefined ? { cookie } : { cookie, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };

  const finished = async (runId: string) => {
    for (;;) {
      const run = await api<{
        status: string;
        counts: { actions: Record<string, number>; statuses: Record<string, number> };
      }>(getRun, {
        id: runId,
      });
      if (!['queued', 'running'].includes(run.body.status)) return run.body;
      await delay(250);
    }
  };

  test('provisions a Samba domain in the data folder and prints where it is', () => {
    const directory = demo.directory;
    assert.ok(directory, 'the demo runs a domain controller');
    assert.ok(directory.domain.dir.startsWith(join(dataDir, 'demo')), directory.domain.dir);
    assert.ok(existsSync(join(directory.domain.dir, 'dc', 'etc', 'smb.conf')));
    assert.ok(
      printed.some((l) => l.includes(`ldaps://${ADDRESS}`)),
      printed.join('\n'),
    );
    assert.ok(printed.some((l) => l.includes('Contoso — AFAS to Active Directory')));
    assert.ok(
      printed.every((l) => !l.includes(directory.domain.adminPassword)),
      'the bind password is not printed',
    );
  });

  test('the hybrid connection simulates (nothing written), activates and syncs into the domain', async () => {
    const directory = demo.directory;
    const id = demo.hybridConnectionId;
    assert.ok(directory && id);
    const admin = adminClient(directory.domain);
    await admin.bind(directory.domain.adminUpn, directory.domain.adminPassword);
    try {
      const simulated = await api<{ id: string }>(simulate, { id });
      assert.equal(simulated.status, 202, JSON.stringify(simulated.body));
      const preview = await finished(simulated.body.id);
      assert.equal(preview.status, 'succeeded', JSON.stringify(preview));
      const creates = preview.counts.actions.create ?? 0;
      assert.ok(creates > 20, `creates: ${creates}`);
      // The demo's too-long surname (issue 11.9) is a create that fails in the simulation: sn holds 64.
      const failed = preview.counts.statuses.failed ?? 0;
      assert.equal(failed, 1, JSON.stringify(preview.counts));
      assert.equal((await users(admin, directory.container, [])).size, 0, 'a simulation writes nothing');

      // The demo company's too-long surname fails the simulation on purpose (issue 11.9), so the
      // activation gate refuses a plain activation and an admin activates with a written reason.
      assert.equal((await api(activateConnection, { id })).status, 409);
      const activated = await api(
        activateConnectionAnyway,
        { id },
        { reason: 'Demo: the too-long name fails on purpose; everyone else may be created.' },
      );
      assert.equal(activated.status, 200, JSON.stringify(activated.body));
      const synced = await api<{ id: string }>(sync, { id });
      assert.equal(synced.status, 202, JSON.stringify(synced.body));
      const run = await finished(synced.body.id);
      assert.equal(run.status, 'succeeded', JSON.stringify(run));
      const accounts = await users(admin, directory.domain.baseDn, ['userPrincipalName', 'employeeID']);
      const created = [...accounts.values()].filter((a) => String(a.employeeID ?? '') !== '');
      assert.deepEqual(run.counts.actions, preview.counts.actions, 'the sync did what the simulation said');
      assert.equal(
        created.length,
        creates - failed,
        `every predicted create is in the domain: ${created.map((a) => `${a.employeeID}`).join(' ')}`,
      );
      assert.ok(
        created.every((a) => String(a.employeeID) !== DEMO_LONG_NAME.employeeNumber),
        'the person whose surname does not fit was not sent',
      );
      assert.ok(
        created.every((a) => String(a.userPrincipalName).endsWith(`@${directory.upnSuffix}`)),
        'UPNs use the forest suffix the demo added',
      );
    } finally {
      await admin.unbind();
    }
  });

  test('the hybrid tenant tests as working', async () => {
    const tenants = await api<{ items: { id: string; type: string }[] }>(listTenants);
    const hybrid = tenants.body.items.find((t) => t.type === 'hybrid');
    assert.ok(hybrid);
    const tested = await api<{ ok: boolean; message: string }>(testTenantCredentials, { id: hybrid.id });
    assert.equal(tested.body.ok, true, tested.body.message);
  });
});

describe('hrsync demo --hybrid without Samba', () => {
  test('says how to install Samba and starts nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hrsync-demo-nosamba-'));
    const path = process.env.PATH;
    // No samba-tool on the PATH: as on a machine without Samba.
    process.env.PATH = join(dir, 'empty-bin');
    try {
      await assert.rejects(
        startDemo(
          {
            ...loadServiceConfig({ dataDir: dir, host: '127.0.0.1', port: 0, logLevel: 'silent' }, {}),
            pollMs: 100,
          },
          { print: () => {}, persons: 5, hybrid: { address: '127.0.0.85' } },
        ),
        /apt-get install samba samba-ad-provision/,
      );
    } finally {
      process.env.PATH = path;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
