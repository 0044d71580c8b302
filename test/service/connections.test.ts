import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  copyConnection,
  createConnection,
  deleteConnection,
  getConfiguration,
  getConnection,
  listAuditEvents,
  listConnections,
  readableMessage,
  simulate,
  updateConnection,
  updateTenant,
} from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor, unique } from './support/fixtures.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService } from './support/service.ts';

for (const dialect of DIALECTS) {
  describe(`connections on ${dialect}`, () => {
    let svc: Service;
    let tenantId: string;
    before(async () => {
      svc = await startService(dialect);
      tenantId = (await createTenantFor(svc)).tenantId;
    });
    after(async () => svc?.close());

    test('create: a draft at progress 0, audited; the details name tenant and organisation', async () => {
      const name = unique('Payroll NL');
      const created = await svc.call(createConnection, {
        as: 'operator',
        body: { name, description: 'main', sourceSystem: 'afas-profit', destinationType: 'cloud', tenantId },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.state, 'draft');
      assert.equal(created.body.progress, 0);
      assert.equal(created.body.sourceSystem, 'afas-profit');
      assert.equal(created.body.organisation.name, 'Acme MSP');
      assert.equal(created.body.tenant.id, tenantId);
      assert.ok(created.body.customer.name.startsWith('Customer'));
      assert.equal(created.body.lastSyncAt, null);
      assert.equal(created.body.nextRunAt, null);
      assert.equal(created.body.latestRun, null);
      assert.deepEqual(
        created.body.steps.map((s: { status: string }) => s.status),
        ['current', 'locked', 'locked', 'locked', 'locked'],
      );
      const audit = await svc.call(listAuditEvents, { query: { connectionId: created.body.id } });
      assert.equal(audit.body.items[0].action, 'connection.created');
      assert.equal(audit.body.items[0].actor.name, svc.users.operator.email);
      const again = await svc.call(createConnection, {
        as: 'operator',
        body: { name, destinationType: 'cloud' },
      });
      assert.equal(again.status, 409);
      assert.match(again.body.error.message, /already exists/);
    });

    test('create refuses bad input with paths, never a 500', async () => {
      const cases: [unknown, string][] = [
        [{ destinationType: 'cloud' }, '/name'],
        [{ name: '   ', destinationType: 'cloud' }, '/name'],
        [{ name: 'x', destinationType: 'mainframe' }, '/destinationType'],
        [{ name: 'x', destinationType: 'cloud', sourceSystem: 'workday' }, '/sourceSystem'],
        // An unknown field is reported at the object that holds it, named in the words.
        [{ name: 'x', destinationType: 'cloud', colour: 'blue' }, '/'],
        [{ name: 'x'.repeat(500), destinationType: 'cloud' }, '/name'],
      ];
      for (const [body, path] of cases) {
        const res = await svc.call(createConnection, { as: 'operator', body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.error.code, 'HRS_VALIDATION');
        assert.ok(
          res.body.error.details.some((d: { path: string }) => d.path === path),
          `${path} in ${res.text}`,
        );
        if ('colour' in (body as object)) assert.match(res.body.error.message, /'colour'/);
      }
      // Control characters in a name (an escape code that repaints a terminal, a pasted tab) are
      // refused in words, the name's other rules still named as before.
      for (const name of ['Contoso\u001b[2J', 'Contoso\t', 'Con\ntoso', 'Contoso\u009b31m']) {
        const res = await svc.call(createConnection, {
          as: 'operator',
          body: { name, destinationType: 'cloud' },
        });
        assert.equal(res.status, 400, JSON.stringify(name));
        assert.deepEqual(
          res.body.error.details.map((d: { path: string; message: string }) => [
            d.path,
            readableMessage(d.message),
          ]),
          [['/name', 'may not hold control characters (a line break, a tab, an escape code)']],
          res.text,
        );
      }
      const accented = await svc.call(createConnection, {
        as: 'operator',
        body: { name: unique('Zuiderzee — Société «Ærø» 株式会社'), destinationType: 'cloud' },
      });
      assert.equal(accented.status, 201, accented.text);
      const broken = await svc.app.inject({
        method: 'POST',
        url: '/api/v1/connections',
        headers: { 'content-type': 'application/json', authorization: 'Bearer hrs_x' },
        payload: '{"name":',
      });
      assert.equal(broken.statusCode, 401);
      // Sent as text, not JSON: 415, saying what was received (41458dd).
      const brokenSignedIn = await svc.call(createConnection, { as: 'operator', body: 'not json' });
      assert.equal(brokenSignedIn.status, 415, brokenSignedIn.text);
      assert.equal(brokenSignedIn.body.error.code, 'HRS_UNSUPPORTED_MEDIA_TYPE');
    });

    test('a tenant without an active User Management subscription gets no connections', async () => {
      const inactive = await createTenantFor(svc, { subscriptionActive: false });
      const res = await svc.call(createConnection, {
        as: 'operator',
        body: { name: unique('Blocked'), destinationType: 'cloud', tenantId: inactive.tenantId },
      });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, 'HRS_SUBSCRIPTION_INACTIVE');
      assert.match(res.body.error.message, /User Management subscription/);
      const hybrid = await svc.call(createConnection, {
        as: 'operator',
        body: { name: unique('Wrong type'), destinationType: 'hybrid', tenantId },
      });
      assert.equal(hybrid.status, 400);
      assert.equal(hybrid.body.error.details[0].path, '/tenantId');
    });

    test('list: search by name, sort, page; tenant and customer names shown', async () => {
      const prefix = unique('Zeta');
      for (const suffix of ['a', 'b', 'c']) {
        const res = await svc.call(createConnection, {
          as: 'operator',
          body: { name: `${prefix} ${suffix}`, destinationType: 'cloud', tenantId },
        });
        assert.equal(res.status, 201);
      }
      const search = await svc.call(listConnections, {
        as: 'viewer',
        query: { q: prefix.toUpperCase(), sort: 'name', order: 'desc', pageSize: 2 },
      });
      assert.equal(search.status, 200);
      assert.equal(search.body.total, 3);
      assert.deepEqual(
        search.body.items.map((c: { name: string }) => c.name),
        [`${prefix} c`, `${prefix} b`],
      );
      assert.ok(search.body.items[0].tenant.name.startsWith('Tenant'));
      const page2 = await svc.call(listConnections, {
        as: 'viewer',
        query: { q: prefix, sort: 'name', order: 'desc', pageSize: 2, page: 2 },
      });
      assert.deepEqual(
        page2.body.items.map((c: { name: string }) => c.name),
        [`${prefix} a`],
      );
      const wildcard = await svc.call(listConnections, { query: { q: '%' } });
      assert.equal(wildcard.body.total, 0, 'LIKE wildcards are matched literally');
      const bad = await svc.call(listConnections, { query: { sort: 'colour' } });
      assert.equal(bad.status, 400);
      const badPage = await svc.call(listConnections, { query: { page: 0 } });
      assert.equal(badPage.status, 400);
      const theirs = await svc.call(listConnections, { as: 'otherAdmin', query: { q: prefix } });
      assert.equal(theirs.body.total, 0);
    });

    test('rename and describe are audited with old and new values', async () => {
      const { id } = await configuredConnection(svc, 0, tenantId);
      const newName = unique('Renamed');
      const res = await svc.call(updateConnection, {
        as: 'operator',
        params: { id },
        body: { name: newName, description: 'new text' },
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.name, newName);
      assert.equal(res.body.description, 'new text');
      const audit = await svc.call(listAuditEvents, {
        query: { connectionId: id, action: 'connection.updated' },
      });
      assert.equal(audit.body.items[0].details.name.new, newName);
      assert.equal(
        (await svc.call(updateConnection, { as: 'operator', params: { id }, body: {} })).status,
        400,
      );
      assert.equal(
        (await svc.call(updateConnection, { as: 'viewer', params: { id }, body: { name: 'x' } })).status,
        403,
      );
    });

    test('copy: configuration copied, secrets not; progress starts over in draft', async () => {
      const original = await configuredConnection(svc, 4, tenantId);
      const other = await createTenantFor(svc);
      const copy = await svc.call(copyConnection, {
        as: 'operator',
        params: { id: original.id },
        body: { name: unique('Copy'), tenantId: other.tenantId },
      });
      assert.equal(copy.status, 201, copy.text);
      assert.equal(copy.body.state, 'draft');
      assert.equal(copy.body.progress, 0);
      assert.equal(copy.body.tenant.id, other.tenantId);
      const config = await svc.call(getConfiguration, { params: { id: copy.body.id } });
      assert.equal(config.body.source.saved, true);
      assert.deepEqual(config.body.source.settings.token, { set: false });
      assert.equal(config.body.source.settings.environment.baseUrl, svc.afas.baseUrl);
      assert.equal(config.body.mapping.saved, true);
      assert.equal(config.body.destination.settings.defaultDomain, 'contoso.nl');
      const row = await svc.store.db
        .selectFrom('connections')
        .select('config')
        .where('id', '=', copy.body.id)
        .executeTakeFirstOrThrow();
      assert.ok(!row.config.includes('"token"'), 'no token reference is copied');
      const audit = await svc.call(listAuditEvents, { query: { connectionId: copy.body.id } });
      assert.equal(audit.body.items[0].action, 'connection.copied');
      const foreign = await svc.call(copyConnection, {
        as: 'otherAdmin',
        params: { id: original.id },
        body: { name: unique('Steal'), tenantId: other.tenantId },
      });
      assert.equal(foreign.status, 404);
    });

    test('delete: permanent, with its schedule and runs; its audit events stay', async () => {
      const { id } = await configuredConnection(svc, 4, tenantId);
      assert.equal((await svc.call(simulate, { as: 'operator', params: { id } })).status, 202);
      await svc.drain();
      const gone = await svc.call(deleteConnection, { as: 'operator', params: { id } });
      assert.equal(gone.status, 204, gone.text);
      assert.equal((await svc.call(getConnection, { params: { id } })).status, 404);
      assert.equal((await svc.call(deleteConnection, { as: 'operator', params: { id } })).status, 404);
      const runs = await svc.store.db
        .selectFrom('runs')
        .select('id')
        .where('connection_id', '=', id)
        .execute();
      assert.equal(runs.length, 0);
      const audit = await svc.call(listAuditEvents, { query: { connectionId: id } });
      assert.ok(audit.body.total >= 6);
      assert.equal(audit.body.items[0].action, 'connection.deleted');
    });

    test("another organisation's connection ids answer 404 everywhere", async () => {
      const { id } = await configuredConnection(svc, 4, tenantId);
      for (const [endpoint, body] of [
        [getConnection, undefined],
        [updateConnection, { name: 'x' }],
        [getConfiguration, undefined],
        [simulate, undefined],
        [deleteConnection, undefined],
      ] as const) {
        const res = await svc.call(endpoint, { as: 'otherAdmin', params: { id }, body });
        assert.equal(res.status, 404, endpoint.operationId);
        assert.equal(res.body.error.code, 'HRS_NOT_FOUND');
      }
      const foreignTenant = await svc.call(updateTenant, {
        as: 'otherAdmin',
        params: { id: tenantId },
        body: { name: 'x' },
      });
      assert.equal(foreignTenant.status, 404);
      assert.equal(
        (await svc.call(getConnection, { params: { id } })).status,
        200,
        'still there for its owner',
      );
    });

    test('no secret appears in any response, log line, audit event or clear-text column', async () => {
      await assertNoSecretsLeaked(svc);
    });
  });
}
