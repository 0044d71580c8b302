/**
 * "Test connection" and "Test credentials" on unsaved values (issue 12, item 6): the test uses what
 * the administrator typed, a blank secret means the stored one (only for the endpoint it was saved
 * with), only roles that may change the setting may test it, and nothing is stored by a test. On
 * SQLite and PostgreSQL, against the AFAS and Graph emulators.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  getConfiguration,
  getTenant,
  listAuditEvents,
  listTenants,
  testNewTenantCredentials,
  testUnsavedSource,
  testUnsavedTenantCredentials,
} from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor, sourceStep } from './support/fixtures.ts';
import { type Service, startService } from './support/service.ts';

for (const dialect of DIALECTS) {
  describe(`testing unsaved settings on ${dialect}`, () => {
    let svc: Service;
    let tenantId: string;
    before(async () => {
      svc = await startService(dialect);
      tenantId = (await createTenantFor(svc)).tenantId;
    });
    after(async () => {
      await svc?.close();
    });

    const secretCount = async () => (await svc.store.db.selectFrom('secrets').select('id').execute()).length;

    test('Test connection uses the typed AFAS settings; a blank token is the stored one; nothing is stored', async () => {
      const { id } = await configuredConnection(svc, 1, tenantId);
      const configBefore = (await svc.call(getConfiguration, { params: { id } })).body;
      const secretsBefore = await secretCount();
      const environment = { baseUrl: svc.afas.baseUrl };

      const stored = await svc.call(testUnsavedSource, {
        as: 'operator',
        params: { id },
        body: { environment },
      });
      assert.equal(stored.status, 200, stored.text);
      assert.equal(stored.body.ok, true, stored.text);

      const wrongToken = await svc.call(testUnsavedSource, {
        as: 'operator',
        params: { id },
        body: { environment, token: 'not-the-app-connector-token' },
      });
      assert.equal(wrongToken.status, 200, wrongToken.text);
      assert.equal(wrongToken.body.ok, false, 'the typed token was used, not the stored one');

      const connector = await svc.call(testUnsavedSource, {
        as: 'operator',
        params: { id },
        body: {
          environment,
          connectors: { users: 'No_Such_Connector', employments: 'x', organizationalUnits: 'y' },
        },
      });
      assert.equal(connector.status, 200, connector.text);
      assert.equal(connector.body.ok, false);
      assert.match(JSON.stringify(connector.body.checks), /No_Such_Connector/);

      assert.deepEqual((await svc.call(getConfiguration, { params: { id } })).body, configBefore);
      assert.equal(await secretCount(), secretsBefore, 'a typed token is never stored by a test');
      const audited = await svc.call(listAuditEvents, {
        query: { connectionId: id, action: 'connection.source-tested' },
      });
      assert.equal(audited.body.items.length, 3, audited.text);
    });

    test('before step 1 was ever saved the token must be typed; viewers may not test; only admins move the environment', async () => {
      const { id } = await configuredConnection(svc, 0, tenantId);
      const typed = await svc.call(testUnsavedSource, {
        as: 'operator',
        params: { id },
        body: sourceStep(svc),
      });
      assert.equal(typed.status, 200, typed.text);
      assert.equal(typed.body.ok, true, typed.text);
      const blank = await svc.call(testUnsavedSource, {
        as: 'operator',
        params: { id },
        body: { environment: { baseUrl: svc.afas.baseUrl } },
      });
      assert.equal(blank.status, 400, blank.text);
      assert.equal(blank.body.error.details[0].path, '/token');
      const viewer = await svc.call(testUnsavedSource, {
        as: 'viewer',
        params: { id },
        body: sourceStep(svc),
      });
      assert.equal(viewer.status, 403, viewer.text);

      const saved = (await configuredConnection(svc, 1, tenantId)).id;
      const moved = { environment: { number: '12345', kind: 'test' as const }, token: 'typed-token' };
      const byOperator = await svc.call(testUnsavedSource, {
        as: 'operator',
        params: { id: saved },
        body: moved,
      });
      assert.equal(byOperator.status, 403, byOperator.text);
      const official = await svc.call(testUnsavedSource, {
        params: { id: saved },
        body: {
          environment: { baseUrl: 'https://evil.example.com/ProfitRestServices' },
          token: 'typed-token',
        },
      });
      assert.equal(official.status, 400, official.text);
      assert.equal(official.body.error.details[0].path, '/environment/baseUrl');
    });

    test('Test credentials uses the typed tenant settings, stores nothing, and is for admins only', async () => {
      const { tenantId: id } = await createTenantFor(svc);
      const app = svc.graph.apps[0]!;
      const before = (await svc.call(getTenant, { params: { id } })).body;
      const secretsBefore = await secretCount();

      const stored = await svc.call(testUnsavedTenantCredentials, {
        params: { id },
        body: { clientId: app.clientId },
      });
      assert.equal(stored.status, 200, stored.text);
      assert.equal(stored.body.ok, true, stored.text);

      const wrong = await svc.call(testUnsavedTenantCredentials, {
        params: { id },
        body: { clientSecret: 'not-the-client-secret' },
      });
      assert.equal(wrong.status, 200, wrong.text);
      assert.equal(wrong.body.ok, false, 'the typed secret was used');

      const operator = await svc.call(testUnsavedTenantCredentials, {
        as: 'operator',
        params: { id },
        body: { clientId: app.clientId },
      });
      assert.equal(operator.status, 403, operator.text);

      const after = (await svc.call(getTenant, { params: { id } })).body;
      assert.deepEqual(after, before, 'the tenant (and its credential status) is unchanged');
      assert.equal(await secretCount(), secretsBefore);
    });

    test('a tenant not registered yet can be tested with what was typed; nothing is stored', async () => {
      const app = svc.graph.apps[0]!;
      const tenantsBefore = (await svc.call(listTenants, {})).body.items.length;
      const secretsBefore = await secretCount();
      const draft = {
        type: 'cloud',
        directoryId: svc.graph.tenantId,
        verifiedDomains: ['contoso.nl'],
        clientId: app.clientId,
        authorityHost: svc.graph.url,
        graphBaseUrl: svc.graph.url,
      };
      const ok = await svc.call(testNewTenantCredentials, {
        body: { ...draft, clientSecret: app.clientSecret },
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.ok, true, ok.text);
      const noSecret = await svc.call(testNewTenantCredentials, { body: draft });
      assert.equal(noSecret.status, 400, noSecret.text);
      assert.equal(noSecret.body.error.details[0].path, '/clientSecret');
      const evil = await svc.call(testNewTenantCredentials, {
        body: {
          ...draft,
          authorityHost: 'https://login.microsoftonline.com.evil.example.com',
          clientSecret: 's',
        },
      });
      assert.equal(evil.status, 400, evil.text);
      assert.equal(evil.body.error.details[0].path, '/authorityHost');
      assert.equal((await svc.call(listTenants, {})).body.items.length, tenantsBefore);
      assert.equal(await secretCount(), secretsBefore);
    });
  });
}
