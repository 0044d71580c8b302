/**
 * A read's pages within the service's limits, with a real agent and the real service: the agent splits
 * the accounts it posts by the page size the service announces, so directory entries with large
 * attributes (thousands of group memberships, photos) never make a page the service refuses; an entry that alone is over
 * the limit fails the read naming it, and a page the service refused (413) is never sent again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Target } from '../../src/engine/ports.ts';
import type { PersonSpec } from '../engine/company.ts';
import { type GraphWorld, startGraphWorld, until } from './support/graph-world.ts';
import { type AgentService, startAgentService } from './support/stack.ts';

const PEOPLE: readonly PersonSpec[] = Array.from({ length: 12 }, (_, i) => ({
  n: String(3000 + i),
  given: ['Anna', 'Bram', 'Cor', 'Daan', 'Eva', 'Fleur'][i % 6] as string,
  family: `de Boer${i}`,
  jobs: [{ start: '2020-01-01', title: 'Adviseur' }],
}));

/** About `bytes` of group memberships (as JSON): DNs of 41 characters, 44 bytes each with quotes and comma. */
const memberships = (bytes: number) =>
  Array.from(
    { length: Math.round(bytes / 44) },
    (_, i) => `CN=Group ${String(i).padStart(5, '0')},OU=Groups,DC=zuid,DC=local`,
  );

/**
 * The directory's accounts as the agent reads them, each a member of groups that take `bytes` as JSON
 * (a user in thousands of groups); `oversize` gives that one account `oversize.bytes` of them.
 */
const groups = (size: { bytes: number; oversize?: { id: string; bytes: number } }) => (target: Target) => ({
  ...target,
  async readAccounts(o: Parameters<Target['readAccounts']>[0]) {
    const read = await target.readAccounts(o);
    return {
      ...read,
      accounts: read.accounts.map((a) => ({
        ...a,
        attributes: {
          ...a.attributes,
          memberOf: memberships(a.id === size.oversize?.id ? size.oversize.bytes : size.bytes),
        },
      })),
    };
  },
});

/** The page bodies the service took (their JSON bytes, as the agent posts `{ seq, data }`), per operation. */
function pagesTaken(svc: AgentService): Map<string, number[]> {
  const taken = new Map<string, number[]>();
  const ops = svc.store.agentOperations;
  const original = ops.putPage.bind(ops);
  ops.putPage = async (id, agentId, seq, data) => {
    taken.set(id, [...(taken.get(id) ?? []), Buffer.byteLength(JSON.stringify({ seq, data }))]);
    return original(id, agentId, seq, data);
  };
  return taken;
}

/** The service's answers to agent requests whose path ends in `suffix` (its request log), from line `from` on. */
function answered(svc: AgentService, suffix: string, from = 0): number[] {
  const urls = new Map<string, string>();
  const statuses: number[] = [];
  for (const line of svc.logLines.slice(from)) {
    const entry = JSON.parse(line) as {
      reqId?: string;
      req?: { url?: string };
      res?: { statusCode?: number };
    };
    if (entry.reqId === undefined) continue;
    if (entry.req?.url) urls.set(entry.reqId, entry.req.url);
    const status = entry.res?.statusCode;
    if (status !== undefined && (urls.get(entry.reqId) ?? '').endsWith(suffix)) statuses.push(status);
  }
  return statuses;
}

const refusedPages = (svc: AgentService, from: number) =>
  answered(svc, '/pages', from).filter((s) => s === 413).length;

type Settled = { accounts: number; error: null } | { accounts: null; error: Error };

/** A read through the agent, settled (its accounts or its error), or the service refusing a page twice. */
async function readThroughAgent(svc: AgentService, world: GraphWorld, from: number): Promise<Settled> {
  let settled: Settled | null = null;
  void world.remote.readAccounts({ attributes: ['employeeId', 'displayName'], cursor: null }).then(
    (r) => {
      settled = { accounts: r.accounts.length, error: null };
    },
    (error: Error) => {
      settled = { accounts: null, error };
    },
  );
  await until(
    'the read to settle, or a page refused twice',
    () => settled !== null || refusedPages(svc, from) >= 2,
  );
  assert.ok(
    settled,
    `the agent sent a page the service refused (413) again: ${answered(svc, '/pages', from)}`,
  );
  return settled;
}

/** A world whose accounts exist in the Graph emulator (made by a sync through a plain agent). */
async function syncedWorld(svc: AgentService): Promise<GraphWorld> {
  const world = await startGraphWorld(svc, PEOPLE);
  const plain = await world.startAgent('plain');
  const sync = await world.run('sync');
  assert.equal(sync.status, 'succeeded', sync.error?.message);
  await plain.stop();
  return world;
}

