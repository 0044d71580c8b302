/**
 * Another organisation's admin, with bodies that pass validation. The role × organisation matrix
 * sends empty bodies, which an endpoint that takes one refuses (400) before its handler looks the id
 * up: here writes reach the handler — with this organisation's id in the path, or in the body or
 * query where a tenant, customer or connection is named there — and must answer 404 naming nothing
 * of ours, and change nothing (connections.test.ts tries the connection's own writes and copy).
 * SQLite and PostgreSQL, real service.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  approveRun,
  createConnection,
  createTenant,
  type Endpoint,
  listAuditEvents,
  previewConnectionWarnings,
  renameCustomer,
  saveDestinationStep,
  saveSourceStep,
  sendTestNotification,
  setConnectionNotifications,
  setSchedule,
  syncPerson,
  updateUser,
} from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { sourceStep } from '../service/support/fixtures.ts';
import { type CallOptions, type Service, startService } from '../service/support/service.ts';
import { populate, type World } from './support/world.ts';

for (const dialect of DIALECTS) {
  describe(`another organisation's admin with valid bodies on ${dialect}`, () => {
    let svc: Service;
    let world: World;
    before(async () => {
      svc = await startService(dialect);
      world = await populate(svc);
    });
    after(async () => svc?.close());

    test('every write naming one of our ids answers 404 and changes nothing', async () => {
      const ours = world.ids;
      const connection = ours.connections!;
      // The other organisation's own connection, to carry our ids in bodies and queries.
      const created = await svc.call(createConnection, {
        as: 'otherAdmin',
        body: { name: 'Theirs', destinationType: 'cloud' },
      });
      assert.equal(created.status, 201, created.text);
      const their = created.body.id as string;
      // Step 1 saved, so step 2 judges the tenant named in its body.
      const source = await svc.call(saveSourceStep, {
        as: 'otherAdmin',
        params: { id: their },
        body: sourceStep(svc),
      });
      assert.equal(source.status, 200, source.text);
      const tenantBody = {
        customerId: ours.customers!,
        name: 'Stolen tenant',
        type: 'cloud',
        directoryId: svc.graph.tenantId,
        verifiedDomains: ['contoso.nl'],
        clientId: svc.graph.apps[0]!.clientId,
        clientSecret: 'a-client-secret-of-their-own',
        authorityHost: svc.graph.url,
        graphBaseUrl: svc.graph.url,
        subscriptionActive: true,
      };
      const calls: [Endpoint, CallOptions][] = [
        [updateUser, { params: { id: svc.users.viewer.id }, body: { role: 'admin' } }],
        [renameCustomer, { params: { id: ours.customers! }, body: { name: 'Renamed' } }],
        [saveSourceStep, { params: { id: connection }, body: sourceStep(svc) }],
        [
          setSchedule,
          { params: { id: connection }, body: { start: '2030-01-01T06:00', every: 1, unit: 'days' } },
        ],
        [syncPerson, { params: { id: connection }, body: { employeeNumber: '1000' } }],
        [approveRun, { params: { id: ours.runs! }, body: { reason: 'approved elsewhere' } }],
        [
          setConnectionNotifications,
          { params: { id: connection }, body: { mode: 'off', events: [], emails: [], webhooks: [] } },
        ],
        // Our ids in the body or query of a call on their own things.
        [createConnection, { body: { name: 'Ours?', destinationType: 'cloud', tenantId: ours.tenants! } }],
        [createTenant, { body: tenantBody }],
        [
          saveDestinationStep,
          { params: { id: their }, body: { tenantId: ours.tenants!, defaultDomain: 'contoso.nl' } },
        ],
        [sendTestNotification, { body: { connectionId: connection } }],
        [previewConnectionWarnings, { params: { id: their }, query: { tenantId: ours.tenants! } }],
      ];
      const wrong: string[] = [];
      const ourIds = Object.values(ours).filter((id) => !id.startsWith('00000000-'));
      for (const [endpoint, options] of calls) {
        const answer = await svc.call(endpoint, { ...options, as: 'otherAdmin' });
        const named = JSON.stringify({ ...options.params, ...options.query, ...(options.body as object) });
        const leaked = ourIds.filter((id) => !named.includes(id) && answer.text.includes(id));
        if (answer.status !== 404 || leaked.length > 0)
          wrong.push(
            `${endpoint.operationId} → ${answer.status} ${answer.text.slice(0, 120)} ${leaked.join(' ')}`,
          );
      }
      assert.deepEqual(wrong, []);
      // Nothing of ours changed: the customer's name, the viewer's role, and no change in our audit log by them.
      assert.notEqual((await svc.store.customers.get(svc.organisationId, ours.customers!))?.name, 'Renamed');
      assert.equal((await svc.store.users.get(svc.organisationId, svc.users.viewer.id))?.role, 'viewer');
      const theirsInOurLog = await svc.call(listAuditEvents, {
        query: { actor: svc.users.otherAdmin.email },
      });
      assert.equal(theirsInOurLog.body.total, 0, theirsInOurLog.text.slice(0, 300));
    });
  });
}
