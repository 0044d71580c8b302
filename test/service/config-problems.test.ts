/**
 * A stored configuration with a wrong value (a tenant saved by an older version with its container
 * outside the base DN) is called what it is — a problem with a named field — not "incomplete": at a
 * run request, when a queued run starts, and when step 2 is validated against the tenant.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createConnection,
  getRun,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
  simulate,
  updateTenant,
} from '../../src/contracts/index.ts';
import { hybridSections } from '../../src/targets/ldap/hybrid-defaults.ts';
import { DIALECTS } from './support/databases.ts';
import { createTenantFor, unique } from './support/fixtures.ts';
import { type Service, startService } from './support/service.ts';

const BASE_DN = 'DC=contoso,DC=local';
const CONTAINER = `OU=Staff,${BASE_DN}`;
const OUTSIDE = 'OU=Extern,DC=elsewhere,DC=local';

for (const dialect of DIALECTS) {
  describe(`a stored configuration with a wrong value on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    test('run request, queued run and step 2 name the field and say it has a problem', async () => {
      const { tenantId } = await createTenantFor(svc, { type: 'hybrid' });
      const tenant = await svc.call(updateTenant, {
        params: { id: tenantId },
        body: {
          directory: {
            urls: ['ldaps://dc1.contoso.local'],
            bindUser: 'svc-hrsync@contoso.local',
            bindPassword: 'bind-password-1',
            baseDn: BASE_DN,
            container: CONTAINER,
          },
        },
      });
      assert.equal(tenant.status, 200, tenant.text);
      const name = unique('AFAS → AD');
      const created = await svc.call(createConnection, {
        as: 'operator',
        body: { name, description: 'hybrid', destinationType: 'hybrid' },
      });
      assert.equal(created.status, 201, created.text);
      const id = created.body.id as string;
      const sections = hybridSections(CONTAINER);
      const steps = [
        () =>
          svc.call(saveSourceStep, {
            as: 'operator',
            params: { id },
            body: { environment: { baseUrl: svc.afas.baseUrl }, token: svc.afas.token.xml },
          }),
        () =>
          svc.call(saveDestinationStep, {
            as: 'operator',
            params: { id },
            body: { tenantId, defaultDomain: 'contoso.nl' },
          }),
        () =>
          svc.call(saveMappingStep, {
            as: 'operator',
            params: { id },
            body: {
              mapping: sections.mapping,
              matching: sections.matching,
              uniqueness: sections.uniqueness,
              writeBack: { email: false, upn: false },
            },
          }),
        () =>
          svc.call(saveScopeStep, {
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
      for (const step of steps) {
        const saved = await step();
        assert.equal(saved.status, 200, saved.text);
      }
      const queued = await svc.call(simulate, { as: 'operator', params: { id } });
      assert.equal(queued.status, 202, queued.text);

      // As a version before the base-DN check would have stored it: the tenant save path refuses it now.
      const row = await svc.store.db
        .selectFrom('tenants')
        .select('directory')
        .where('id', '=', tenantId)
        .executeTakeFirstOrThrow();
      const directory = JSON.parse(row.directory ?? 'null') as Record<string, unknown>;
      await svc.store.db
        .updateTable('tenants')
        .set({ directory: JSON.stringify({ ...directory, container: OUTSIDE }) })
        .where('id', '=', tenantId)
        .execute();

      const field = `Destination › Container for new accounts: "${OUTSIDE}" is outside the base DN "${BASE_DN}"`;

      // The run queued before the change starts, and fails with the same words.
      await svc.drain();
      const run = await svc.call(getRun, { params: { id: queued.body.id } });
      assert.equal(run.body.status, 'failed', run.text);
      assert.equal(run.body.error.code, 'HRS_CONFIG_INVALID', run.text);
      assert.ok(run.body.error.message.startsWith(`The configuration has 1 problem: ${field}`), run.text);
      assert.doesNotMatch(run.body.error.message, /incomplete|\/target\//, run.text);
      // The path it names opens step 2 in the console (contracts/config-steps.ts).
      assert.deepEqual(run.body.error.paths, ['/target/container'], run.text);

      const refused = await svc.call(simulate, { as: 'operator', params: { id } });
      assert.equal(refused.status, 409, refused.text);
      assert.equal(refused.body.error.code, 'HRS_INVALID_STATE');
      assert.ok(
        refused.body.error.message.startsWith(`The configuration of "${name}" has 1 problem: ${field}`),
        refused.text,
      );
      assert.doesNotMatch(refused.body.error.message, /incomplete|\/target\//, refused.text);

      const step2 = await svc.call(saveDestinationStep, {
        as: 'operator',
        params: { id },
        body: { tenantId, defaultDomain: 'contoso.nl' },
      });
      assert.equal(step2.status, 400, step2.text);
      assert.equal(step2.body.error.code, 'HRS_CONFIG_INVALID');
      const detail = step2.body.error.details[0] as { path: string; message: string };
      assert.equal(detail.path, '/tenantId');
      assert.ok(
        detail.message.startsWith(
          `the tenant's directory settings have a value that is not accepted (Container for new accounts: "${OUTSIDE}" is outside the base DN "${BASE_DN}"`,
        ),
        step2.text,
      );
      assert.match(detail.message, /; an admin corrects the tenant's directory settings$/, step2.text);
      assert.doesNotMatch(step2.body.error.message, /incomplete/, step2.text);
    });
  });
}
