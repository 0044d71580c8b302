/**
 * Testing unsaved settings never carries a stored secret to a changed endpoint (issue 12 item 6,
 * under issue 10 item 1's rule): "Test connection" with a new AFAS URL, "Test credentials" with a new
 * authority or Graph host, and the directory test with new controllers are refused unless the
 * secret is typed in the same request — and a real server at the new address receives nothing, or
 * only the typed secret, never the stored one. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  listAuditEvents,
  testNewTenantCredentials,
  testUnsavedSource,
  testUnsavedTenantCredentials,
  updateTenant,
} from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { configuredConnection, createTenantFor } from '../service/support/fixtures.ts';
import { type Service, startService } from '../service/support/service.ts';
import { type Recorder, startRecorder } from './support/recorder.ts';

for (const dialect of DIALECTS) {
  describe(`testing unsaved settings never sends a stored secret elsewhere on ${dialect}`, () => {
    let svc: Service;
    let recorder: Recorder;
    before(async () => {
      svc = await startService(dialect);
      recorder = await startRecorder();
    });
    after(async () => {
      await recorder?.close();
      await svc?.close();
    });

    test('Test connection with a changed AFAS URL: refused without the token; with it, only the typed token travels', async () => {
      const { id } = await configuredConnection(svc, 1);
      const moved = { environment: { baseUrl: `${recorder.url}/ProfitRestServices` } };
      const byOperator = await svc.call(testUnsavedSource, { as: 'operator', params: { id }, body: moved });
      assert.equal(byOperator.status, 403, byOperator.text);
      const blank = await svc.call(testUnsavedSource, { params: { id }, body: moved });
      assert.equal(blank.status, 400, blank.text);
      assert.equal(blank.body.error.details[0].path, '/token');
      assert.equal(recorder.requests.length, 0, recorder.text());

      const typed = await svc.call(testUnsavedSource, {
        params: { id },
        // A token in AFAS's format (64 hexadecimal characters), so the test goes as far as the host.
        body: { ...moved, token: 'ab'.repeat(32) },
      });
      assert.equal(typed.status, 200, typed.text);
      assert.equal(typed.body.ok, false, 'the recorder answers 401');
      assert.ok(recorder.requests.length > 0, 'the typed settings were tested');
      assert.ok(!recorder.text().includes(svc.afas.token.xml), 'the stored token never reached the new host');
      const refused = await svc.call(listAuditEvents, {
        query: { connectionId: id, action: 'connection.source-tested', outcome: 'refused' },
      });
      assert.equal(refused.body.items.length, 2, 'both refusals are audited');
      recorder.requests.length = 0;
    });

    test('Test credentials with a changed authority or Graph host: refused without the secret; the stored one never travels', async () => {
      const { tenantId: id } = await createTenantFor(svc);
      const stored = svc.graph.apps[0]!.clientSecret;
      for (const body of [{ authorityHost: recorder.url }, { graphBaseUrl: recorder.url }]) {
        const res = await svc.call(testUnsavedTenantCredentials, { params: { id }, body });
        assert.equal(res.status, 400, res.text);
        assert.ok(
          res.body.error.details.some((d: { path: string }) => d.path === '/clientSecret'),
          res.text,
        );
      }
      assert.equal(recorder.requests.length, 0, recorder.text());
      const typed = await svc.call(testUnsavedTenantCredentials, {
        params: { id },
        body: { authorityHost: recorder.url, clientSecret: 'a-typed-secret-for-the-recorder' },
      });
      assert.equal(typed.status, 200, typed.text);
      // The identity library itself refuses an http:// authority, so the recorder hears nothing here.
      assert.equal(typed.body.ok, false);
      assert.ok(!recorder.text().includes(stored), 'the stored client secret never reached the new host');
      recorder.requests.length = 0;
      // A host the server does not allow is refused even with a typed secret, for new tenants too.
      const evil = await svc.call(testNewTenantCredentials, {
        body: {
          type: 'cloud',
          directoryId: svc.graph.tenantId,
          clientId: 'x',
          clientSecret: 'typed',
          authorityHost: 'https://evil.example.com',
        },
      });
      assert.equal(evil.status, 400, evil.text);
    });

    test('the directory test with changed controllers needs the bind password again', async () => {
      const { tenantId: id } = await createTenantFor(svc, { type: 'hybrid' });
      const directory = (urls: string[], bindPassword?: string) => ({
        directory: {
          urls,
          bindUser: 'svc-hrsync@contoso.local',
          ...(bindPassword === undefined ? {} : { bindPassword }),
          container: 'OU=Staff,DC=contoso,DC=local',
        },
      });
      const saved = await svc.call(updateTenant, {
        params: { id },
        body: directory(['ldaps://dc1.contoso.local'], 'stored-bind-password'),
      });
      assert.equal(saved.status, 200, saved.text);
      const port = new URL(recorder.url).port;
      const moved = await svc.call(testUnsavedTenantCredentials, {
        params: { id },
        body: directory([`ldap://127.0.0.1:${port}`]),
      });
      assert.equal(moved.status, 400, moved.text);
      assert.equal(moved.body.error.details[0].path, '/directory/bindPassword');
      const loopback = await svc.call(testUnsavedTenantCredentials, {
        params: { id },
        body: directory(['ldaps://169.254.169.254'], 'typed'),
      });
      assert.equal(loopback.status, 400, loopback.text);
      assert.equal(recorder.requests.length, 0, recorder.text());
      assert.ok(!recorder.text().includes('stored-bind-password'));
    });
  });
}
