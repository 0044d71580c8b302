/**
 * A hybrid tenant through the API, against a real Samba AD domain controller: directory settings
 * (bind password write-only, re-entered when the controllers change), "test connection" in plain
 * words, the five steps of a hybrid connection, simulation, activation and a sync into the domain.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  activateConnection,
  createConnection,
  createCustomer,
  createTenant,
  getConnection,
  getRun,
  getTenant,
  listRunItems,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
  simulate,
  sync,
  testTenantCredentials,
  updateTenant,
} from '../../src/contracts/index.ts';
import { hybridSections } from '../../src/targets/ldap/index.ts';
import { PEOPLE, type Service, startService } from '../service/support/service.ts';
import { addOu, startTestDomain, type TestDomain, users } from './support/samba.ts';

describe('a hybrid tenant through the API, on a real Samba domain controller', () => {
  let svc: Service;
  let domain: TestDomain;
  let tenantId: string;
  let container: string;
  let connectionId: string;

  before(async () => {
    domain = await startTestDomain('127.0.0.82');
    container = `OU=Staff,${domain.domain.baseDn}`;
    await addOu(domain.admin, container);
    // The DC listens on a loopback address: allowed only through the endpoint setting, as in the demo.
    svc = await startService('sqlite', { people: PEOPLE, allowedEndpointHosts: ['127.0.0.82', '127.0.0.3'] });
    svc.secrets.push(domain.domain.adminPassword);
  });
  after(async () => {
    await svc?.close();
    await domain?.dispose();
  });

  const directory = (extra: Record<string, unknown> = {}) => ({
    urls: [domain.domain.url],
    caCertificate: domain.domain.ca,
    tlsServerName: domain.domain.serverName,
    bindUser: domain.domain.adminUpn,
    container,
    upnSuffixes: ['hrsync.test'],
    ...extra,
  });

  test('directory settings: stored with the bind password write-only; new controllers need the password again', async () => {
    const customer = await svc.call(createCustomer, { body: { name: 'Zorggroep' } });
    const noPassword = await svc.call(createTenant, {
      body: {
        customerId: customer.body.id,
        name: 'Zorggroep hybrid',
        type: 'hybrid',
        directoryId: svc.graph.tenantId,
        verifiedDomains: ['hrsync.test'],
        directory: directory(),
        subscriptionActive: true,
      },
    });
    assert.equal(noPassword.status, 400, noPassword.text);
    assert.match(noPassword.body.error.message, /bindPassword enter the bind account/);
    const created = await svc.call(createTenant, {
      body: {
        customerId: customer.body.id,
        name: 'Zorggroep hybrid',
        type: 'hybrid',
        directoryId: svc.graph.tenantId,
        verifiedDomains: ['hrsync.test'],
        directory: directory({ bindPassword: domain.domain.adminPassword }),
        subscriptionActive: true,
      },
    });
    assert.equal(created.status, 201, created.text);
    tenantId = created.body.id;
    assert.deepEqual(created.body.directory.bindPassword, { set: true });
    assert.equal(created.body.directory.container, container);
    assert.ok(!created.text.includes(domain.domain.adminPassword));

    const moved = await svc.call(updateTenant, {
      params: { id: tenantId },
      body: { directory: directory({ urls: ['ldaps://127.0.0.3', domain.domain.url] }) },
    });
    assert.equal(moved.status, 400, moved.text);
    assert.match(moved.body.error.details[0].message, /enter the bind password again/);
    const same = await svc.call(updateTenant, {
      params: { id: tenantId },
      body: { directory: directory({ disabledContainer: null }) },
    });
    assert.equal(same.status, 200, same.text);
    assert.deepEqual(same.body.directory.bindPassword, { set: true }, 'kept: the controllers did not change');
    const cloud = await svc.call(updateTenant, {
      params: { id: tenantId },
      body: { type: 'cloud', directory: directory({ bindPassword: 'x' }) },
    });
    assert.equal(cloud.status, 400);
    assert.match(cloud.body.error.message, /only a hybrid tenant/);
  });

  test('test connection binds, reads RootDSE and checks the container, in plain words', async () => {
    const tested = await svc.call(testTenantCredentials, { params: { id: tenantId } });
    assert.equal(tested.status, 200, tested.text);
    assert.equal(tested.body.ok, true, tested.body.message);
    const names = tested.body.checks.map((c: { name: string; ok: boolean }) => `${c.name}:${c.ok}`);
    assert.ok(names.includes('bind:true'), names.join(' '));
    assert.ok(names.includes('container:create:true'), names.join(' '));
    assert.equal(tested.body.tenant.credentialStatus, 'valid');
    // OU=Staff holds no user yet: whether accounts may be written is not known, a warning (not a
    // pass), and the summary does not claim hrsync can change accounts.
    const modify = tested.body.checks.find((c: { name: string }) => c.name === 'container:modify');
    assert.deepEqual(
      { ok: modify?.ok, required: modify?.required },
      { ok: false, required: false },
      JSON.stringify(modify),
    );
    assert.match(tested.body.message, /works, with warnings: .*holds no user yet.*could not be checked/);
    assert.doesNotMatch(tested.body.message, /can create, change and move/);

    const missing = await svc.call(updateTenant, {
      params: { id: tenantId },
      body: { directory: directory({ container: `OU=Nowhere,${domain.domain.baseDn}` }) },
    });
    assert.equal(missing.status, 200, missing.text);
    const bad = await svc.call(testTenantCredentials, { params: { id: tenantId } });
    assert.equal(bad.body.ok, false);
    assert.match(bad.body.message, /OU=Nowhere,DC=hrsync,DC=test does not exist/);
    const wrong = await svc.call(updateTenant, {
      params: { id: tenantId },
      body: { directory: directory({ bindPassword: 'not-the-password' }) },
    });
    assert.equal(wrong.status, 200);
    const refused = await svc.call(testTenantCredentials, { params: { id: tenantId } });
    assert.equal(refused.body.ok, false);
    assert.match(refused.body.message, /bind user name or password is wrong/);
    const fixed = await svc.call(updateTenant, {
      params: { id: tenantId },
      body: { directory: directory({ bindPassword: domain.domain.adminPassword }) },
    });
    assert.equal(fixed.status, 200);
    assert.equal(
      (await svc.call(getTenant, { params: { id: tenantId } })).body.directory.container,
      container,
    );
  });

  test('a certificate issued to another name: test connection names it and asks for it as the TLS server name, not for a CA', async () => {
    const { serverName, adminPassword } = domain.domain;
    const cases = [
      { tlsServerName: null, asked: '127.0.0.82' },
      { tlsServerName: 'dc9.hrsync.test', asked: 'dc9.hrsync.test' },
    ];
    try {
      for (const { tlsServerName, asked } of cases) {
        const changed = await svc.call(updateTenant, {
          params: { id: tenantId },
          body: { directory: directory({ tlsServerName, bindPassword: adminPassword }) },
        });
        assert.equal(changed.status, 200, changed.text);
        const tested = await svc.call(testTenantCredentials, { params: { id: tenantId } });
        assert.equal(tested.body.ok, false);
        assert.match(
          tested.body.message,
          new RegExp(
            `the controller’s TLS certificate is issued to ${serverName}, not to ${asked.replaceAll('.', '\\.')} \\(ERR_TLS_CERT_ALTNAME_INVALID\\); enter ${serverName} as the TLS server name`,
          ),
        );
        // The CA was given and is right: the message must not send the administrator after it.
        assert.doesNotMatch(tested.body.message, /add its CA certificate/);
      }
    } finally {
      const fixed = await svc.call(updateTenant, {
        params: { id: tenantId },
        body: { directory: directory({ bindPassword: adminPassword }) },
      });
      assert.equal(fixed.status, 200, fixed.text);
    }
    assert.equal((await svc.call(testTenantCredentials, { params: { id: tenantId } })).body.ok, true);
  });

  test('a hybrid connection: five steps, simulate (nothing written), activate, sync into the domain', async () => {
    const created = await svc.call(createConnection, {
      as: 'operator',
      body: { name: 'AFAS → AD', description: 'hybrid', destinationType: 'hybrid' },
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;
    connectionId = id;
    const sections = hybridSections(container);
    const steps = [
      await svc.call(saveSourceStep, {
        as: 'operator',
        params: { id },
        body: { environment: { baseUrl: svc.afas.baseUrl }, token: svc.afas.token.xml },
      }),
      await svc.call(saveDestinationStep, {
        as: 'operator',
        params: { id },
        body: { tenantId, defaultDomain: 'hrsync.test' },
      }),
      await svc.call(saveMappingStep, {
        as: 'operator',
        params: { id },
        body: {
          mapping: sections.mapping,
          matching: sections.matching,
          uniqueness: sections.uniqueness,
          writeBack: { email: false, upn: false },
        },
      }),
      await svc.call(saveScopeStep, {
        as: 'operator',
        params: { id },
        body: {
          scope: sections.scope,
          persons: sections.persons,
          lifecycle: sections.lifecycle,
          thresholds: sections.thresholds,
          timeZone: 'Europe/Amsterdam',
        },
      }),
    ];
    for (const s of steps) assert.equal(s.status, 200, s.text);

    const simulated = await svc.call(simulate, { as: 'operator', params: { id } });
    assert.equal(simulated.status, 202, simulated.text);
    await svc.drain();
    const run = await svc.call(getRun, { params: { id: simulated.body.id } });
    assert.equal(run.body.status, 'succeeded', run.text);
    assert.equal(run.body.counts.actions.create, 3);
    assert.equal((await users(domain.admin, container, [])).size, 0, 'a simulation writes nothing');
    const items = await svc.call(listRunItems, { params: { id: simulated.body.id }, query: { q: 'Eva' } });
    const changes = items.body.items[0].changes as { attribute: string; new: unknown }[];
    assert.equal(changes.find((c) => c.attribute === 'sAMAccountName')?.new, 'evavandenboele');
    assert.equal(changes.find((c) => c.attribute === 'cn')?.new, 'Eva van den Boele');

    const activated = await svc.call(activateConnection, { as: 'operator', params: { id } });
    assert.equal(activated.status, 200, activated.text);
    const synced = await svc.call(sync, { as: 'operator', params: { id } });
    assert.equal(synced.status, 202, synced.text);
    await svc.drain();
    const done = await svc.call(getRun, { params: { id: synced.body.id } });
    assert.equal(done.body.status, 'succeeded', done.text);
    const accounts = await users(domain.admin, container, [
      'userPrincipalName',
      'employeeID',
      'manager',
      'userAccountControl',
    ]);
    assert.deepEqual([...accounts.keys()].sort(), ['evavandenboele', 'janjansen', 'mariekebos']);
    assert.equal(accounts.get('janjansen')?.userPrincipalName, 'janjansen@hrsync.test');
    assert.equal(accounts.get('janjansen')?.userAccountControl, '512');
    assert.equal(accounts.get('janjansen')?.manager, `CN=Marieke Bos,${container}`);
  });

  test('the tenant’s containers changed after step 3: the connection warns that its mapping still places accounts in the old ones', async () => {
    const zorg = `OU=Zorg,${domain.domain.baseDn}`;
    const disabled = `OU=Disabled,${domain.domain.baseDn}`;
    const warnings = async () =>
      (await svc.call(getConnection, { params: { id: connectionId } })).body.warnings as {
        kind: string;
        message: string;
      }[];
    const setContainers = async (extra: Record<string, unknown>) => {
      const changed = await svc.call(updateTenant, {
        params: { id: tenantId },
        body: { directory: directory(extra) },
      });
      assert.equal(changed.status, 200, changed.text);
    };
    assert.deepEqual(await warnings(), [], 'the mapping places accounts in the tenant’s container');
    try {
      // New accounts are to go to OU=Zorg now; the mapping saved in step 3 still names OU=Staff.
      await setContainers({ container: zorg });
      const moved = (await warnings()).find((w) => w.kind === 'placement-differs');
      assert.ok(moved, JSON.stringify(await warnings()));
      assert.equal(
        moved.message,
        `The mapping of Container (OU) · parentDistinguishedName in step 3 places new accounts in ${container}, not in the tenant’s container for new accounts ${zorg}. Runs follow the mapping: change it in step 3, or change the tenant’s containers.`,
      );
      // Leavers are to go to a disabled-accounts container; the mapping never moves them.
      await setContainers({ container: zorg, disabledContainer: disabled });
      const leavers = (await warnings()).find((w) => w.kind === 'placement-differs');
      assert.ok(leavers, JSON.stringify(await warnings()));
      assert.match(
        leavers.message,
        new RegExp(
          `, and leaves leavers where they are, not moved to the tenant’s container for disabled accounts ${disabled}\\.`,
        ),
      );
    } finally {
      // A change keeps what it leaves out: the disabled-accounts container is cleared by null.
      await setContainers({ disabledContainer: null });
    }
    assert.deepEqual(await warnings(), []);
  });

  test('no response, log line or audit event holds the bind password', () => {
    const password = domain.domain.adminPassword;
    for (const r of svc.responses) assert.ok(!r.body.includes(password), `${r.operationId} leaked it`);
    for (const line of svc.logLines) assert.ok(!line.includes(password), 'a log line leaked it');
  });
});
