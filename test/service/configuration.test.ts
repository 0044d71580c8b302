import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  getConfiguration,
  getConnection,
  listAuditEvents,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
  testExpression,
  testSourceStep,
  testTenantCredentials,
  updateTenant,
} from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import {
  configuredConnection,
  createTenantFor,
  mappingStep,
  scopeStep,
  sourceStep,
} from './support/fixtures.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService } from './support/service.ts';

for (const dialect of DIALECTS) {
  describe(`configuration steps on ${dialect}`, () => {
    let svc: Service;
    let tenantId: string;
    before(async () => {
      svc = await startService(dialect);
      tenantId = (await createTenantFor(svc)).tenantId;
    });
    after(async () => svc?.close());

    test('steps are completed in order; a later step is locked with a 409 that says which to confirm', async () => {
      const { id } = await configuredConnection(svc, 0, tenantId);
      const res = await svc.call(saveMappingStep, { as: 'operator', params: { id }, body: mappingStep() });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, 'HRS_INVALID_STATE');
      assert.match(res.body.error.message, /Step 3 is locked: confirm step 1 first/);
    });

    test('step 1: the token is required once, stored encrypted, shown only as { set }', async () => {
      const { id } = await configuredConnection(svc, 0, tenantId);
      const noToken = await svc.call(saveSourceStep, {
        as: 'operator',
        params: { id },
        body: { environment: { baseUrl: svc.afas.baseUrl } },
      });
      assert.equal(noToken.status, 400);
      assert.equal(noToken.body.error.code, 'HRS_CONFIG_INVALID');
      assert.deepEqual(
        noToken.body.error.details.map((d: { path: string }) => d.path),
        ['/token'],
      );
      const badEnv = await svc.call(saveSourceStep, {
        as: 'operator',
        params: { id },
        body: { environment: { number: 'abc' }, token: 'x' },
      });
      assert.equal(badEnv.status, 400);
      assert.ok(
        badEnv.body.error.details.some((d: { path: string }) => d.path.startsWith('/environment')),
        badEnv.text,
      );
      const ok = await svc.call(saveSourceStep, { as: 'operator', params: { id }, body: sourceStep(svc) });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.connection.progress, 1);
      assert.ok(ok.body.changed.includes('/source/token'));
      const config = await svc.call(getConfiguration, { as: 'viewer', params: { id } });
      assert.deepEqual(config.body.source.settings.token, { set: true });
      assert.equal(config.body.source.settings.connectors.users, 'T4E_HelloID_Users_v2');
      const row = await svc.store.db
        .selectFrom('connections')
        .select('config')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.ok(!row.config.includes(svc.afas.token.data), 'the token is not in the connection row');
      // Saving again without a token keeps the stored one and confirms the step unchanged.
      const again = await svc.call(saveSourceStep, {
        as: 'operator',
        params: { id },
        body: { environment: { baseUrl: svc.afas.baseUrl } },
      });
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(again.body.changed, []);
      const audit = await svc.call(listAuditEvents, {
        query: { connectionId: id, action: 'connection.step-saved' },
      });
      assert.match(audit.body.items[1].message, /step 1 \(source\) saved: .*\/source\/token/);
      assert.ok(!JSON.stringify(audit.body).includes(svc.afas.token.data));
    });

    test('step 1 test connection: works against AFAS, and reports a refused token readably', async () => {
      const { id } = await configuredConnection(svc, 1, tenantId);
      const ok = await svc.call(testSourceStep, { as: 'operator', params: { id } });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.ok, true, ok.text);
      assert.ok(ok.body.checks.length > 0);
      const wrongToken = `<token><version>1</version><data>${'0'.repeat(64)}</data></token>`;
      svc.secrets.push(wrongToken);
      await svc.call(saveSourceStep, {
        as: 'operator',
        params: { id },
        body: { environment: { baseUrl: svc.afas.baseUrl }, token: wrongToken },
      });
      const refused = await svc.call(testSourceStep, { as: 'operator', params: { id } });
      assert.equal(refused.status, 200);
      assert.equal(refused.body.ok, false);
      assert.ok(refused.body.message.length > 10);
      const audit = await svc.call(listAuditEvents, {
        query: { connectionId: id, action: 'connection.source-tested' },
      });
      assert.deepEqual(
        audit.body.items.map((e: { outcome: string }) => e.outcome),
        ['failure', 'success'],
      );
      const none = await configuredConnection(svc, 0, tenantId);
      const untestable = await svc.call(testSourceStep, { as: 'operator', params: { id: none.id } });
      assert.equal(untestable.status, 409);
      assert.equal((await svc.call(testSourceStep, { as: 'viewer', params: { id } })).status, 403);
    });

    test('step 2: the tenant must be this organisation’s, subscribed, and the domain verified', async () => {
      const { id } = await configuredConnection(svc, 1, tenantId);
      const domain = await svc.call(saveDestinationStep, {
        as: 'operator',
        params: { id },
        body: { tenantId, defaultDomain: 'fabrikam.com' },
      });
      assert.equal(domain.status, 400);
      assert.equal(domain.body.error.details[0].path, '/defaultDomain');
      const inactive = await createTenantFor(svc, { subscriptionActive: false });
      const refused = await svc.call(saveDestinationStep, {
        as: 'operator',
        params: { id },
        body: { tenantId: inactive.tenantId, defaultDomain: 'contoso.nl' },
      });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'HRS_SUBSCRIPTION_INACTIVE');
      const theirs = await svc.call(saveDestinationStep, {
        as: 'otherAdmin',
        params: { id },
        body: { tenantId, defaultDomain: 'contoso.nl' },
      });
      assert.equal(theirs.status, 404);
      const ok = await svc.call(saveDestinationStep, {
        as: 'operator',
        params: { id },
        body: { tenantId, defaultDomain: 'Contoso.NL' },
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.connection.progress, 2);
    });

    test('step 3: expressions must parse and matching attributes must be mapped, each error with its path', async () => {
      const { id } = await configuredConnection(svc, 2, tenantId);
      const body = mappingStep();
      body.mapping[0] = { ...body.mapping[0]!, type: 'expression', source: 'Join(".", [Roepnaam]' };
      body.matching = ['extensionAttribute9'];
      const res = await svc.call(saveMappingStep, { as: 'operator', params: { id }, body });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'HRS_CONFIG_INVALID');
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.includes('/mapping/0/source'), res.text);
      assert.ok(paths.includes('/matching/0'), res.text);
      const schema = await svc.call(saveMappingStep, {
        as: 'operator',
        params: { id },
        body: { ...mappingStep(), mapping: [{ target: 'x', type: 'magic' }] },
      });
      assert.equal(schema.status, 400);
      assert.equal(schema.body.error.code, 'HRS_VALIDATION');
    });

    test('step 4: time zone and thresholds are checked; completing 1–4 moves draft → simulation', async () => {
      const { id } = await configuredConnection(svc, 3, tenantId);
      const bad = await svc.call(saveScopeStep, {
        as: 'operator',
        params: { id },
        body: {
          ...scopeStep(),
          timeZone: 'Mars/Olympus',
          thresholds: {
            maxDisableDeleteCount: null,
            maxDisableDeletePercent: null,
            maxSourceShrinkPercent: 10,
          },
        },
      });
      assert.equal(bad.status, 400);
      const paths = bad.body.error.details.map((d: { path: string }) => d.path);
      assert.ok(paths.includes('/timeZone') && paths.includes('/thresholds'), bad.text);
      const ok = await svc.call(saveScopeStep, { as: 'operator', params: { id }, body: scopeStep() });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.connection.state, 'simulation');
      assert.equal(ok.body.connection.progress, 4);
      assert.deepEqual(
        ok.body.connection.steps.map((s: { status: string }) => s.status),
        ['done', 'done', 'done', 'done', 'current'],
      );
      const audit = await svc.call(listAuditEvents, {
        query: { connectionId: id, action: 'connection.state-changed' },
      });
      assert.match(audit.body.items[0].message, /from draft to simulation/);
    });

    test('changing an earlier step sends progress back and the state to draft until later steps are confirmed', async () => {
      const { id } = await configuredConnection(svc, 4, tenantId);
      const changed = await svc.call(saveDestinationStep, {
        as: 'operator',
        params: { id },
        body: { tenantId, defaultDomain: 'contoso.onmicrosoft.com' },
      });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.connection.progress, 2);
      assert.equal(changed.body.connection.state, 'draft');
      assert.match(changed.body.message, /must be confirmed again/);
      assert.deepEqual(changed.body.changed, ['/destination/defaultDomain']);
      const config = await svc.call(getConfiguration, { params: { id } });
      const confirm3 = await svc.call(saveMappingStep, {
        as: 'operator',
        params: { id },
        body: config.body.mapping.settings,
      });
      assert.equal(confirm3.status, 200, confirm3.text);
      assert.deepEqual(confirm3.body.changed, []);
      assert.equal(confirm3.body.connection.progress, 3);
      const confirm4 = await svc.call(saveScopeStep, {
        as: 'operator',
        params: { id },
        body: config.body.scope.settings,
      });
      assert.equal(confirm4.body.connection.progress, 4);
      assert.equal(confirm4.body.connection.state, 'simulation');
    });

    test('expression tester evaluates against a real AFAS employee of the connection', async () => {
      const { id } = await configuredConnection(svc, 2, tenantId);
      const ok = await svc.call(testExpression, {
        as: 'operator',
        params: { id },
        body: { expression: 'Join("@", ToLower([Roepnaam]), [Domain])', employeeNumber: '1001' },
      });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.body, {
        ok: true,
        value: 'jan@contoso.nl',
        person: { employeeNumber: '1001', displayName: ok.body.person.displayName },
      });
      const syntax = await svc.call(testExpression, {
        as: 'operator',
        params: { id },
        body: { expression: 'Join(', employeeNumber: '1001' },
      });
      assert.equal(syntax.status, 200);
      assert.equal(syntax.body.ok, false);
      assert.equal(syntax.body.error.code, 'HRS_EXPR_SYNTAX');
      const nobody = await svc.call(testExpression, {
        as: 'operator',
        params: { id },
        body: { expression: '[Roepnaam]', employeeNumber: '99999' },
      });
      assert.equal(nobody.status, 404);
      assert.match(nobody.body.error.message, /99999/);
      const audit = await svc.call(listAuditEvents, {
        query: { connectionId: id, action: 'connection.expression-tested', person: '1001' },
      });
      assert.equal(audit.body.total, 2);
    });

    test('tenant credentials: tested against the identity platform, status recorded, secret never shown', async () => {
      const tested = await svc.call(testTenantCredentials, { as: 'operator', params: { id: tenantId } });
      assert.equal(tested.status, 200, tested.text);
      assert.equal(tested.body.ok, true, tested.text);
      assert.equal(tested.body.tenant.credentialStatus, 'valid');
      assert.deepEqual(tested.body.tenant.credential, { type: 'secret', set: true });
      const other = await createTenantFor(svc);
      svc.secrets.push('definitely-wrong-secret-value');
      await svc.call(updateTenant, {
        params: { id: other.tenantId },
        body: { clientSecret: 'definitely-wrong-secret-value' },
      });
      const wrong = await svc.call(testTenantCredentials, { as: 'operator', params: { id: other.tenantId } });
      assert.equal(wrong.status, 200);
      assert.equal(wrong.body.ok, false);
      assert.equal(wrong.body.tenant.credentialStatus, 'invalid');
      assert.equal(
        (await svc.call(testTenantCredentials, { as: 'viewer', params: { id: tenantId } })).status,
        403,
      );
      assert.equal(
        (await svc.call(testTenantCredentials, { as: 'otherAdmin', params: { id: tenantId } })).status,
        404,
      );
    });

    test('details show the configuration progress of each step', async () => {
      const { id } = await configuredConnection(svc, 2, tenantId);
      const details = await svc.call(getConnection, { as: 'viewer', params: { id } });
      assert.equal(details.body.progress, 2);
      assert.deepEqual(
        details.body.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`),
        ['source:done', 'destination:done', 'mapping:current', 'scope:locked', 'simulation:locked'],
      );
    });

    test('no secret appears in any response, log line, audit event or clear-text column', async () => {
      await assertNoSecretsLeaked(svc);
    });
  });
}
