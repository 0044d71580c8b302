/**
 * Groups and licences through the API: the step 3 pickers read the tenant, rules are validated by
 * path and saved with the mapping, a simulation shows each person's grants and the licence pools.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  getConfiguration,
  getRun,
  listEntitlementOptions,
  listRunItems,
  saveMappingStep,
  saveScopeStep,
  simulate,
} from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, mappingStep, scopeStep } from './support/fixtures.ts';
import { type Service, startService } from './support/service.ts';

const SPB = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const EXCHANGE = '9aaf7827-d63c-4b61-89c3-182f06f82e5c';
const SALES = '5a1e5000-0000-4000-8000-000000000001';

for (const dialect of DIALECTS) {
  describe(`groups and licences on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
      const directory = svc.graph.state.directory;
      directory.groups.set(SALES, { id: SALES, displayName: 'Sales', members: [] });
      directory.groups.set('0f0f0000-0000-4000-8000-000000000009', {
        id: '0f0f0000-0000-4000-8000-000000000009',
        displayName: 'Finance',
        members: [],
        groupTypes: ['Unified'],
      });
      // Two Business Premium licences free for three persons.
      directory.skus.set(SPB, {
        skuId: SPB,
        skuPartNumber: 'SPB',
        prepaidUnits: { enabled: 2 },
        consumedUnits: 0,
      });
    });
    after(async () => svc?.close());

    test('pick groups by name and licences with their service plans; rules validated by path; simulation shows grants and the shortfall', async () => {
      const { id } = await configuredConnection(svc, 2);
      const options = await svc.call(listEntitlementOptions, {
        as: 'viewer',
        params: { id },
        query: { q: 'Sa' },
      });
      assert.equal(options.status, 200, options.text);
      assert.deepEqual(options.body.groups, [
        { id: SALES, displayName: 'Sales', kind: 'security', licences: [] },
      ]);
      const spb = options.body.skus.find((s: { skuId: string }) => s.skuId === SPB);
      assert.equal(spb.name, 'Microsoft 365 Business Premium');
      assert.ok(
        spb.servicePlans.some(
          (p: { id: string; label: string }) => p.id === EXCHANGE && p.label === 'Exchange',
        ),
      );

      const bad = await svc.call(saveMappingStep, {
        as: 'operator',
        params: { id },
        body: { ...mappingStep(), entitlements: [{ name: 'Nothing' }] },
      });
      assert.equal(bad.status, 400, bad.text);
      assert.deepEqual(bad.body.error.details, [
        { path: '/entitlements/0', message: 'a rule must grant at least one group or licence' },
      ]);

      const rules = [
        {
          name: 'Everyone',
          licences: [
            { skuId: SPB, skuPartNumber: 'SPB', disabledPlans: [EXCHANGE], disabledPlanNames: ['Exchange'] },
          ],
          removeAfterDays: 30,
        },
        {
          name: 'ICT',
          condition: [
            { clauses: [{ attribute: 'Organisatorische_eenheid_code', operator: 'EQUALS', value: 'ICT' }] },
          ],
          groups: [{ id: SALES, displayName: 'Sales' }],
        },
      ];
      const saved = await svc.call(saveMappingStep, {
        as: 'operator',
        params: { id },
        body: { ...mappingStep(), entitlements: rules },
      });
      assert.equal(saved.status, 200, saved.text);
      const configuration = await svc.call(getConfiguration, { as: 'viewer', params: { id } });
      assert.equal(configuration.body.mapping.settings.entitlements[1].grantAt, 'enable');
      assert.equal(
        (await svc.call(saveScopeStep, { as: 'operator', params: { id }, body: scopeStep() })).status,
        200,
      );

      const queued = await svc.call(simulate, { as: 'operator', params: { id } });
      assert.equal(queued.status, 202, queued.text);
      await svc.drain();
      const run = await svc.call(getRun, { as: 'viewer', params: { id: queued.body.id } });
      assert.equal(run.body.status, 'succeeded', run.text);
      assert.deepEqual(run.body.counts.licencePools, [
        {
          skuId: SPB,
          name: 'Microsoft 365 Business Premium',
          enabled: 2,
          consumed: 0,
          freed: 0,
          wanted: 3,
          short: 1,
        },
      ]);
      const items = await svc.call(listRunItems, { as: 'viewer', params: { id: queued.body.id }, query: {} });
      assert.equal(items.status, 200, items.text);
      const eva = items.body.items.find((i: { employeeNumber: string }) => i.employeeNumber === '1002');
      assert.ok(
        eva.changes.some(
          (c: { attribute: string; new: unknown }) => c.attribute === 'group' && c.new === 'Sales',
        ),
        JSON.stringify(eva.changes),
      );
      const short = items.body.items.filter((i: { status: string }) => i.status === 'warning');
      assert.equal(short.length, 1);
      assert.equal(
        svc.graph.state.directory.groups.get(SALES)?.members.length,
        0,
        'a simulation writes nothing',
      );
    });
  });
}