describe('a read whose pages are larger than the service takes in one request (4 MiB)', () => {
  let svc: AgentService;
  let world: GraphWorld;
  before(async () => {
    svc = await startAgentService('sqlite');
    world = await syncedWorld(svc);
  });
  after(async () => {
    await world?.close();
    await svc?.close();
  });

  test('12 accounts in 10,000 groups each (440 KB; 5.3 MB in all) arrive in pages of at most 4 MiB; none is refused', async () => {
    const taken = pagesTaken(svc);
    const from = svc.logLines.length;
    const agent = await world.startAgent('many-groups', { wrap: groups({ bytes: 440_000 }) });
    try {
      const read = await readThroughAgent(svc, world, from);
      assert.equal(read.error, null, String(read.error?.message));
      assert.equal(read.accounts, PEOPLE.length);
      const sizes = [...taken.values()].flat();
      assert.ok(sizes.length >= 2, `pages: ${sizes.join(', ')}`);
      for (const size of sizes) assert.ok(size <= 4 * 1024 * 1024, `a page of ${size} bytes`);
      assert.equal(refusedPages(svc, from), 0);
    } finally {
      await agent.stop();
    }
  });
});

describe('a read against the page size the service announces', () => {
  const PAGE_BYTES = 64 * 1024;
  let svc: AgentService;
  let world: GraphWorld;
  before(async () => {
    svc = await startAgentService('sqlite', { agentPageBytes: PAGE_BYTES, agentReadBytes: 200_000 });
    world = await syncedWorld(svc);
  });
  after(async () => {
    await world?.close();
    await svc?.close();
  });

  test('the agent follows the service’s page size, not one of its own: 12 accounts of 15 KB in pages of at most 64 KiB', async () => {
    const taken = pagesTaken(svc);
    const from = svc.logLines.length;
    const agent = await world.startAgent('announced', { wrap: groups({ bytes: 15_000 }) });
    try {
      const read = await readThroughAgent(svc, world, from);
      assert.equal(read.error, null, String(read.error?.message));
      assert.equal(read.accounts, PEOPLE.length);
      const sizes = [...taken.values()].flat();
      assert.ok(sizes.length >= 3, `pages: ${sizes.join(', ')}`);
      for (const size of sizes) assert.ok(size <= PAGE_BYTES, `a page of ${size} bytes`);
      assert.equal(refusedPages(svc, from), 0);
    } finally {
      await agent.stop();
    }
  });

  test('an entry that alone is over the page size fails the read, naming the entry and its size; nothing is sent again', async () => {
    const accounts = world.graph.state.directory.snapshot().users;
    const big = String((accounts[4] as unknown as { id: string }).id);
    const taken = pagesTaken(svc);
    const from = svc.logLines.length;
    const agent = await world.startAgent('one-big', {
      wrap: groups({ bytes: 1_000, oversize: { id: big, bytes: 100_000 } }),
    });
    try {
      const read = await readThroughAgent(svc, world, from);
      assert.equal(read.accounts, null);
      assert.match(
        String(read.error?.message),
        new RegExp(
          `The directory entry ${big} alone takes 97\\.\\d+ KiB \\(100,\\d{3} bytes\\) as JSON, more than the 64 KiB \\(65,536 bytes\\) the service takes in one page of a read; its largest attribute is memberOf \\(100,\\d{3} bytes\\)`,
        ),
      );
      assert.equal([...taken.values()].flat().length, 0, 'no page was sent');
      assert.equal(refusedPages(svc, from), 0);
    } finally {
      await agent.stop();
    }
  });

  test('a page the service refuses (413: the read came to more than one read may hold) is not sent again; the read fails saying why', async () => {
    const taken = pagesTaken(svc);
    const from = svc.logLines.length;
    const agent = await world.startAgent('over-read', { wrap: groups({ bytes: 30_000 }) });
    try {
      const read = await readThroughAgent(svc, world, from);
      assert.equal(read.accounts, null);
      assert.match(
        String(read.error?.message),
        /Directory agent "over-read" sent more for the directory read than one read may hold: with page \d+ .*over the limit of 0\.19 MiB \(200,000 bytes\)/,
      );
      // The agent is done with the operation: it answered the read (the service had already failed it).
      await until(
        'the agent to be done with the read',
        () =>
          answered(svc, '/result', from).length > 0 || agent.logs.some((l) => l.includes('no longer waits')),
      );
      const pages = answered(svc, '/pages', from);
      assert.deepEqual(
        pages.filter((s) => s !== 200),
        [413],
        `the refused page was sent again: ${pages.join(', ')}`,
      );
      for (const size of [...taken.values()].flat()) assert.ok(size <= PAGE_BYTES, `a page of ${size} bytes`);
    } finally {
      await agent.stop();
    }
  });
});
