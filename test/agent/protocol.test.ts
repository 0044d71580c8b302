/**
 * The agent protocol end to end (issue 9, items 4 and 5), with the engine driving a remote target:
 * reads come in pages, writes carry operation ids, the service bounds its waits and names the silent
 * agent, several agents share a tenant, a killed agent's work goes to another with no duplicate, and
 * a connection dropped mid-operation loses no write and repeats none.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Target } from '../../src/engine/ports.ts';
import type { PersonSpec } from '../engine/company.ts';
import { type GraphWorld, startGraphWorld, until } from './support/graph-world.ts';
import { type AgentService, startAgentService } from './support/stack.ts';
import { startTcpProxy } from './support/tcp-proxy.ts';

const PEOPLE: readonly PersonSpec[] = Array.from({ length: 12 }, (_, i) => ({
  n: String(2000 + i),
  given: ['Anna', 'Bram', 'Cor', 'Daan', 'Eva', 'Fleur'][i % 6] as string,
  family: `Visser${i}`,
  jobs: [{ start: '2020-01-01', title: 'Adviseur', ...(i > 0 ? { manager: '2000' } : {}) }],
}));

function duplicates(world: GraphWorld): string[] {
  const seen = new Map<string, number>();
  for (const u of world.graph.state.directory.snapshot().users) {
    const id = String((u as unknown as Record<string, unknown>).employeeId ?? '');
    if (id) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

const employeeIds = (world: GraphWorld) =>
  world.graph.state.directory
    .snapshot()
    .users.map((u) => String((u as unknown as Record<string, unknown>).employeeId ?? ''))
    .filter(Boolean)
    .sort();

describe('agent protocol: a full sync through an agent', () => {
  let svc: AgentService;
  let world: GraphWorld;
  before(async () => {
    svc = await startAgentService('sqlite');
    world = await startGraphWorld(svc, PEOPLE);
  });
  after(async () => {
    await world?.close();
    await svc?.close();
  });

  test('with no agent the run fails cleanly, saying no agent is registered', async () => {
    const outcome = await world.run('simulation');
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.error?.code, 'HRS_AGENT_UNAVAILABLE');
    assert.match(outcome.error?.message ?? '', /No directory agent is registered/);
    // It says so at once: with no agent to take it, no operation is queued to wait out the claim time.
    assert.doesNotMatch(outcome.error?.message ?? '', /within \d+ s/);
  });

  test('simulate, sync and re-sync through one agent: every person created once, then zero writes', async () => {
    const agent = await world.startAgent('agent-a');
    const simulation = await world.run('simulation');
    assert.equal(simulation.status, 'succeeded', simulation.error?.message);
    assert.equal(world.graph.state.directory.snapshot().users.length, 0, 'a simulation writes nothing');
    const sync = await world.run('sync');
    assert.equal(sync.status, 'succeeded', sync.error?.message);
    assert.deepEqual(employeeIds(world), PEOPLE.map((p) => p.n).sort());
    const again = await world.run('sync');
    assert.equal(again.actionCounts.create + again.actionCounts.update, 0);
    await agent.stop();
    const listed = await svc.store.agents.find(agent.id);
    assert.ok(listed?.lastSeenAt, 'the agent was heard from');
    assert.ok(
      agent.logs.some((l) => l.includes('"kind":"read"') && l.includes('operation carried out')),
      'the agent logs what it carried out',
    );
    const ops = await svc.store.db.selectFrom('agent_operations').select('id').execute();
    assert.equal(ops.length, 0, 'answered operations leave the queue');
  });

  test('reads arrive in pages', async () => {
    const agent = await world.startAgent('agent-pages');
    const pagesSeen: number[] = [];
    const original = svc.store.agentOperations.pages.bind(svc.store.agentOperations);
    svc.store.agentOperations.pages = async (id) => {
      const pages = await original(id);
      pagesSeen.push(pages.length);
      return pages;
    };
    try {
      const read = await world.remote.readAccounts({
        attributes: ['employeeId', 'displayName'],
        cursor: null,
      });
      assert.equal(read.accounts.length, PEOPLE.length);
      assert.equal(pagesSeen.at(-1), 1);
    } finally {
      svc.store.agentOperations.pages = original;
      await agent.stop();
    }
  });

  test('a read says which container it covers through an agent as well (the planner checks placements against it)', async () => {
    const readWithin = {
      attribute: 'parentDistinguishedName',
      container: 'OU=Staff,DC=zuid,DC=local',
      fallback: 'OU=Staff,DC=zuid,DC=local',
    };
    // The Graph target covers every account; a local target that covers one container says so.
    const agent = await world.startAgent('agent-within', {
      wrap: (t) => ({ ...t, readAccounts: async (o) => ({ ...(await t.readAccounts(o)), readWithin }) }),
    });
    try {
      const read = await world.remote.readAccounts({ attributes: ['employeeId'], cursor: null });
      assert.deepEqual(read.readWithin, readWithin);
    } finally {
      await agent.stop();
    }
  });

  test('an agent that stopped is named when the run gives up waiting', async () => {
    const outcome = await world.run('simulation');
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.error?.message ?? '', /"agent-a" on agent-a\.zuid\.local \(last heard from /);
  });
});

describe('agent protocol: faults', () => {
  let svc: AgentService;
  before(async () => {
    svc = await startAgentService('sqlite');
  });
  after(async () => svc?.close());

  test('an agent killed mid-write: the other agent finishes, the creates are re-matched, no duplicate', async () => {
    const world = await startGraphWorld(svc, PEOPLE);
    try {
      const victim = await world.spawnAgent('victim', { AGENT_HOLD_AFTER_APPLY_MS: '60000' });
      await until(
        'the victim to connect',
        async () => (await svc.store.agents.find(victim.id))?.lastSeenAt != null,
      );
      // Only the victim is connected when the sync starts, so it takes the first write batch.
      const sync = world.run('sync');
      await until('the victim to hold a finished write batch', () =>
        victim.output.some((l) => l.includes('holding a finished write batch')),
      );
      const survivor = await world.startAgent('survivor');
      victim.child.kill('SIGKILL');
      const outcome = await sync;
      assert.equal(outcome.status, 'succeeded', outcome.error?.message);
      assert.deepEqual(duplicates(world), []);
      assert.deepEqual(employeeIds(world), PEOPLE.map((p) => p.n).sort());
      assert.equal((await world.engineStore.links()).length, PEOPLE.length);
      const again = await world.run('sync');
      assert.equal(again.actionCounts.create, 0, 'every account was linked');
      await survivor.stop();
    } finally {
      await world.close();
    }
  });

  test('an agent answering a create with an account already linked, before or in this run: that person fails naming both, no link, the run goes on', async () => {
    const people = PEOPLE.slice(0, 4).map((p) => ({
      ...p,
      jobs: [{ start: '2020-01-01', title: 'Adviseur' }],
    }));
    const world = await startGraphWorld(svc, people);
    try {
      // 2000 gets an account and a link through an honest agent first.
      const honest = await world.startAgent('honest');
      const first = await world.run('on-demand', { employeeNumber: '2000' });
      assert.equal(first.status, 'succeeded', first.error?.message);
      await honest.stop();
      const linkOf = async (n: string) =>
        (await world.engineStore.links()).find((l) => l.employeeNumber === n)?.accountId;
      const annasAccount = await linkOf('2000');
      assert.ok(annasAccount);
      // A real agent process that answers 2001's create with 2000's account, and 2003's with the one
      // it made for 2002 in the same batch.
      const liar = await world.spawnAgent('liar', {
        AGENT_CREATE_ANSWERS: JSON.stringify({ '2001': annasAccount, '2003': { sameAs: '2002' } }),
      });
      await until(
        'the agent process to connect',
        async () => (await svc.store.agents.find(liar.id))?.lastSeenAt != null,
      );
      const outcome = await world.run('sync');
      assert.equal(outcome.status, 'succeeded', `${outcome.error?.message}\n${liar.output.join('')}`);
      const item = (n: string) => outcome.items.find((i) => i.employeeNumber === n);
      const bramsAccount = await linkOf('2002');
      assert.ok(bramsAccount, '2002 was created and linked: the run went on');
      assert.equal(item('2002')?.status, 'success');
      for (const [n, account, owner] of [
        ['2001', annasAccount, '2000'],
        ['2003', bramsAccount, '2002'],
      ] as const) {
        assert.equal(item(n)?.status, 'failed', n);
        assert.equal(item(n)?.error?.code, 'HRS_ACCOUNT_LINKED_ELSEWHERE', n);
        assert.match(
          item(n)?.error?.message ?? '',
          new RegExp(`employee ${n} with account ${account}, which is already linked to employee ${owner}`),
        );
        assert.equal(await linkOf(n), undefined, `no link for ${n}`);
      }
      assert.equal(await linkOf('2000'), annasAccount);
      const links = await world.engineStore.links();
      assert.equal(new Set(links.map((l) => l.accountId)).size, links.length, 'no account linked twice');
    } finally {
      await world.close();
    }
  });

  test('the connection dropped between the writes and the answer: the answer arrives later, nothing twice', async () => {
    const world = await startGraphWorld(svc, PEOPLE);
    const proxy = await startTcpProxy(svc.port);
    let dropped = 0;
    const cutAfterWrites = (target: Target): Target => ({
      ...target,
      async apply(writes, options) {
        const outcomes = await target.apply(writes, options);
        if (dropped < 2) {
          dropped++;
          proxy.dropAll();
          proxy.down();
          setTimeout(() => proxy.up(), 800);
        }
        return outcomes;
      },
    });
    try {
      const agent = await world.startAgent('flaky-link', {
        server: `https://127.0.0.1:${proxy.port}`,
        wrap: cutAfterWrites,
      });
      const outcome = await world.run('sync');
      assert.equal(outcome.status, 'succeeded', `${outcome.error?.message}\n${agent.logs.join('')}`);
      assert.equal(dropped, 2);
      assert.deepEqual(duplicates(world), []);
      assert.deepEqual(employeeIds(world), PEOPLE.map((p) => p.n).sort());
      const created = world.graph.state.requests
        .counts()
        .routes.filter((r) => r.method === 'POST' && /\/users$/.test(r.route))
        .reduce((n, r) => n + r.count, 0);
      assert.ok(created <= PEOPLE.length, `${created} user creates for ${PEOPLE.length} persons`);
      assert.ok(
        agent.logs.some((l) => l.includes('retrying')),
        'the agent noticed the drop and retried',
      );
      assert.ok(
        !agent.logs.some((l) => l.includes('no longer waits')),
        'the answers arrived after the drop; the service did not give up on the agent',
      );
      const again = await world.run('sync');
      assert.equal(again.actionCounts.create + again.actionCounts.update, 0);
      await agent.stop();
    } finally {
      await proxy.close();
      await world.close();
    }
  });
});
