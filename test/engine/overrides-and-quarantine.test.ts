/**
 * Overrides and quarantine keep simulation = sync (issue 11, items 5 and 2): the demo company's
 * conflicts are resolved by overrides (link to one candidate, never match another) and a person is
 * excluded; the simulation shows each effect and the sync does exactly that. A person whose update
 * Graph refuses for a reason retrying cannot fix and only Graph knows at write time (their account
 * holds an administrator role, so an app may not change its mobile number) is quarantined: the next simulation and sync show them as quarantined and send nothing, until their
 * AFAS data changes or an operator runs them again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateCompany } from '../../emulators/demo-data/index.ts';
import type { AfasDataset, AfasRow, TenantDataset } from '../../emulators/demo-data/types.ts';
import { createTestPki } from '../../emulators/shared/tls.ts';
import type { MatchOverride, RunItem } from '../../src/core/index.ts';
import { executeRun, type MemoryEngineStore } from '../../src/engine/index.ts';
import { createAfasSource } from '../../src/sources/afas/index.ts';
import { createGraphTarget } from '../../src/targets/graph/index.ts';
import { startCountingTlsServer } from '../support/tls-server.ts';
import { type Stack, startStack, TODAY } from './stack.ts';

const summary = (items: readonly RunItem[]) =>
  new Map(
    items.map((i) => [
      i.employeeNumber,
      `${i.action}/${i.status}/${i.accountId ?? '-'}${i.error ? ` ${i.error.code}` : ''}`,
    ]),
  );

const override = (o: Omit<MatchOverride, 'id' | 'createdAt' | 'createdBy'>, i: number): MatchOverride => ({
  ...o,
  id: `o${i}`,
  createdAt: TODAY,
  createdBy: 'operator@test',
});

/** Two more persons get a forgotten second account with their employeeId: two more conflicts. */
function withOldAccounts(tenant: TenantDataset, afas: AfasDataset): TenantDataset {
  const numbers = new Set(
    afas.connectors.find((c) => c.id === 'T4E_HelloID_Users_v2')?.rows.map((r) => String(r.Medewerker)),
  );
  const seen = new Map<string, number>();
  for (const u of tenant.users) if (u.employeeId) seen.set(u.employeeId, (seen.get(u.employeeId) ?? 0) + 1);
  const chosen = tenant.users
    .filter(
      (u) => u.employeeId && numbers.has(u.employeeId) && seen.get(u.employeeId) === 1 && u.accountEnabled,
    )
    .slice(3, 5);
  const copies = chosen.map((u, i) => ({
    ...u,
    id: `0ld0000${i}-0000-4000-8000-00000000000${i}`.replace('0ld', '0ad'),
    userPrincipalName: `old.${u.userPrincipalName}`,
    mailNickname: `${u.mailNickname}.old`,
    mail: null,
    proxyAddresses: [],
    accountEnabled: false,
    managerId: null,
    assignedLicenses: [],
  }));
  return { ...tenant, users: [...tenant.users, ...copies] };
}

function withJobTitle(afas: AfasDataset, employeeNumber: string, title: string): AfasDataset {
  return {
    ...afas,
    connectors: afas.connectors.map((c) =>
      c.id === 'T4E_HelloID_Employments_v2'
        ? {
            ...c,
            rows: c.rows.map((r: AfasRow) =>
              r.Medewerker === employeeNumber ? { ...r, Functie_omschrijving: title } : r,
            ),
          }
        : c,
    ),
  };
}

