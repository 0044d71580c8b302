/**
 * The directory agent against a real Samba AD domain on loopback (issue 9, item 7): the service, one
 * or two `hrsync agent run` processes and the domain. A full sync through an agent; an agent killed
 * mid-sync (the other finishes, no duplicate); the agent's connection dropped mid-operation through
 * a TCP proxy (no duplicate account, no lost write); the bind password nowhere on the service's side.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAgents } from '../../src/contracts/index.ts';
import { startTestDomain, type TestDomain, users } from '../directory/support/samba.ts';
import type { PersonSpec } from '../engine/company.ts';
import { type DirectoryWorld, type RunningCliAgent, startDirectoryWorld } from './support/directory-world.ts';
import { until } from './support/graph-world.ts';
import { type AgentService, startAgentService } from './support/stack.ts';
import { startTcpProxy } from './support/tcp-proxy.ts';

const ADDRESS = '127.0.0.91';

const people = (from: number, count: number): PersonSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    n: String(from + i),
    given: ['Anna', 'Bram', 'Cor', 'Daan', 'Eva', 'Fleur', 'Gijs', 'Hanna'][i % 8] as string,
    family: `de Vries${from + i}`,
    jobs: [{ start: '2020-01-01', title: 'Adviseur', ...(i > 0 ? { manager: String(from) } : {}) }],
  }));

async function accountsBelow(domain: TestDomain, ou: string): Promise<Map<string, number>> {
  const found = await users(domain.admin, `${ou},${domain.domain.baseDn}`, ['employeeID']);
  const byEmployee = new Map<string, number>();
  for (const entry of found.values()) {
    const id = String(entry.employeeID ?? '');
    if (id) byEmployee.set(id, (byEmployee.get(id) ?? 0) + 1);
  }
  return byEmployee;
}

function assertExactlyOnce(accounts: Map<string, number>, persons: readonly PersonSpec[]): void {
  const duplicates = [...accounts].filter(([, n]) => n > 1);
  assert.deepEqual(duplicates, [], 'no employee has two accounts');
  assert.deepEqual(
    [...accounts.keys()].sort(),
    persons.map((p) => p.n).sort(),
    'every employee has an account',
  );
}

/** Waits for agents to report in (a CLI start takes seconds on a busy machine). */
async function connected(svc: AgentService, agents: readonly RunningCliAgent[]): Promise<void> {
  try {
    await until(
      `${agents.map((a) => a.name).join(', ')} to connect`,
      async () => {
        const listed = (await svc.call(listAgents, { params: { id: svc.tenantId } })).body.items;
        return agents.every((x) => listed.find((l: { id: string }) => l.id === x.id)?.connected === true);
      },
      120_000,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${agents.map((a) => a.output.join('')).join('\n')}`);
  }
}

describe('directory agents against a Samba AD domain', () => {
  let svc: AgentService;
  let domain: TestDomain;
  const worlds: DirectoryWorld[] = [];
  before(async () => {
    [svc, domain] = await Promise.all([startAgentService('sqlite'), startTestDomain(ADDRESS)]);
  });
  after(async () => {
    for (const w of worlds) await w.close();
    await domain?.dispose();
    await svc?.close();
  });

  test('a full sync through one agent; a re-sync writes nothing; the agent shows its controllers answering', async () => {
    const persons = people(3000, 15);
    const world = await startDirectoryWorld(svc, domain, persons, 'OU=Full');
    worlds.push(world);
    const agent = await world.startCliAgent('dc-agent-full');
    await connected(svc, [agent]);
    const simulation = await world.run('simulation');
    assert.equal(simulation.status, 'succeeded', simulation.error?.message);
    assert.equal((await accountsBelow(domain, 'OU=Full')).size, 0, 'a simulation writes nothing');
    const sync = await world.run('sync');
    assert.equal(sync.status, 'succeeded', `${sync.error?.message}\n${agent.output.join('')}`);
    assertExactlyOnce(await accountsBelow(domain, 'OU=Full'), persons);
    const again = await world.run('sync');
    assert.equal(again.actionCounts.create + again.actionCounts.update, 0, 're-sync: zero writes');
    await until('the agent to report its controllers', async () => {
      const listed = (await svc.call(listAgents, { params: { id: svc.tenantId } })).body.items;
      return listed.find((a: { id: string }) => a.id === agent.id)?.controllers?.ok === true;
    });
    agent.child.kill('SIGTERM');
    assert.equal(await agent.exited, 0, 'stops cleanly on SIGTERM');
  });

  test('two agents, one killed mid-sync: the other finishes, no duplicate account', async () => {
    const persons = people(4000, 40);
    const world = await startDirectoryWorld(svc, domain, persons, 'OU=Kill');
    worlds.push(world);
    const [a, b] = [await world.startCliAgent('dc-agent-a'), await world.startCliAgent('dc-agent-b')];
    await connected(svc, [a, b]);
    const sync = world.run('sync');
    // Kill whichever agent takes the first write batch, while it is carrying it out.
    let victimId = '';
    await until('a write batch to be taken', async () => {
      const taken = await svc.store.db
        .selectFrom('agent_operations')
        .select(['agent_id', 'kind', 'state'])
        .where('kind', '=', 'apply')
        .where('state', '=', 'claimed')
        .executeTakeFirst();
      victimId = taken?.agent_id ?? '';
      return victimId !== '';
    });
    const victim = victimId === a.id ? a : b;
    await new Promise((r) => setTimeout(r, 150));
    victim.child.kill('SIGKILL');
    const outcome = await sync;
    assert.equal(outcome.status, 'succeeded', outcome.error?.message);
    assertExactlyOnce(await accountsBelow(domain, 'OU=Kill'), persons);
    const again = await world.run('sync');
    assert.equal(again.actionCounts.create, 0, 'every account was linked');
  });

  test('the connection dropped mid-operation through a TCP proxy: no duplicate account, no lost write', async () => {
    const persons = people(5000, 40);
    const world = await startDirectoryWorld(svc, domain, persons, 'OU=Drop');
    worlds.push(world);
    const proxy = await startTcpProxy(svc.port);
    try {
      const agent = await world.startCliAgent('dc-agent-flaky', {
        server: `https://127.0.0.1:${proxy.port}`,
      });
      await connected(svc, [agent]);
      const sync = world.run('sync');
      let drops = 0;
      // Cut the link whenever a write batch is being carried out, twice.
      while (drops < 2) {
        await until('a write batch in progress', async () =>
          Boolean(
            await svc.store.db
              .selectFrom('agent_operations')
              .select('id')
              .where('kind', '=', 'apply')
              .where('state', '=', 'claimed')
              .executeTakeFirst(),
          ),
        );
        proxy.dropAll();
        proxy.down();
        await new Promise((r) => setTimeout(r, 700));
        proxy.up();
        drops++;
      }
      const outcome = await sync;
      assert.equal(outcome.status, 'succeeded', `${outcome.error?.message}\n${agent.output.join('')}`);
      assertExactlyOnce(await accountsBelow(domain, 'OU=Drop'), persons);
      const again = await world.run('sync');
      assert.equal(again.actionCounts.create + again.actionCounts.update, 0, 'no write was lost');
      assert.match(agent.output.join(''), /retrying/);
    } finally {
      await proxy.close();
    }
  });

  test('the bind password is nowhere on the service: database, logs, audit, responses', async () => {
    const password = domain.domain.adminPassword;
    const tables = [
      'agents',
      'agent_operations',
      'agent_operation_pages',
      'audit_events',
      'tenants',
      'secrets',
    ] as const;
    for (const table of tables) {
      const rows = await svc.store.db.selectFrom(table).selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes(password), `not in ${table}`);
    }
    for (const line of [...svc.logLines, ...svc.responses]) assert.ok(!line.includes(password));
    for (const world of worlds) {
      assert.ok(!JSON.stringify(world.config).includes(password), 'not in the service’s configuration');
    }
  });
});
