/**
 * `hrsync overrides …` and `hrsync quarantine …` against the demo service: the demo company's
 * conflict (two accounts share an employee id) is resolved by a link override from the command line,
 * listed, shown by the next simulation and removed; a viewer's token is refused; the quarantine list
 * of a connection that never synced is empty.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getRun, listOverrides, listRunItems, simulate } from '../../src/contracts/index.ts';
import { type CliStack, startCliStack } from './support/stack.ts';

let stack: CliStack;
before(async () => {
  stack = await startCliStack();
});
after(() => stack?.close());

async function simulated(): Promise<string> {
  const { id } = await stack.api.call(simulate, { params: { id: stack.connection.id } });
  for (;;) {
    const run = await stack.api.call(getRun, { params: { id } });
    if (!['queued', 'running'].includes(run.status)) return id;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a conflict is resolved with `overrides add`, listed, and removed; viewers are refused', async () => {
  const name = stack.connection.name;
  const first = await simulated();
  const conflicts = await stack.api.call(listRunItems, {
    params: { id: first },
    query: { action: 'conflict' },
  });
  const conflict = conflicts.items[0];
  assert.ok(conflict?.error?.accounts && conflict.error.accounts.length > 1, 'the demo has a conflict');
  const accountId = conflict.error.accounts[0] as string;
  const args = ['overrides', 'add', name, '--kind', 'link', '--employee', conflict.employeeNumber];

  const viewer = await stack.hrsync([...args, '--account', accountId], { token: 'viewer' });
  assert.equal(viewer.code, 1);
  assert.match(viewer.err, /^Your role does not allow this: /);
  const missing = await stack.hrsync(args, { token: 'operator' });
  assert.equal(missing.code, 1);
  assert.match(missing.err, /needs --account/);

  const added = await stack.hrsync([...args, '--account', accountId, '--reason', 'the one he uses'], {
    token: 'operator',
  });
  assert.equal(added.code, 0, added.err);
  // The person by name and the account by its UPN, as the console's list shows them; not ids.
  const upn = (await stack.api.call(listOverrides, { params: { id: stack.connection.id } })).overrides[0]
    ?.account?.upn;
  assert.ok(upn, 'the tenant read knows the account');
  assert.equal(
    added.out,
    `Override added to "${name}": ${conflict.displayName} (${conflict.employeeNumber}) linked to ${upn}.\n`,
  );

  const listed = await stack.hrsync(['overrides', 'list', name, '--json'], { token: 'viewer' });
  assert.equal(listed.code, 0, listed.err);
  const [override] = JSON.parse(listed.out).overrides;
  assert.equal(override.accountId, accountId);
  assert.equal(override.reason, 'the one he uses');
  const table = await stack.hrsync(['overrides', 'list', name], { token: 'viewer' });
  assert.match(table.out, new RegExp(`${conflict.employeeNumber}\\)\\s+Linked to\\s`));
  // Added when, in the connection's zone with the zone named.
  assert.match(table.out, /\d{1,2} [A-Z][a-z]{2} \d{4}, [\d:]{8} (CET|CEST) by API token cli operator/);
  assert.doesNotMatch(table.out, /\d{4}-\d{2}-\d{2}T/);

  const next = await simulated();
  const resolved = await stack.api.call(listRunItems, {
    params: { id: next },
    query: { q: conflict.employeeNumber },
  });
  const item = resolved.items.find((i) => i.employeeNumber === conflict.employeeNumber);
  assert.equal(item?.accountId, accountId);
  assert.notEqual(item?.action, 'conflict');

  const removed = await stack.hrsync(['overrides', 'remove', name, override.id], { token: 'operator' });
  assert.equal(removed.code, 0, removed.err);
  assert.equal(
    removed.out,
    `Override removed from "${name}": ${conflict.displayName} (${conflict.employeeNumber}) linked to ${upn}.\n`,
  );
  const empty = await stack.hrsync(['overrides', 'list', name], { token: 'viewer' });
  assert.match(empty.out, /has no overrides/);

  const quarantine = await stack.hrsync(['quarantine', 'list', name], { token: 'viewer' });
  assert.equal(quarantine.code, 0, quarantine.err);
  assert.match(quarantine.out, /Nobody is quarantined/);
  const bad = await stack.hrsync(['quarantine', 'release', name], { token: 'operator' });
  assert.equal(bad.code, 1);
  assert.match(bad.err, /--employee <number> or --all/);
});
