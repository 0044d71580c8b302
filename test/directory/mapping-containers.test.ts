/**
 * Where a connection's mapping places accounts, against a real Samba AD domain controller
 * (127.0.0.88): "test connection" checks those containers too, not only the tenant's, and a
 * simulation refuses the creates a sync would fail there (a container that does not exist).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createConnection,
  createCustomer,
  createTenant,
  getRun,
  listRunItems,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
  simulate,
  testTenantCredentials,
} from '../../src/contracts/index.ts';
import { hybridSections } from '../../src/targets/ldap/index.ts';
import { PEOPLE, type Service, startService } from '../service/support/service.ts';
import { addOu, startTestDomain, type TestDomain } from './support/samba.ts';

const ADDRESS = '127.0.0.88';

describe('the containers a connection’s mapping places accounts in, on a real Samba domain controller', () => {
  let svc: Service;
  let domain: TestDomain;
  let container: string;
  let nowhere: string;
  let tenantId: string;
  let connectionId: string;

  before(async () => {
    domain = await startTestDomain(ADDRESS);
    container = `OU=Staff,${domain.domain.baseDn}`;
    nowhere = `OU=Nowhere,${domain.domain.baseDn}`;
    await addOu(domain.admin, container);
    svc = await startService('sqlite', { people: PEOPLE, allowedEndpointHosts: [ADDRESS] });
    svc.secrets.push(domain.domain.adminPassword);
    const customer = await svc.call(createCustomer, { body: { name: 'Zorggroep' } });
    const tenant = await svc.call(createTenant, {
      body: {
        customerId: customer.body.id,
        name: 'Zorggroep hybrid',
        type: 'hybrid',
        directoryId: svc.graph.tenantId,
        verifiedDomains: ['hrsync.test'],
        directory: {
          urls: [domain.domain.url],
          caCertificate: domain.domain.ca,
          tlsServerName: domain.domain.serverName,
          bindUser: domain.domain.adminUpn,
          bindPassword: domain.domain.adminPassword,
          container,
          upnSuffixes: ['hrsync.test'],
        },
        subscriptionActive: true,
      },
    });
    assert.equal(tenant.status, 201, tenant.text);
    tenantId = tenant.body.id;
    const created = await svc.call(createConnection, {
      as: 'operator',
      body: { name: 'AFAS → AD', description: 'hybrid', destinationType: 'hybrid' },
    });
    assert.equal(created.status, 201, created.text);
    connectionId = created.body.id;
    const id = connectionId;
    const sections = hybridSections(container);
    // The mapping names its own OU, one that does not exist in the domain.
    const mapping = sections.mapping.map((r) =>
      r.target === 'parentDistinguishedName'
        ? { target: r.target, type: 'constant' as const, source: nowhere, apply: 'always' as const }
        : r,
    );
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
          mapping,
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
  });
  after(async () => {
    await svc?.close();
    await domain?.dispose();
  });

  test('test connection checks the OU the mapping places accounts in and names the connection', async () => {
    const tested = await svc.call(testTenantCredentials, { params: { id: tenantId } });
    assert.equal(tested.status, 200, tested.text);
    assert.equal(tested.body.ok, false, tested.body.message);
    const check = tested.body.checks.find((c: { name: string }) => c.name === 'mapping-container:create');
    assert.deepEqual(
      { ok: check?.ok, required: check?.required, message: check?.message },
      {
        ok: false,
        required: true,
        message: `The container ${nowhere}, where the mapping of connection “AFAS → AD” (step 3) places accounts, does not exist (or the bind account cannot see it): create it, or correct the mapping.`,
      },
    );
    assert.match(tested.body.message, /has 1 problem: The container OU=Nowhere,DC=hrsync,DC=test, where/);
    // The tenant's own container is still checked, and passes.
    const own = tested.body.checks.find((c: { name: string }) => c.name === 'container:create');
    assert.equal(own?.ok, true);

    // Once the OU exists, the check passes and says where.
    await addOu(domain.admin, nowhere);
    try {
      const again = await svc.call(testTenantCredentials, { params: { id: tenantId } });
      const ok = again.body.checks.find((c: { name: string }) => c.name === 'mapping-container:create');
      assert.equal(ok?.ok, true, ok?.message);
      assert.equal(
        ok?.message,
        `The bind account may create users in ${nowhere}, where the mapping of connection “AFAS → AD” (step 3) places accounts.`,
      );
    } finally {
      await domain.admin.del(nowhere);
    }
  });

  test('a simulation does not promise creates into an OU that does not exist: each says why, as the sync would fail', async () => {
    const simulated = await svc.call(simulate, { as: 'operator', params: { id: connectionId } });
    assert.equal(simulated.status, 202, simulated.text);
    await svc.drain();
    const run = await svc.call(getRun, { params: { id: simulated.body.id } });
    assert.equal(run.body.status, 'succeeded', run.text);
    const items = await svc.call(listRunItems, { params: { id: simulated.body.id }, query: {} });
    const creates = (
      items.body.items as { action: string; status: string; error: { message: string } | null }[]
    ).filter((i) => i.action === 'create');
    assert.equal(creates.length, 3, items.text);
    for (const item of creates) {
      assert.equal(item.status, 'failed', JSON.stringify(item));
      assert.match(
        item.error?.message ?? '',
        /OU=Nowhere,DC=hrsync,DC=test" does not exist in the directory/,
      );
    }
  });
});
