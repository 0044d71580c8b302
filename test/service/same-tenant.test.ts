/**
 * The duplicate-connection warning (issue 12, item 5): a second connection to the same tenant — the
 * same tenant record, or another record of the same Microsoft 365 directory — is warned about in
 * words on both connections' details (console and CLI read the same field); a connection to another
 * directory is not. A warning, never a refusal. Both stores.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTenant, getConnection, previewConnectionWarnings } from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor } from './support/fixtures.ts';
import { type Service, startService } from './support/service.ts';

for (const dialect of DIALECTS) {
  describe(`same-tenant warning on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    const warningsOf = async (id: string) => {
      const res = await svc.call(getConnection, { as: 'viewer', params: { id } });
      assert.equal(res.status, 200, res.text);
      return res.body.warnings as {
        kind: string;
        message: string;
        connections: { id: string; name: string }[];
      }[];
    };

    test('a second connection to the same tenant, or to the same directory under another record, is warned about on both', async () => {
      const { tenantId, customerId } = await createTenantFor(svc);
      const first = await configuredConnection(svc, 2, tenantId);
      assert.deepEqual(await warningsOf(first.id), [], 'one connection: nothing to warn about');

      const second = await configuredConnection(svc, 2, tenantId);
      const [warning] = await warningsOf(second.id);
      assert.equal(warning?.kind, 'same-tenant');
      assert.deepEqual(
        warning?.connections.map((c) => c.id),
        [first.id],
      );
      assert.match(warning?.message ?? '', /already writes to the same Microsoft 365 tenant/);
      assert.match(warning?.message ?? '', /undo each other’s changes/);
      assert.deepEqual(
        (await warningsOf(first.id))[0]?.connections.map((c) => c.id),
        [second.id],
        'the first connection is told about the second',
      );

      // The same directory registered again as another tenant record is still the same tenant.
      const app = svc.graph.apps[0]!;
      const again = await svc.call(createTenant, {
        body: {
          customerId,
          name: 'Contoso (registered twice)',
          type: 'cloud',
          directoryId: svc.graph.tenantId.toUpperCase(),
          verifiedDomains: ['contoso.nl'],
          clientId: app.clientId,
          clientSecret: app.clientSecret,
          authorityHost: svc.graph.url,
          graphBaseUrl: svc.graph.url,
          subscriptionActive: true,
        },
      });
      assert.equal(again.status, 201, again.text);
      const third = await configuredConnection(svc, 2, again.body.id);
      const thirdWarning = (await warningsOf(third.id))[0];
      assert.deepEqual(thirdWarning?.connections.map((c) => c.id).sort(), [first.id, second.id].sort());
      assert.match(thirdWarning?.message ?? '', /already write to/);

      // Another directory: no warning. A connection without a tenant yet: none either.
      const elsewhere = await svc.call(createTenant, {
        body: {
          customerId,
          name: 'Fabrikam',
          type: 'cloud',
          directoryId: '0f0f0f0f-0000-4000-8000-00000000fab1',
          verifiedDomains: ['contoso.nl', 'fabrikam.nl'],
          clientId: app.clientId,
          clientSecret: app.clientSecret,
          authorityHost: svc.graph.url,
          graphBaseUrl: svc.graph.url,
          subscriptionActive: true,
        },
      });
      assert.equal(elsewhere.status, 201, elsewhere.text);
      const fabrikam = await configuredConnection(svc, 2, elsewhere.body.id);
      assert.deepEqual(await warningsOf(fabrikam.id), []);
      const draft = await configuredConnection(svc, 1, tenantId);
      assert.deepEqual(await warningsOf(draft.id), []);

      // Step 2 asks before saving: the tenant chosen there (not yet saved) gets the same warning.
      const chosen = await svc.call(previewConnectionWarnings, {
        as: 'viewer',
        params: { id: draft.id },
        query: { tenantId },
      });
      assert.equal(chosen.status, 200, chosen.text);
      assert.deepEqual(
        chosen.body.warnings.map((w: { kind: string; connections: { id: string }[] }) => [
          w.kind,
          w.connections.map((c) => c.id).sort(),
        ]),
        [['same-tenant', [first.id, second.id, third.id].sort()]],
      );
      assert.deepEqual(await warningsOf(draft.id), [], 'asking saves nothing');
      const other = await svc.call(previewConnectionWarnings, {
        params: { id: draft.id },
        query: { tenantId: elsewhere.body.id },
      });
      assert.deepEqual(
        other.body.warnings.map((w: { connections: { id: string }[] }) => w.connections.map((c) => c.id)),
        [[fabrikam.id]],
      );
      // The fabrikam connection itself is not "another" connection when it asks about its own tenant.
      const own = await svc.call(previewConnectionWarnings, {
        params: { id: fabrikam.id },
        query: { tenantId: elsewhere.body.id },
      });
      assert.deepEqual(own.body.warnings, []);
      const unknown = await svc.call(previewConnectionWarnings, {
        params: { id: draft.id },
        query: { tenantId: '0f0f0f0f-0000-4000-8000-000000000000' },
      });
      assert.equal(unknown.status, 404);
      const stranger = await svc.call(previewConnectionWarnings, {
        as: 'otherAdmin',
        params: { id: draft.id },
        query: { tenantId },
      });
      assert.equal(stranger.status, 404);
    });
  });
}
