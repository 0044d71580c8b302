/**
 * Overrides and quarantine through the API, on SQLite and PostgreSQL (issue 11, items 5 and 2): a
 * conflict (two accounts share an employee id) is read from the run, its candidates looked up and
 * resolved by a link override; the next simulation shows it. A person Graph refuses at write time (an
 * administrator, whose mobile number an app may not change) is quarantined by the sync, listed, shown as quarantined by the next
 * simulation and sync, and released by an operator. Viewers read, operators change, all audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { UserEntity } from '../../emulators/graph/directory/entities.ts';
import {
  activateConnection,
  addOverride,
  getMatchCandidates,
  listAuditEvents,
  listOverrides,
  listQuarantine,
  listRunItems,
  releaseQuarantine,
  removeOverride,
  simulate,
  sync,
  updateUser,
} from '../../src/contracts/index.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor } from './support/fixtures.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService } from './support/service.ts';

const OLD = 'a0000000-0000-4000-8000-000000000001';
const ADMIN_COPY = 'a0000000-0000-4000-8000-000000000002';
const SYNCED = 'a0000000-0000-4000-8000-000000000003';

function account(id: string, upn: string, fields: Partial<UserEntity>): UserEntity {
  return {
    id,
    userPrincipalName: upn,
    displayName: upn.split('@')[0],
    mailNickname: upn.split('@')[0]?.replace(/[^a-z0-9.]/gi, ''),
    accountEnabled: true,
    businessPhones: [],
    assignedLicenses: [],
    proxyAddresses: [],
    userType: 'Member',
    ...fields,
  } as unknown as UserEntity;
}

for (const dialect of DIALECTS) {
  describe(`overrides and quarantine on ${dialect}`, () => {
    let svc: Service;
    let id: string;
    before(async () => {
      svc = await startService(dialect);
      const dir = svc.graph.state.directory;
      // Jan Jansen (1001) has two accounts with his employee id: a conflict.
      dir.addUser(
        account(OLD, 'jjansen.oud@contoso.nl', {
          employeeId: '1001',
          accountEnabled: false,
          createdDateTime: '2019-05-01T08:00:00Z',
        } as Partial<UserEntity>),
      );
      dir.addUser(
        account(ADMIN_COPY, 'adm.jansen@contoso.nl', {
          employeeId: '1001',
          createdDateTime: '2023-02-01T08:00:00Z',
        } as Partial<UserEntity>),
      );
      // Eva (1002) is a User Administrator with an out-of-date mobile number: Graph refuses an app's
      // change of an administrator's phone numbers (403), which no simulation can know.
      dir.addUser(
        account(SYNCED, 'eva@contoso.nl', {
          employeeId: '1002',
          jobTitle: 'Stagiair',
          mobilePhone: '06-19990000',
        } as Partial<UserEntity>),
      );
      dir.setRoleMember(
        { roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', displayName: 'User Administrator' },
        SYNCED,
        true,
      );
      const { tenantId } = await createTenantFor(svc);
      id = (await configuredConnection(svc, 4, tenantId)).id;
    });
    after(async () => svc?.close());

    const simulateNow = async () => {
      const queued = await svc.call(simulate, { as: 'operator', params: { id } });
      assert.equal(queued.status, 202, queued.text);
      await svc.drain();
      return queued.body.id as string;
    };
    const itemOf = async (runId: string, n: string) => {
      const page = await svc.call(listRunItems, { as: 'viewer', params: { id: runId }, query: { q: n } });
      return page.body.items.find((i: { employeeNumber: string }) => i.employeeNumber === n);
    };

    test('a conflict is resolved by a link override, listed, audited, and shown by the next simulation', async () => {
      const first = await simulateNow();
      const conflict = await itemOf(first, '1001');
      assert.equal(conflict.action, 'conflict');
      assert.deepEqual([...conflict.error.accounts].sort(), [OLD, ADMIN_COPY].sort());

      const candidates = await svc.call(getMatchCandidates, {
        as: 'viewer',
        params: { id },
        query: { ids: `${OLD},${ADMIN_COPY},b0000000-0000-4000-8000-00000000000f` },
      });
      assert.equal(candidates.status, 200, candidates.text);
      const old = candidates.body.accounts.find((a: { id: string }) => a.id === OLD);
      assert.deepEqual(
        { upn: old.upn, enabled: old.enabled, employeeId: old.employeeId, createdAt: old.createdAt },
        {
          upn: 'jjansen.oud@contoso.nl',
          enabled: false,
          employeeId: '1001',
          createdAt: '2019-05-01T08:00:00Z',
        },
      );
      assert.deepEqual(candidates.body.missing, ['b0000000-0000-4000-8000-00000000000f']);
      const badIds = await svc.call(getMatchCandidates, { params: { id }, query: { ids: 'a b' } });
      assert.equal(badIds.status, 400);

      const body = { kind: 'link', employeeNumber: '1001', accountId: ADMIN_COPY, reason: 'his own account' };
      const viewer = await svc.call(addOverride, { as: 'viewer', params: { id }, body });
      assert.equal(viewer.status, 403);
      const stranger = await svc.call(addOverride, { as: 'otherAdmin', params: { id }, body });
      assert.equal(stranger.status, 404);
      const unknown = await svc.call(addOverride, {
        as: 'operator',
        params: { id },
        body: { ...body, accountId: 'b0000000-0000-4000-8000-00000000000f' },
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.details[0].path, '/accountId');
      const noAccount = await svc.call(addOverride, {
        as: 'operator',
        params: { id },
        body: { kind: 'never-match', employeeNumber: '1001' },
      });
      assert.equal(noAccount.status, 400);
      const excludeWithAccount = await svc.call(addOverride, {
        as: 'operator',
        params: { id },
        body: { kind: 'exclude', employeeNumber: '1001', accountId: OLD },
      });
      assert.equal(excludeWithAccount.status, 400);
      const badKind = await svc.call(addOverride, {
        as: 'operator',
        params: { id },
        body: { ...body, kind: 'merge' },
      });
      assert.equal(badKind.status, 400);

      // The operator has a name: overrides show it, with the e-mail address as the raw actor.
      const named = await svc.call(updateUser, {
        params: { id: svc.users.operator.id },
        body: { name: 'Otto Operator' },
      });
      assert.equal(named.status, 200, named.text);
      const added = await svc.call(addOverride, { as: 'operator', params: { id }, body });
      assert.equal(added.status, 201, added.text);
      assert.equal(added.body.override.account.upn, 'adm.jansen@contoso.nl');
      assert.deepEqual(
        { name: added.body.override.createdByName, raw: added.body.override.createdBy },
        { name: 'Otto Operator', raw: svc.users.operator.email },
      );
      const twice = await svc.call(addOverride, { as: 'operator', params: { id }, body });
      assert.equal(twice.status, 409);
      assert.match(twice.body.error.message, /added by Otto Operator\)/);

      const listed = await svc.call(listOverrides, { as: 'viewer', params: { id } });
      assert.equal(listed.status, 200);
      assert.deepEqual(
        listed.body.overrides.map(
          (o: { kind: string; employeeNumber: string; personName: string; createdByName: string }) => [
            o.kind,
            o.employeeNumber,
            o.personName,
            o.createdByName,
          ],
        ),
        [['link', '1001', 'Jan Jansen', 'Otto Operator']],
      );

      const second = await simulateNow();
      const resolved = await itemOf(second, '1001');
      assert.notEqual(resolved.action, 'conflict');
      assert.equal(resolved.accountId, ADMIN_COPY);
      // Stored as a reason (code and parameters); the words say it, the engine's text is not kept.
      assert.ok(resolved.steps.some((s: { text: string }) => s.text.includes('by an override')));

      // Replacing it by "never match" the other candidate leaves the same account as the only match.
      const never = await svc.call(addOverride, {
        as: 'operator',
        params: { id },
        body: { kind: 'never-match', employeeNumber: '1001', accountId: OLD },
      });
      assert.equal(never.status, 201);
      const removed = await svc.call(removeOverride, {
        as: 'operator',
        params: { id, overrideId: added.body.override.id },
      });
      assert.equal(removed.status, 200, removed.text);
      const gone = await svc.call(removeOverride, {
        as: 'operator',
        params: { id, overrideId: added.body.override.id },
      });
      assert.equal(gone.status, 404);
      const third = await simulateNow();
      assert.equal((await itemOf(third, '1001')).accountId, ADMIN_COPY);

      const audit = await svc.call(listAuditEvents, {
        query: { connectionId: id, action: 'connection.', pageSize: 200 },
      });
      const overrides = audit.body.items.filter((e: { action: string }) =>
        e.action.startsWith('connection.override'),
      );
      const actions = overrides
        .filter((e: { outcome: string }) => e.outcome === 'success')
        .map((e: { action: string; person: string }) => `${e.action} ${e.person}`);
      assert.deepEqual(actions.sort(), [
        'connection.override-added 1001',
        'connection.override-added 1001',
        'connection.override-removed 1001',
      ]);
      assert.ok(
        overrides.some((e: { outcome: string }) => e.outcome === 'refused'),
        'the viewer’s refused attempt is audited',
      );
    });

    test('a refused person is quarantined, listed, shown by the next runs, and released by an operator', async () => {
      const simulated = await simulateNow();
      assert.equal((await itemOf(simulated, '1002')).action, 'update');
      const activated = await svc.call(activateConnection, { as: 'operator', params: { id } });
      assert.equal(activated.status, 200, activated.text);

      const queued = await svc.call(sync, { as: 'operator', params: { id } });
      assert.equal(queued.status, 202, queued.text);
      await svc.drain();
      const refused = await itemOf(queued.body.id, '1002');
      assert.equal(refused.status, 'failed');
      assert.match(refused.error.message, /privileged administrator role/);

      const listed = await svc.call(listQuarantine, { as: 'viewer', params: { id } });
      assert.equal(listed.status, 200);
      assert.equal(listed.body.persons.length, 1);
      const [eva] = listed.body.persons;
      assert.equal(eva.employeeNumber, '1002');
      assert.equal(eva.account.upn, 'eva@contoso.nl');
      assert.match(eva.message, /privileged administrator role/);

      const next = await simulateNow();
      const quarantined = await itemOf(next, '1002');
      assert.equal(quarantined.error.code, 'HRS_QUARANTINED');
      assert.match(
        quarantined.error.message,
        /^quarantined since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z, because /,
      );
      // The words name the zone and say what Microsoft 365 refused, never Graph's code.
      assert.match(
        quarantined.reason,
        /^Quarantined since \d{1,2} [A-Z][a-z]{2,3} \d{4}, \d\d:\d\d (CET|CEST)\. Microsoft 365 refused to update the account: it holds a privileged administrator role/,
      );
      assert.doesNotMatch(quarantined.reason, /Authorization_RequestDenied|403|UTC/);
      const again = await svc.call(sync, { as: 'operator', params: { id } });
      await svc.drain();
      assert.equal((await itemOf(again.body.id, '1002')).error.code, 'HRS_QUARANTINED');
      assert.equal(svc.graph.state.directory.findUser(SYNCED)?.jobTitle, 'Stagiair');

      const viewer = await svc.call(releaseQuarantine, {
        as: 'viewer',
        params: { id },
        body: { employeeNumber: '1002' },
      });
      assert.equal(viewer.status, 403);
      const notThere = await svc.call(releaseQuarantine, {
        as: 'operator',
        params: { id },
        body: { employeeNumber: '1000' },
      });
      assert.equal(notThere.status, 404);
      const released = await svc.call(releaseQuarantine, {
        as: 'operator',
        params: { id },
        body: { employeeNumber: '1002' },
      });
      assert.equal(released.status, 200, released.text);
      assert.equal(released.body.released[0].employeeNumber, '1002');
      assert.deepEqual((await svc.call(listQuarantine, { params: { id } })).body.persons, []);
      const afterRelease = await simulateNow();
      assert.equal((await itemOf(afterRelease, '1002')).status, 'success');
      const audit = await svc.call(listAuditEvents, { query: { action: 'connection.quarantine-released' } });
      assert.ok(
        audit.body.items.some(
          (e: { person: string; outcome: string }) => e.person === '1002' && e.outcome === 'success',
        ),
      );
      await assertNoSecretsLeaked(svc);
    });
  });
}
