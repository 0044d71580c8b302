/**
 * Stored secrets stay with their endpoints (issue 10, item 1): an operator or admin who points a
 * connection's AFAS environment or a tenant's authority/Graph host elsewhere, without entering the
 * secret again, is refused — and a real server at the new address never receives the secret, even
 * when "Test connection", "Test credentials" and the person search are pressed afterwards. A hybrid
 * tenant's directory URLs follow the same rules (never this machine or a link-local address).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createTenant,
  listAuditEvents,
  saveSourceStep,
  searchPersons,
  testSourceStep,
  testTenantCredentials,
  updateTenant,
} from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { configuredConnection, createTenantFor } from '../service/support/fixtures.ts';
import { type Service, startService } from '../service/support/service.ts';
import { type Recorder, startRecorder } from './support/recorder.ts';

for (const dialect of DIALECTS) {
  describe(`stored secrets stay with their endpoints on ${dialect}`, () => {
    let svc: Service;
    let recorder: Recorder;
    let tenantId: string;
    before(async () => {
      svc = await startService(dialect);
      recorder = await startRecorder();
      tenantId = (await createTenantFor(svc)).tenantId;
    });
    after(async () => {
      await recorder?.close();
      await svc?.close();
    });

    const secretCount = async () => (await svc.store.db.selectFrom('secrets').select('id').execute()).length;

    test('a new AFAS base URL without the token is refused; the stored token never reaches it', async () => {
      const { id } = await configuredConnection(svc, 1, tenantId);
      const moved = { environment: { baseUrl: `${recorder.url}/ProfitRestServices` } };
      const byOperator = await svc.call(saveSourceStep, { as: 'operator', params: { id }, body: moved });
      assert.equal(byOperator.status, 403, byOperator.text);
      assert.match(byOperator.body.error.message, /Only an admin may change the AFAS environment/);
      const byAdmin = await svc.call(saveSourceStep, { params: { id }, body: moved });
      assert.equal(byAdmin.status, 400, byAdmin.text);
      assert.deepEqual(
        byAdmin.body.error.details.map((d: { path: string }) => d.path),
        ['/token'],
      );
      assert.match(byAdmin.body.error.message, /enter the App Connector token again/);
      // Whatever is pressed afterwards goes to the saved (emulator) endpoint, never the recorder.
      await svc.call(testSourceStep, { as: 'operator', params: { id } });
      await svc.call(searchPersons, { as: 'operator', params: { id }, query: { q: 'Jan' } });
      assert.equal(recorder.requests.length, 0, recorder.text());
      const refused = await svc.call(listAuditEvents, {
        query: { connectionId: id, action: 'connection.step-saved', outcome: 'refused' },
      });
      assert.equal(refused.status, 200);
      assert.ok(refused.body.items.length >= 2, 'both refusals are audited');
    });

    test('an admin who enters the token again may move the environment (to an allowed host)', async () => {
      const { id } = await configuredConnection(svc, 1, tenantId);
      const moved = await svc.call(saveSourceStep, {
        params: { id },
        body: {
          environment: { baseUrl: `${recorder.url}/ProfitRestServices` },
          token: 'a-token-for-the-recorder',
        },
      });
      assert.equal(moved.status, 200, moved.text);
      await svc.call(testSourceStep, { as: 'operator', params: { id } });
      assert.ok(!recorder.text().includes(svc.afas.token.xml), 'but never with the old token');
      recorder.requests.length = 0;
    });

    test('only official AFAS hosts, unless the server allows others', async () => {
      const { id } = await configuredConnection(svc, 0, tenantId);
      for (const baseUrl of [
        'https://evil.example.com/ProfitRestServices',
        'https://12345.rest.afas.online.evil.example.com/ProfitRestServices',
        'http://12345.rest.afas.online/ProfitRestServices',
        'https://user:pw@12345.rest.afas.online/ProfitRestServices',
      ]) {
        const res = await svc.call(saveSourceStep, {
          params: { id },
          body: { environment: { baseUrl }, token: 'x' },
        });
        assert.equal(res.status, 400, `${baseUrl}: ${res.text}`);
        assert.equal(res.body.error.details[0].path, '/environment/baseUrl');
      }
      const official = await svc.call(saveSourceStep, {
        params: { id },
        body: {
          environment: { baseUrl: 'https://12345.resttest.afas.online/ProfitRestServices' },
          token: 'x',
        },
      });
      assert.equal(official.status, 200, official.text);
    });

    test('a new authority or Graph host without the client secret is refused; the secret never reaches it', async () => {
      const { tenantId: id } = await createTenantFor(svc);
      for (const body of [{ authorityHost: recorder.url }, { graphBaseUrl: recorder.url }]) {
        const res = await svc.call(updateTenant, { params: { id }, body });
        assert.equal(res.status, 400, res.text);
        assert.ok(
          res.body.error.details.some((d: { path: string }) => d.path === '/clientSecret'),
          res.text,
        );
      }
      const tested = await svc.call(testTenantCredentials, { as: 'operator', params: { id } });
      assert.equal(tested.status, 200, tested.text);
      assert.equal(recorder.requests.length, 0, recorder.text());
      const secret = svc.graph.apps[0]!.clientSecret;
      assert.ok(!recorder.text().includes(secret));
      // Production hosts only: a host the server does not allow is refused even with the secret.
      const evil = await svc.call(updateTenant, {
        params: { id },
        body: { authorityHost: 'https://login.microsoftonline.com.evil.example.com', clientSecret: 'new' },
      });
      assert.equal(evil.status, 400, evil.text);
      assert.equal(evil.body.error.details[0].path, '/authorityHost');
    });

    test('directory URLs: loopback and link-local controllers are refused, a move needs the bind password, admins only', async () => {
      const hybrid = (await createTenantFor(svc, { type: 'hybrid' })).tenantId;
      const directory = (urls: string[], bindPassword?: string) => ({
        directory: {
          urls,
          bindUser: 'svc-hrsync@contoso.local',
          ...(bindPassword === undefined ? {} : { bindPassword }),
          container: 'OU=Staff,DC=contoso,DC=local',
        },
      });
      const before = await secretCount();
      for (const url of [
        'ldaps://127.0.0.5',
        'ldaps://169.254.169.254',
        'ldap://[::1]:389',
        'ldaps://0.0.0.0',
      ]) {
        const refused = await svc.call(updateTenant, {
          params: { id: hybrid },
          body: directory([url], 'bind-password-1'),
        });
        assert.equal(refused.status, 400, `${url}: ${refused.text}`);
        assert.equal(refused.body.error.details[0].path, '/directory/urls/0');
        assert.match(refused.body.error.details[0].message, /HRSYNC_ALLOWED_ENDPOINT_HOSTS/);
      }
      assert.equal(await secretCount(), before, 'a refused change stores no bind password');
      const saved = await svc.call(updateTenant, {
        params: { id: hybrid },
        body: directory(['ldaps://dc1.contoso.local', 'ldap://dc2.contoso.local'], 'bind-password-1'),
      });
      assert.equal(saved.status, 200, saved.text);
      const moved = await svc.call(updateTenant, {
        params: { id: hybrid },
        body: directory(['ldaps://dc9.elsewhere.example']),
      });
      assert.equal(moved.status, 400, moved.text);
      assert.equal(moved.body.error.details[0].path, '/directory/bindPassword');
      const byOperator = await svc.call(updateTenant, {
        as: 'operator',
        params: { id: hybrid },
        body: directory(['ldaps://dc9.elsewhere.example'], 'bind-password-2'),
      });
      assert.equal(byOperator.status, 403, byOperator.text);
      const refusals = await svc.call(listAuditEvents, {
        query: { action: 'tenant.updated', outcome: 'refused' },
      });
      assert.ok(refusals.body.items.length >= 5, 'every refused change is audited');
    });

    test('a refused tenant create stores no secret', async () => {
      const beforeCount = await secretCount();
      const app = svc.graph.apps[0]!;
      const base = {
        name: 'Refused tenant',
        type: 'cloud',
        directoryId: svc.graph.tenantId,
        verifiedDomains: ['contoso.nl'],
        clientId: app.clientId,
        clientSecret: 'a-secret-that-must-not-be-stored',
        authorityHost: svc.graph.url,
        graphBaseUrl: svc.graph.url,
        subscriptionActive: true,
      };
      const unknownCustomer = await svc.call(createTenant, {
        body: { ...base, customerId: '00000000-0000-4000-8000-000000000000' },
      });
      assert.equal(unknownCustomer.status, 404, unknownCustomer.text);
      const badHost = await svc.call(createTenant, {
        body: { ...base, customerId: 'x', authorityHost: 'https://evil.example.com' },
      });
      assert.ok(badHost.status >= 400 && badHost.status < 500, badHost.text);
      assert.equal(await secretCount(), beforeCount);
    });
  });
}
