/**
 * One organisation cannot take the analysis thread from the others. Previews and run comparisons
 * run one at a time in the service's analysis thread and four may wait; one operator clicking
 * "Preview impact" five times (or a script) filled all five places, and every other organisation's
 * preview answered HRS_BUSY until they were done. Now an organisation has at most two places (one
 * running, one waiting); a third answers 503 HRS_BUSY at once, saying so, with Retry-After.
 * Answers are kept for paging (16 in the process): one organisation's previews push out its own
 * oldest, never another organisation's while it holds more than they do.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createConnection,
  createCustomer,
  createTenant,
  getPreview,
  previewMappingStep,
  saveDestinationStep,
  saveSourceStep,
} from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import {
  configuredConnection,
  createTenantFor,
  mappingStep,
  sourceStep,
  unique,
} from '../service/support/fixtures.ts';
import { type Service, startService, type UserKey } from '../service/support/service.ts';

/** A connection of the other organisation through step 2, made by its admin. */
async function otherConnection(svc: Service): Promise<string> {
  const as: UserKey = 'otherAdmin';
  const customer = await svc.call(createCustomer, { as, body: { name: unique('Customer') } });
  assert.equal(customer.status, 201, customer.text);
  const app = svc.graph.apps[0]!;
  const tenant = await svc.call(createTenant, {
    as,
    body: {
      customerId: customer.body.id,
      name: unique('Tenant'),
      type: 'cloud',
      directoryId: svc.graph.tenantId,
      verifiedDomains: ['contoso.nl', 'contoso.onmicrosoft.com'],
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      authorityHost: svc.graph.url,
      graphBaseUrl: svc.graph.url,
      subscriptionActive: true,
    },
  });
  assert.equal(tenant.status, 201, tenant.text);
  const created = await svc.call(createConnection, {
    as,
    body: { name: unique('Connection'), description: 'other', destinationType: 'cloud' },
  });
  assert.equal(created.status, 201, created.text);
  const id = created.body.id as string;
  const source = await svc.call(saveSourceStep, { as, params: { id }, body: sourceStep(svc) });
  assert.equal(source.status, 200, source.text);
  const destination = await svc.call(saveDestinationStep, {
    as,
    params: { id },
    body: { tenantId: tenant.body.id, defaultDomain: 'contoso.nl' },
  });
  assert.equal(destination.status, 200, destination.text);
  return id;
}

for (const dialect of DIALECTS) {
  describe(`the analysis thread is shared fairly on ${dialect}`, () => {
    let svc: Service;
    let ours: string;
    let theirs: string;
    before(async () => {
      svc = await startService(dialect);
      ours = (await configuredConnection(svc, 2, (await createTenantFor(svc)).tenantId)).id;
      theirs = await otherConnection(svc);
    });
    after(async () => svc?.close());

    test('five previews at once from one organisation: two are worked on, three are refused; the other organisation is served', async () => {
      // Every AFAS read takes 3 s, so the first preview is still being worked on when the others arrive.
      svc.afas.state.faults.add({ kind: 'latency', ms: 3000 });
      try {
        const preview = (as: UserKey, id: string) =>
          svc.call(previewMappingStep, { as, params: { id }, body: mappingStep() });
        const [mine, other] = await Promise.all([
          Promise.all(
            (['operator', 'admin', 'operator', 'admin', 'operator'] as const).map((as) => preview(as, ours)),
          ),
          preview('otherAdmin', theirs),
        ]);
        assert.equal(other.status, 200, other.text);
        const statuses = mine.map((r) => r.status).sort();
        assert.deepEqual(
          statuses,
          [200, 200, 503, 503, 503],
          mine.map((r) => r.text.slice(0, 200)).join('\n'),
        );
        for (const refused of mine.filter((r) => r.status === 503)) {
          assert.equal(refused.body.error.code, 'HRS_BUSY');
          assert.equal(
            refused.body.error.message,
            'Your organisation already has 2 previews or run comparisons being worked on; try again when one has finished.',
          );
          assert.equal(refused.headers['retry-after'], '30');
        }
      } finally {
        svc.afas.state.faults.clear();
      }
      // Once they are done the organisation previews again.
      const again = await svc.call(previewMappingStep, {
        as: 'operator',
        params: { id: ours },
        body: mappingStep(),
      });
      assert.equal(again.status, 200, again.text);
    });

    test("sixteen previews of one organisation do not push out another organisation's kept preview", async () => {
      const kept = await svc.call(previewMappingStep, {
        as: 'otherAdmin',
        params: { id: theirs },
        body: mappingStep(),
      });
      assert.equal(kept.status, 200, kept.text);
      for (let i = 0; i < 16; i++) {
        const made = await svc.call(previewMappingStep, {
          as: 'operator',
          params: { id: ours },
          body: mappingStep(),
        });
        assert.equal(made.status, 200, made.text);
      }
      const read = await svc.call(getPreview, {
        as: 'otherAdmin',
        params: { id: theirs, previewId: kept.body.id },
      });
      assert.equal(read.status, 200, read.text);
      assert.equal(read.body.id, kept.body.id);
    });
  });
}
