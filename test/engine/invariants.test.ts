/** DESIGN.md §4 invariants 1–5, proven against the emulators with fault injection. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Link } from '../../src/core/index.ts';
import { MemoryEngineStore } from '../../src/engine/index.ts';
import { company, type PersonSpec, tenant } from './company.ts';
import { startStack } from './stack.ts';

const people = (count: number, from = 2000): PersonSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    n: String(from + i),
    given: ['Jan', 'Anna', 'Piet', 'Sanne', 'Kees', 'Fleur'][i % 6] as string,
    family: `Visser${i}`,
    jobs: [{ start: '2020-01-01' }],
  }));

describe('invariant 1: a simulation writes nothing outside hrsync', () => {
  test('no Graph write and no AFAS update, even with creates, disables and write-back planned', async () => {
    const stack = await startStack(
      company(people(6)),
      tenant([
        {
          id: 'old-1',
          userPrincipalName: 'gone@contoso.nl',
          displayName: 'Gone',
          mailNickname: 'gone',
          accountEnabled: true,
          employeeId: '9999',
        },
      ]),
      {
        configure: (c) => ({
          ...c,
          writeBack: { email: true, upn: true },
          thresholds: { ...c.thresholds, maxDisableDeletePercent: null },
        }),
      },
    );
    try {
      await stack.store.putLink({
        employeeNumber: '9999',
        accountId: 'old-1',
        applied: {},
        linkedAt: 'x',
        updatedAt: 'x',
      });
      const outcome = await stack.run('simulation');
      assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error ?? outcome.blockedReason));
      assert.equal(outcome.actionCounts.create, 6);
      assert.equal(outcome.actionCounts.disable, 1);
      assert.equal(stack.graphWrites(), 0);
      assert.equal(stack.afas.state.updates.list().length, 0);
      assert.equal((await stack.store.links()).length, 1, 'no link stored by a simulation');
    } finally {
      await stack.close();
    }
  });
});

describe('invariant 2: a failed, partial or implausibly small read never disables anyone', () => {
  const linked = async (stack: Awaited<ReturnType<typeof startStack>>) => {
    const first = await stack.run('sync');
    assert.equal(first.status, 'succeeded');
    assert.equal(first.actionCounts.create, 10);
    return stack.graphWrites();
  };

  test('a 500 on page 3 of the employments aborts before planning', async () => {
    const stack = await startStack(company(people(10)), tenant(), {
      configure: (c) => ({ ...c, source: { ...c.source, pageSize: 2 } }),
    });
    try {
      const writes = await linked(stack);
      stack.afas.state.faults.add({ kind: 'error', connector: 'T4E_HelloID_Employments_v2', page: 3 });
      const outcome = await stack.run('sync');
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.error?.code, 'HRS_SOURCE_READ_FAILED');
      assert.equal(outcome.items.length, 0, 'nothing planned');
      assert.equal(outcome.sourceCount, null, 'nobody counted: AFAS was not read whole (not "0 persons")');
      assert.equal(stack.graphWrites(), writes);
    } finally {
      await stack.close();
    }
  });

  test('a truncated page aborts the run', async () => {
    const stack = await startStack(company(people(10)), tenant(), {
      configure: (c) => ({ ...c, source: { ...c.source, pageSize: 4 } }),
    });
    try {
      const writes = await linked(stack);
      stack.afas.state.faults.add({
        kind: 'truncate',
        connector: 'T4E_HelloID_Users_v2',
        page: 1,
        dropLast: 1,
      });
      const outcome = await stack.run('sync');
      assert.notEqual(outcome.status, 'succeeded', 'a short first page must not pass as the whole company');
      assert.equal(stack.graphWrites(), writes);
      assert.equal(stack.users().filter((u) => u.accountEnabled).length, 10);
    } finally {
      await stack.close();
    }
  });

  test('a source that shrank to a few persons is blocked; an empty one too', async () => {
    const stack = await startStack(company(people(10)), tenant());
    try {
      const writes = await linked(stack);
      await stack.setAfas(company(people(3)));
      const shrunk = await stack.run('sync');
      assert.equal(shrunk.status, 'blocked');
      assert.match(shrunk.blockedReason ?? '', /shrank from 10 to 3/);
      await stack.setAfas(company([]));
      const empty = await stack.run('sync');
      assert.equal(empty.status, 'blocked');
      assert.equal(stack.graphWrites(), writes);
    } finally {
      await stack.close();
    }
  });
});

describe('invariant 4: a crash never produces a duplicate account', () => {
  test('crash between create and link: the next run re-matches instead of creating again', async () => {
    const stack = await startStack(company(people(4)), tenant());
    try {
      class CrashingStore extends MemoryEngineStore {
        crashes = 1;
        override async putLink(link: Link) {
          if (this.crashes-- > 0) throw new Error('simulated crash right after the create');
          return super.putLink(link);
        }
      }
      const store = new CrashingStore();
      stack.store = store;
      await assert.rejects(stack.run('sync'), /simulated crash/);
      assert.ok(stack.users().length >= 1, 'the create happened before the crash');
      const again = await stack.run('sync');
      assert.equal(again.status, 'succeeded');
      const ids = stack.users().map((u) => u.employeeId);
      assert.equal(ids.length, 4);
      assert.equal(new Set(ids).size, 4, `duplicates: ${ids.join(',')}`);
      assert.equal((await store.links()).length, 4);
    } finally {
      await stack.close();
    }
  });

  test('a create whose response was lost is re-matched, not repeated', async () => {
    const stack = await startStack(company(people(3)), tenant());
    try {
      stack.graph.state.faults.apply({ connectionReset: { count: 1, scope: 'create-user' } });
      const outcome = await stack.run('sync');
      assert.equal(outcome.status, 'succeeded');
      assert.equal(outcome.statusCounts.failed, 0, JSON.stringify(outcome.items.map((i) => i.error)));
      const ids = stack.users().map((u) => u.employeeId);
      assert.equal(ids.length, 3);
      assert.equal(new Set(ids).size, 3);
    } finally {
      await stack.close();
    }
  });
});

describe('one account is never linked to two persons', () => {
  test('a create answered with an account linked to someone else, before or earlier in the run: that person fails, nothing is linked, the run goes on', async () => {
    const stack = await startStack(company(people(3)), tenant());
    try {
      const first = await stack.run('sync');
      assert.equal(first.statusCounts.failed, 0);
      const accountOf = async (n: string) =>
        (await stack.store.links()).find((l) => l.employeeNumber === n)?.accountId;
      const annasAccount = await accountOf('2000');
      assert.ok(annasAccount);
      // A target that answers wrongly (as a faulty agent could): 2003's create with the account of
      // 2000 (linked by the first run), 2005's with the account just made for 2004 (linked in this run).
      const honest = stack.target;
      stack.target = {
        ...honest,
        async apply(writes, options) {
          const outcomes = await honest.apply(writes, options);
          const at = (n: string) => writes.findIndex((w) => w.kind === 'create' && w.employeeNumber === n);
          const made = outcomes[at('2004')];
          return outcomes.map((o, i) =>
            i === at('2003') && o.ok
              ? { ...o, accountId: annasAccount }
              : i === at('2005') && o.ok && made?.ok
                ? { ...o, accountId: made.accountId }
                : o,
          );
        },
      };
      await stack.setAfas(company(people(6)));
      const outcome = await stack.run('sync');
      assert.equal(outcome.status, 'succeeded', outcome.error?.message);
      const item = (n: string) => outcome.items.find((i) => i.employeeNumber === n);
      const bramsAccount = await accountOf('2004');
      assert.ok(bramsAccount, '2004 was created and linked: the run went on');
      assert.equal(item('2004')?.status, 'success');
      for (const [n, account, owner] of [
        ['2003', annasAccount, '2000'],
        ['2005', bramsAccount, '2004'],
      ] as const) {
        assert.equal(item(n)?.status, 'failed', n);
        assert.equal(item(n)?.accountId, null, n);
        assert.equal(item(n)?.error?.code, 'HRS_ACCOUNT_LINKED_ELSEWHERE', n);
        assert.match(
          item(n)?.error?.message ?? '',
          new RegExp(`employee ${n} with account ${account}, which is already linked to employee ${owner}`),
        );
        assert.equal(await accountOf(n), undefined, `no link for ${n}`);
      }
      assert.equal(await accountOf('2000'), annasAccount, "2000's link is untouched");
      const links = await stack.store.links();
      assert.equal(new Set(links.map((l) => l.accountId)).size, links.length, 'no account linked twice');
      assert.equal(links.length, 4);
    } finally {
      await stack.close();
    }
  });
});

describe('one account, two persons of the run: the strongest match gets it, in simulation and sync alike', () => {
  test('2000 comes first and matches on mail, 2001 on its employee id: 2001 gets the account, 2000 is a conflict; the re-sync writes nothing', async () => {
    const namesakes: PersonSpec[] = [
      { n: '2000', given: 'Anna', family: 'Visser', jobs: [{ start: '2020-01-01' }] },
      { n: '2001', given: 'Anna', family: 'Visser', jobs: [{ start: '2020-01-01' }] },
    ];
    const stack = await startStack(
      company(namesakes),
      tenant([
        {
          id: 'x1',
          userPrincipalName: 'anna.visser@contoso.nl',
          mail: 'anna.visser@contoso.nl',
          displayName: 'Anna Visser',
          mailNickname: 'anna.visser',
          accountEnabled: true,
          employeeId: '2001',
        },
      ]),
      { configure: (c) => ({ ...c, matching: ['employeeId', 'mail'] }) },
    );
    try {
      const shown = (o: Awaited<ReturnType<typeof stack.run>>) =>
        o.items
          .map((i) => ({ n: i.employeeNumber, action: i.action, status: i.status, accountId: i.accountId }))
          .sort((a, b) => a.n.localeCompare(b.n));
      const simulation = await stack.run('simulation');
      assert.equal(simulation.status, 'succeeded', JSON.stringify(simulation.error));
      const loser = simulation.items.find((i) => i.employeeNumber === '2000');
      assert.equal(loser?.action, 'conflict', JSON.stringify(loser?.steps));
      assert.match(loser?.error?.message ?? '', /account x1 .*employee 2001 .*employeeId/);
      assert.equal(simulation.items.find((i) => i.employeeNumber === '2001')?.accountId, 'x1');

      const synced = await stack.run('sync');
      assert.equal(synced.status, 'succeeded', JSON.stringify(synced.error));
      assert.deepEqual(shown(synced), shown(simulation), 'the sync does what the simulation showed');
      const links = await stack.store.links();
      assert.deepEqual(
        links.map((l) => [l.employeeNumber, l.accountId]),
        [['2001', 'x1']],
      );
      assert.equal(stack.users().length, 1, 'no account made for the conflict');

      const writes = stack.graphWrites();
      const again = await stack.run('sync');
      assert.equal(again.status, 'succeeded');
      assert.equal(stack.graphWrites(), writes, 'the re-sync writes nothing');
      const still = again.items.find((i) => i.employeeNumber === '2000');
      assert.equal(still?.action, 'conflict');
      assert.match(still?.error?.message ?? '', /account x1 .*linked to employee 2001/);
    } finally {
      await stack.close();
    }
  });
});

describe('invariant 5: ambiguous matches and threshold breaches stop the work and say why', () => {
  test('two accounts with one employee id: a conflict item, no write for that person', async () => {
    const dupes = [
      {
        id: 'd1',
        userPrincipalName: 'a1@contoso.nl',
        displayName: 'A',
        mailNickname: 'a1',
        accountEnabled: true,
        employeeId: '2000',
      },
      {
        id: 'd2',
        userPrincipalName: 'a2@contoso.nl',
        displayName: 'A',
        mailNickname: 'a2',
        accountEnabled: true,
        employeeId: '2000',
      },
    ];
    const stack = await startStack(company(people(2)), tenant(dupes));
    try {
      const outcome = await stack.run('sync');
      const item = outcome.items.find((i) => i.employeeNumber === '2000');
      assert.equal(item?.action, 'conflict');
      assert.equal(item?.error?.code, 'HRS_MATCH_AMBIGUOUS');
      assert.match(item?.error?.message ?? '', /2 accounts have employeeId = "2000"/);
      assert.equal(stack.users().filter((u) => u.employeeId === '2000').length, 2);
      assert.equal(outcome.actionCounts.create, 1);
    } finally {
      await stack.close();
    }
  });

  test('over the disable threshold: blocked, nothing applied; approved: applied', async () => {
    const stack = await startStack(company(people(10)), tenant(), {
      configure: (c) => ({
        ...c,
        thresholds: { maxDisableDeleteCount: 2, maxDisableDeletePercent: null, maxSourceShrinkPercent: null },
      }),
    });
    try {
      assert.equal((await stack.run('sync')).status, 'succeeded');
      const leavers = people(10).map((p, i) =>
        i < 4 ? { ...p, jobs: [{ start: '2020-01-01', end: '2026-11-01' }] } : p,
      );
      await stack.setAfas(company(leavers));
      const writes = stack.graphWrites();
      const blocked = await stack.run('sync');
      assert.equal(blocked.status, 'blocked');
      assert.match(blocked.blockedReason ?? '', /4 disables \+ deletes, over the limit of 2/);
      assert.equal(blocked.statusCounts.blocked, 4);
      assert.equal(stack.graphWrites(), writes);
      const approved = await stack.run('sync', { approved: true });
      assert.equal(approved.status, 'succeeded');
      assert.equal(stack.users().filter((u) => !u.accountEnabled).length, 4);
    } finally {
      await stack.close();
    }
  });
});

describe('throttling', () => {
  test('a 429 storm is survived: every account is created', async () => {
    // The tenant's budget is a thirtieth of the documented quota (another client of the app takes the
    // rest): the writer's first burst runs into it, and its pace falls until it fits (batch-pacer.ts,
    // down to 1/64 of the quota). A window of 1.5 s: the burst exceeds the budget even on a loaded machine.
    const stack = await startStack(company(people(150)), tenant(), {
      throttling: { writeQuota: 100, writeWindowSeconds: 150 },
      timeScale: 0.01,
    });
    try {
      const outcome = await stack.run('sync');
      assert.equal(outcome.status, 'succeeded');
      assert.equal(outcome.actionCounts.create, 150);
      assert.equal(outcome.statusCounts.failed, 0, JSON.stringify(outcome.items.find((i) => i.error)?.error));
      assert.equal(stack.users().length, 150);
      assert.ok(stack.graph.state.requests.counts().throttled > 0, 'the quota was hit: 429s were answered');
    } finally {
      await stack.close();
    }
  });
});
