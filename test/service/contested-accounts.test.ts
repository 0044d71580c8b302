/**
 * One account, two persons of a run, through the API on SQLite and PostgreSQL: a simulation's items
 * show the account going to the person who matched it on the earlier matching attribute, the other
 * as a conflict naming both in plain words, and a tie on one attribute as two conflicts, each naming
 * the other person — stored and read back with the reason's values.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { UserEntity } from '../../emulators/graph/directory/entities.ts';
import { listRunItems, saveMappingStep, saveScopeStep, simulate } from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor, mappingStep, scopeStep } from './support/fixtures.ts';
import { type Service, startService } from './support/service.ts';

const ANNA = 'c0000000-0000-4000-8000-000000000001';
const KEES = 'c0000000-0000-4000-8000-000000000002';

function account(id: string, name: string, fields: Partial<UserEntity>): UserEntity {
  return {
    id,
    userPrincipalName: `${name}@contoso.nl`,
    mail: `${name}@contoso.nl`,
    displayName: name,
    mailNickname: name,
    accountEnabled: true,
    businessPhones: [],
    assignedLicenses: [],
    proxyAddresses: [],
    userType: 'Member',
    ...fields,
  } as unknown as UserEntity;
}

const job = [{ start: '2020-01-01', title: 'Adviseur' }];

for (const dialect of DIALECTS) {
  describe(`an account two persons match, on ${dialect}`, () => {
    let svc: Service;
    let id: string;
    before(async () => {
      // AFAS sends them by number: 1000 and 1002 come first and match only on mail.
      svc = await startService(dialect, {
        people: [
          { n: '1000', given: 'Anna', family: 'Visser', jobs: job },
          { n: '1001', given: 'Anna', family: 'Visser', jobs: job },
          { n: '1002', given: 'Kees', family: 'Bakker', jobs: job },
          { n: '1003', given: 'Kees', family: 'Bakker', jobs: job },
        ],
      });
      const dir = svc.graph.state.directory;
      dir.addUser(account(ANNA, 'anna.visser', { employeeId: '1001' } as Partial<UserEntity>));
      dir.addUser(account(KEES, 'kees.bakker', {}));
      const { tenantId } = await createTenantFor(svc);
      id = (await configuredConnection(svc, 2, tenantId)).id;
      const mapping = await svc.call(saveMappingStep, {
        as: 'operator',
        params: { id },
        body: { ...mappingStep(), matching: ['employeeId', 'mail'] },
      });
      assert.equal(mapping.status, 200, mapping.text);
      const scope = await svc.call(saveScopeStep, { as: 'operator', params: { id }, body: scopeStep() });
      assert.equal(scope.status, 200, scope.text);
    });
    after(async () => svc?.close());

    test('the earlier matching attribute wins; a tie is two conflicts; the items say so in words', async () => {
      const queued = await svc.call(simulate, { as: 'operator', params: { id } });
      assert.equal(queued.status, 202, queued.text);
      await svc.drain();
      const page = await svc.call(listRunItems, { as: 'viewer', params: { id: queued.body.id } });
      assert.equal(page.status, 200, page.text);
      const item = (n: string) =>
        page.body.items.find((i: { employeeNumber: string }) => i.employeeNumber === n);
      const match = (n: string) => item(n).steps.find((s: { step: string }) => s.step === 'match');

      assert.equal(item('1001').accountId, ANNA);
      assert.notEqual(item('1001').action, 'conflict');
      const loser = item('1000');
      assert.equal(loser.action, 'conflict');
      assert.equal(loser.status, 'failed');
      assert.equal(loser.accountId, null);
      assert.deepEqual(loser.error.accounts, [ANNA]);
      assert.deepEqual(match('1000').reason, {
        code: 'conflict-linked-elsewhere',
        account: ANNA,
        attribute: 'mail',
        value: 'anna.visser@contoso.nl',
        owner: '1001',
        inRun: true,
        ownerAttribute: 'employeeId',
      });
      assert.equal(
        loser.reason,
        'The account anna.visser@contoso.nl (anna.visser) has email anna.visser@contoso.nl, but Anna Visser (1001) of this run matches it on employee ID, earlier in the matching order',
      );

      for (const [n, other] of [
        ['1002', '1003'],
        ['1003', '1002'],
      ] as const) {
        assert.equal(item(n).action, 'conflict', n);
        assert.equal(item(n).accountId, null, n);
        assert.deepEqual(item(n).error.accounts, [KEES], n);
        assert.equal(match(n).reason.owner, other, n);
        assert.equal(match(n).reason.tie, true, n);
        assert.equal(
          item(n).reason,
          `The account kees.bakker@contoso.nl (kees.bakker) has email kees.bakker@contoso.nl, which Kees Bakker (${other}) of this run matches too, on the same matching attribute: a tie, so neither is linked — link one of them with an override`,
        );
      }
    });
  });
}