describe('overrides and quarantine: the simulation predicts the sync', () => {
  let stack: Stack;
  let store: MemoryEngineStore;
  let afas: AfasDataset;
  before(async () => {
    const demo = generateCompany({ persons: 150, seed: 2026, today: TODAY.slice(0, 10) });
    afas = demo.afas;
    stack = await startStack(afas, withOldAccounts(demo.tenant, afas), {
      configure: (c) => ({
        ...c,
        thresholds: {
          maxDisableDeleteCount: null,
          maxDisableDeletePercent: null,
          maxSourceShrinkPercent: null,
        },
      }),
    });
    store = stack.store as MemoryEngineStore;
  });
  after(() => stack.close());

  test('link, never-match and exclude: simulated, then synced exactly so', async () => {
    const first = await stack.run('simulation');
    const conflicts = first.items.filter(
      (i) => i.action === 'conflict' && (i.error?.accounts?.length ?? 0) > 1,
    );
    assert.ok(conflicts.length >= 2, `the demo company has conflicts to resolve (${conflicts.length})`);
    const [toLink, toNarrow] = conflicts as [RunItem, RunItem];
    const linkTo = toLink.error?.accounts?.[1] as string;
    const [left, ...rest] = toNarrow.error?.accounts ?? [];
    const joiner = first.items.find((i) => i.action === 'create' && i.status === 'success') as RunItem;
    store.overrideList = [
      override(
        { kind: 'link', employeeNumber: toLink.employeeNumber, accountId: linkTo, reason: 'the real one' },
        1,
      ),
      // Leaving out all but one candidate makes the remaining one the match.
      ...rest
        .slice(0, -1)
        .concat(left as string)
        .map((accountId, i) =>
          override(
            { kind: 'never-match', employeeNumber: toNarrow.employeeNumber, accountId, reason: null },
            10 + i,
          ),
        ),
      override(
        { kind: 'exclude', employeeNumber: joiner.employeeNumber, accountId: null, reason: 'contractor' },
        2,
      ),
    ];
    const kept = rest.at(-1) as string;

    const simulation = await stack.run('simulation');
    const simulated = summary(simulation.items);
    assert.match(simulated.get(toLink.employeeNumber) ?? '', new RegExp(`/${linkTo}$|/${linkTo} `));
    assert.notEqual(
      simulation.items.find((i) => i.employeeNumber === toLink.employeeNumber)?.action,
      'conflict',
    );
    assert.ok(
      simulation.items
        .find((i) => i.employeeNumber === toLink.employeeNumber)
        ?.steps.some((s) => s.message.includes('by an override')),
    );
    assert.ok(
      (simulated.get(toNarrow.employeeNumber) ?? '').includes(`/${kept}`),
      simulated.get(toNarrow.employeeNumber),
    );
    assert.equal(simulated.get(joiner.employeeNumber), 'out-of-scope/skipped/-');

    const writesBefore = stack.graphWrites();
    const sync = await stack.run('sync');
    assert.equal(sync.status, 'succeeded');
    const synced = summary(sync.items);
    // A create's account id is only known after the sync; everything else must be identical.
    const differences = [...simulated]
      .filter(([n, s]) => {
        const got = synced.get(n) ?? '';
        return s.includes('/-') && s.startsWith('create/')
          ? got.split('/')[1] !== s.split('/')[1]
          : got !== s;
      })
      .map(([n, s]) => `${n}: simulated ${s}, synced ${synced.get(n)}`);
    assert.deepEqual(differences, []);
    assert.ok(stack.graphWrites() > writesBefore);
    const links = new Map((await store.links()).map((l) => [l.employeeNumber, l.accountId]));
    assert.equal(links.get(toLink.employeeNumber), linkTo);
    assert.equal(links.get(toNarrow.employeeNumber), kept);
    assert.equal(links.has(joiner.employeeNumber), false, 'the excluded joiner got no account');
    assert.equal(
      stack.users().filter((u) => u.employeeId === joiner.employeeNumber).length,
      0,
      'no account was created for the excluded person',
    );

    const again = await stack.run('sync');
    const settled = stack.graphWrites();
    assert.equal(summary(again.items).get(toLink.employeeNumber)?.split('/')[2], linkTo);
    const third = await stack.run('sync');
    assert.equal(stack.graphWrites(), settled, 'with the overrides in place a re-sync writes nothing');
    assert.equal(third.items.find((i) => i.employeeNumber === toLink.employeeNumber)?.action, 'no-change');
  });

  test('a refused person is quarantined: shown so by simulation and sync, sent again when HR data changes', async () => {
    // An administrator's account whose mobile number is out of date: Graph refuses an app's change of
    // it (403 Authorization_RequestDenied although the app may write users; not retryable).
    const linked = (await store.links()).find((l) => {
      const u = stack.graph.state.directory.findUser(l.accountId);
      return u !== undefined && u.accountEnabled === true;
    });
    assert.ok(linked);
    const n = linked.employeeNumber;
    const user = stack.graph.state.directory.findUser(linked.accountId);
    assert.ok(user);
    const role = {
      roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
      displayName: 'User Administrator',
    };
    stack.graph.state.directory.setRoleMember(role, user.id, true);
    stack.graph.state.directory.updateUser(user, { mobilePhone: '06-19990000' });
    afas = withJobTitle(afas, n, 'Hoofd Kwaliteit');
    await stack.setAfas(afas);

    const predicted = await stack.run('simulation');
    assert.equal(summary(predicted.items).get(n), `update/success/${linked.accountId}`);
    const refused = await stack.run('sync');
    const item = refused.items.find((i) => i.employeeNumber === n);
    assert.equal(item?.status, 'failed');
    assert.equal(item?.error?.code, 'HRS_TARGET_WRITE_FAILED');
    assert.equal(store.quarantined.get(n)?.since, TODAY);

    const later = '2026-11-25T09:00:00Z';
    const simulation = await stack.run('simulation', { now: later });
    const simulated = simulation.items.find((i) => i.employeeNumber === n);
    assert.equal(simulated?.error?.code, 'HRS_QUARANTINED');
    assert.match(
      simulated?.error?.message ?? '',
      /^quarantined since 2026-11-24T09:00:00(\.000)?Z, because update .*403 Authorization_RequestDenied.*privileged administrator role/,
    );
    const before = stack.graphWrites();
    const sync = await stack.run('sync', { now: later });
    assert.equal(stack.graphWrites(), before, 'the quarantined person was not sent again');
    assert.deepEqual(summary(sync.items).get(n), summary(simulation.items).get(n));
    assert.equal(store.quarantined.get(n)?.since, TODAY, 'still quarantined since the first refusal');

    // HR changes the person: the quarantine no longer holds; the simulation says why they are sent.
    afas = withJobTitle(afas, n, 'Hoofd Kwaliteit en Veiligheid');
    await stack.setAfas(afas);
    const changed = await stack.run('simulation', { now: later });
    const again = changed.items.find((i) => i.employeeNumber === n);
    assert.equal(again?.status, 'success');
    assert.ok(again?.steps.some((s) => s.message.includes('sent again because their AFAS data')));

    // Refused again, quarantined again; an operator's on-demand run sends them regardless.
    await stack.run('sync', { now: later });
    assert.equal(store.quarantined.get(n)?.since, later);
    stack.graph.state.directory.setRoleMember(role, user.id, false);
    const onDemand = await stack.run('on-demand', { now: later, employeeNumber: n });
    assert.equal(onDemand.items[0]?.status, 'success', JSON.stringify(onDemand.items[0]?.steps));
    assert.equal(store.quarantined.has(n), false, 'released after the operator ran them again');
    assert.equal(
      stack.graph.state.directory.findUser(linked.accountId)?.jobTitle,
      'Hoofd Kwaliteit en Veiligheid',
    );
  });

  test('a Graph that cannot be reached at its address fails the writes and quarantines nobody', async () => {
    // The tenant is read from Graph; its writes go to an address whose certificate no CA given
    // vouches for (a changed proxy, say): each fails at once with why, and since that is the
    // connection's problem and not the persons', nobody is quarantined for it.
    const untrusted = await startCountingTlsServer(createTestPki({ hosts: ['127.0.0.1'] }));
    const elsewhere = createGraphTarget(
      {
        ...(stack.config.target as Extract<typeof stack.config.target, { type: 'entra' }>),
        graphBaseUrl: untrusted.url,
      },
      {
        credential: { clientSecret: stack.graph.apps[0]?.clientSecret as string },
        ca: stack.graph.caCertPem as string,
      },
    );
    try {
      afas = withJobTitle(afas, (await store.links())[0]?.employeeNumber as string, 'Hoofd Inkoop');
      await stack.setAfas(afas);
      const quarantinedBefore = new Map(store.quarantined);
      const outcome = await executeRun({
        kind: 'sync',
        config: stack.config,
        source: createAfasSource(
          { ...stack.config.source, environment: { baseUrl: stack.afas.baseUrl } },
          { token: stack.afas.token.xml },
        ),
        target: {
          ...stack.target,
          capabilities: stack.target.capabilities,
          apply: (w, o) => elsewhere.apply(w, o),
        },
        store,
        clock: { now: () => TODAY },
      });
      const failed = outcome.items.filter(
        (i) => i.status === 'failed' && i.error?.code !== 'HRS_MATCH_AMBIGUOUS',
      );
      assert.ok(
        failed.length > 0,
        `some writes were sent: ${outcome.status} ${JSON.stringify(outcome.error)} ${JSON.stringify(outcome.statusCounts)} ${JSON.stringify(outcome.actionCounts)}`,
      );
      for (const item of failed) {
        assert.equal(item.error?.code, 'HRS_TARGET_UNREACHABLE', JSON.stringify(item.error));
        assert.match(
          item.error?.message ?? '',
          /not trusted; .*\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\. Not retried/,
        );
      }
      assert.deepEqual(new Map(store.quarantined), quarantinedBefore, 'nobody was quarantined');
    } finally {
      await elsewhere.close();
      await untrusted.close();
    }
  });
});
