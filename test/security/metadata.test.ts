/**
 * Metadata that must not leak (issue 10, item 7): /metrics needs HRSYNC_METRICS_TOKEN as a bearer
 * token, does not exist when that setting is unset, and carries no per-organisation data (a refused
 * tenant create storing no secret is in secrets.test.ts). Real app, real store, both stores.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/api/index.ts';
import { realConnectors } from '../../src/app/connectors.ts';
import { loadServiceConfig } from '../../src/app/index.ts';
import { listTenants } from '../../src/contracts/index.ts';
import { ServiceMetrics } from '../../src/jobs/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { configuredConnection } from '../service/support/fixtures.ts';
import { METRICS_TOKEN, type Service, startService } from '../service/support/service.ts';

test('HRSYNC_METRICS_TOKEN: unset means no /metrics; a short or spaced token is refused at start', () => {
  assert.equal(loadServiceConfig({}, {}).metricsToken, undefined);
  assert.equal(loadServiceConfig({}, { HRSYNC_METRICS_TOKEN: 'a'.repeat(32) }).metricsToken, 'a'.repeat(32));
  assert.throws(() => loadServiceConfig({}, { HRSYNC_METRICS_TOKEN: 'short' }), /HRSYNC_METRICS_TOKEN/);
  assert.throws(
    () => loadServiceConfig({}, { HRSYNC_METRICS_TOKEN: `${'a'.repeat(20)} ${'b'.repeat(20)}` }),
    /HRSYNC_METRICS_TOKEN/,
  );
});

for (const dialect of DIALECTS) {
  describe(`metrics on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    test('/metrics: 401 without or with a wrong bearer token, a session cookie is not enough', async () => {
      for (const headers of [
        {},
        { authorization: 'Bearer wrong-token-wrong-token-wrong' },
        { authorization: `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString('base64')}` },
        { authorization: `Bearer ${METRICS_TOKEN}x` },
      ]) {
        const res = await svc.app.inject({ method: 'GET', url: '/metrics', headers });
        assert.equal(res.statusCode, 401, JSON.stringify(headers));
        assert.equal(res.json().error.code, 'HRS_UNAUTHENTICATED');
        assert.match(String(res.headers['www-authenticate']), /^Bearer/);
        assert.doesNotMatch(res.body, /hrsync_runs/);
      }
      // An admin's session is a console session, not the scraper's token.
      await svc.call(listTenants); // signs the admin in
      const signIn = await svc.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: svc.users.admin.email, password: svc.users.admin.password },
      });
      const cookie = `hrsync_session=${signIn.cookies.find((c) => c.name === 'hrsync_session')!.value}`;
      const withCookie = await svc.app.inject({ method: 'GET', url: '/metrics', headers: { cookie } });
      assert.equal(withCookie.statusCode, 401);
    });

    test('/metrics with the token: service-wide totals only, no organisation, connection or person', async () => {
      const { id } = await configuredConnection(svc, 4);
      assert.ok(id);
      const res = await svc.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      assert.equal(res.statusCode, 200, res.body);
      const labels = new Set(
        [...res.body.matchAll(/\{([^}]*)\}/g)].flatMap((m) =>
          m[1]!.split(',').map((pair) => pair.split('=')[0]!),
        ),
      );
      for (const label of labels)
        assert.ok(['kind', 'status', 'state', 'action', 'le'].includes(label), label);
      for (const leak of [svc.organisationId, svc.otherOrganisationId, id, 'Acme', 'Other MSP', '@'])
        assert.ok(!res.body.includes(leak), `the metrics mention ${leak}`);
    });

    test('without HRSYNC_METRICS_TOKEN there is no /metrics (404, not the console page)', async () => {
      const app = await buildApp({
        store: svc.store,
        connectors: realConnectors(),
        metrics: new ServiceMetrics(svc.store),
      });
      try {
        for (const headers of [{}, { authorization: `Bearer ${METRICS_TOKEN}` }]) {
          const res = await app.inject({ method: 'GET', url: '/metrics', headers });
          assert.equal(res.statusCode, 404);
          assert.equal(res.json().error.code, 'HRS_NOT_FOUND');
        }
      } finally {
        await app.close();
      }
    });
  });
}
