/**
 * `hrsync runs …` and `hrsync audit …` on a run that a safety threshold stopped: the sync exits 2
 * with the reason and how to decide, one blocked run is discarded and the next approved and applied
 * through the CLI, the items are shown filtered and exported as CSV and JSON files that read back,
 * and the decisions are found in the audit log and its CSV export.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  activateConnectionAnyway,
  getConfiguration,
  getRun,
  ITEM_STATUS_WORDS,
  listAuditEvents,
  listRunItems,
  type ResponseOf,
  saveScopeStep,
  simulate,
} from '../../src/contracts/index.ts';
import { csvRecords } from './support/csv.ts';
import { type CliStack, startCliStack } from './support/stack.ts';

let stack: CliStack;
let name: string;
let dir: string;

/** A property's value, its continuation lines (wrapped at 80 columns, indented under it) joined back. */
const field = (out: string, label: string): string | undefined => {
  const found = new RegExp(`^(${label}:\\s+)(.*)((?:\\n {13}\\S.*)*)$`, 'm').exec(out);
  return found ? `${found[2]}${(found[3] ?? '').replace(/\n {13}/g, ' ')}` : undefined;
};

/** Every line fits an 80-column terminal (the run summary wraps as the local one does). */
const fits = (out: string) => {
  const wide = out.split('\n').filter((line) => [...line].length > 80);
  assert.deepEqual(wide, [], 'no line is wider than 80 columns');
};

const LONG_REASON =
  'Checking with HR first: the leaver’s last day moved to the end of the month and the new contract is not in AFAS yet (ticket HR-2291)';

async function settled(id: string): Promise<ResponseOf<typeof getRun>> {
  // Two minutes of polling: a loaded CI machine may queue the run behind others' work.
  for (let i = 0; i < 1200; i++) {
    const run = await stack.api.call(getRun, { params: { id } });
    if (run.status !== 'queued' && run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} did not finish`);
}

before(async () => {
  stack = await startCliStack();
  const { id } = stack.connection;
  name = stack.connection.name;
  dir = await mkdtemp(join(stack.dataDir, 'out-'));
  // Not a single disable without a person's say-so: the demo's one leaver blocks every sync.
  const scope = (await stack.api.call(getConfiguration, { params: { id } })).scope.settings;
  assert.ok(scope);
  await stack.api.call(saveScopeStep, {
    params: { id },
    body: {
      ...scope,
      thresholds: { maxDisableDeleteCount: 0, maxDisableDeletePercent: null, maxSourceShrinkPercent: null },
    },
  });
  const simulation = await settled((await stack.api.call(simulate, { params: { id } })).id);
  // A blocked simulation still counts as simulated: it shows the sync will wait for a decision.
  assert.equal(simulation.status, 'blocked', JSON.stringify(simulation));
  // A blocked simulation needs an admin's written reason to activate (the activation gate).
  await stack.api.call(activateConnectionAnyway, {
    params: { id },
    body: { reason: 'The leavers in this demo are expected' },
  });
});
after(() => stack?.close());

let blockedId: string;

test('a sync over the threshold exits 3 (blocked) with the reason and the commands to decide; discard it', async () => {
  const r = await stack.hrsync(['connections', 'sync', name, '--wait'], { token: 'operator' });
  assert.equal(r.code, 3, `${r.out}${r.err}`);
  assert.equal(r.out.split('\n')[0], 'outcome:     Blocked', 'the outcome comes first');
  const runId = field(r.out, 'run');
  assert.ok(runId);
  const run = await stack.api.call(getRun, { params: { id: runId } });
  assert.equal(run.status, 'blocked');
  assert.ok(run.blockedReason);
  assert.equal(field(r.out, 'status'), undefined, 'the outcome says it');
  assert.equal(field(r.out, 'blocked'), run.blockedReason);
  assert.match(r.out, new RegExp(`^ {2}hrsync runs approve ${runId} --reason "…"$`, 'm'));
  assert.match(r.out, new RegExp(`^ {2}hrsync runs discard ${runId} --reason "…"$`, 'm'));

  fits(r.out);

  const d = await stack.hrsync(['runs', 'discard', runId, '--reason', LONG_REASON], {
    token: 'operator',
  });
  assert.equal(d.code, 0, d.err);
  fits(d.out);
  // The reason continues under its first line, aligned with the other values.
  assert.match(d.out, /^discarded: {3}by .{50,67}\n {13}\S/m);
  assert.equal(field(d.out, 'status'), 'Discarded');
  // Who decided as the console names them (the token, not its recorded actor with the creator's
  // address); when, in the connection's zone with the zone named.
  assert.match(
    field(d.out, 'discarded') ?? '',
    /^by API token cli operator on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} (CET|CEST): Checking with HR first: the leaver’s last day moved to the end of the month and the new contract is not in AFAS yet \(ticket HR-2291\)$/,
  );
  assert.doesNotMatch(d.out, /@|\d{4}-\d{2}-\d{2}|HRS_/);
  assert.equal((await stack.api.call(getRun, { params: { id: runId } })).status, 'discarded');
});

test('the items of a blocked run: a filtered table, and CSV and JSON exports that read back', async () => {
  const r = await stack.hrsync(['connections', 'sync', stack.connection.id, '--wait', '--json']);
  assert.equal(r.code, 3, r.err);
  const run = JSON.parse(r.out);
  assert.equal(run.status, 'blocked');
  blockedId = run.id;
  const csvFile = join(dir, 'items.csv');
  const jsonFile = join(dir, 'disables.json');
  const [table, csv, json, full] = await Promise.all([
    stack.hrsync(['runs', 'items', blockedId, '--action', 'disable'], { token: 'viewer' }),
    stack.hrsync(['runs', 'items', blockedId, '--out', csvFile], { token: 'viewer' }),
    stack.hrsync(['runs', 'items', blockedId, '--action', 'disable', '--out', jsonFile], { token: 'viewer' }),
    stack.hrsync(['runs', 'items', blockedId, '--out', '/dev/full', '--format', 'csv'], { token: 'viewer' }),
  ]);
  // A disk that is full: the file named and the problem in words, not ENOSPC.
  assert.equal(full.code, 1, full.out + full.err);
  assert.equal(full.err, 'Cannot write /dev/full: the disk is full\n');
  const disables = await stack.api.call(listRunItems, {
    params: { id: blockedId },
    query: { action: 'disable' },
  });
  const all = await stack.api.call(listRunItems, { params: { id: blockedId }, query: { pageSize: 500 } });
  assert.ok(disables.total > 0, 'the blocked run plans a disable');

  assert.equal(table.code, 0, table.err);
  const lines = table.out.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^EMPLOYEE\s+NAME\s+ACTION\s+STATUS\s+CHANGES\s+ERROR\s+WHY$/);
  assert.deepEqual(
    lines.slice(1, -1).map((l) => l.split(/\s{2,}/).slice(0, 4)),
    disables.items.map((i) => [i.employeeNumber, i.displayName, 'Disable', ITEM_STATUS_WORDS[i.status]]),
  );
  assert.equal(lines.at(-1), `items 1–${disables.total} of ${disables.total}`);

  assert.equal(csv.code, 0, csv.err);
  assert.equal(csv.out, `Run items written to ${csvFile}\n`);
  const text = await readFile(csvFile, 'utf8');
  assert.ok(text.startsWith('\uFEFF'), 'the CSV keeps its BOM, so Excel reads it as UTF-8');
  const records = csvRecords(text);
  assert.equal(records.length, all.total);
  assert.deepEqual(
    records.map((row) => [row.employeeNumber, row.displayName, row.action, row.status]),
    all.items.map((i) => [i.employeeNumber, i.displayName, i.action, i.status]),
  );

  assert.equal(json.code, 0, json.err);
  // The export carries the items as recorded; the listing adds the account's UPN and display name
  // from the tenant cache.
  assert.deepEqual(
    JSON.parse(await readFile(jsonFile, 'utf8')),
    disables.items.map(({ account: _account, ...item }) => item),
  );
});

test('approve --wait: the blocked run is applied, with who and why; a finished run cannot be cancelled', async () => {
  assert.ok(blockedId, 'the previous test left a blocked run');
  const approved = await stack.hrsync(
    ['runs', 'approve', blockedId, '--reason', 'Leaver confirmed by HR', '--wait'],
    { token: 'operator' },
  );
  const run = await stack.api.call(getRun, { params: { id: blockedId } });
  assert.equal(run.status, 'succeeded');
  assert.equal(run.counts?.actions.disable, 1);
  assert.equal(run.counts?.statuses.blocked, 0);
  // The demo's duplicate employee id, its too-long surname and the employee whose account
  // on-premises AD owns were failed by the plan; the administrator's update Graph refused when it was
  // sent. All stay failed items, so the applied run still asks for attention.
  assert.equal(run.counts?.statuses.failed, 4);
  const failed = await stack.api.call(listRunItems, {
    params: { id: blockedId },
    query: { status: 'failed' },
  });
  assert.deepEqual(failed.items.map((i) => `${i.action} ${i.error?.code}`).sort(), [
    'conflict HRS_MATCH_AMBIGUOUS',
    'create HRS_TARGET_VALUE_INVALID',
    'update HRS_TARGET_ACCOUNT_OWNED_ELSEWHERE',
    'update HRS_TARGET_WRITE_FAILED',
  ]);
  assert.equal(
    failed.items.find((i) => i.error?.code === 'HRS_TARGET_WRITE_FAILED')?.employeeNumber,
    stack.pilot.quarantinedEmployee,
  );
  assert.equal(approved.code, 2, `${approved.out}${approved.err}`);
  assert.equal(field(approved.out, 'status'), undefined, 'the outcome says how it went');
  assert.match(
    field(approved.out, 'approved') ?? '',
    /^by API token cli operator on \d{1,2} [A-Z][a-z]{2} \d{4}, [\d:]{8} (CET|CEST): Leaver confirmed by HR$/,
  );
  assert.match(field(approved.out, 'actions') ?? '', /(^| )Disable 1( |$)/);
  const disables = await stack.api.call(listAuditEvents, {
    query: { runId: blockedId, action: 'account.disable' },
  });
  assert.deepEqual(
    disables.items.map((e) => e.outcome),
    ['success'],
    'the approved run disabled the account in the tenant',
  );

  const again = await stack.hrsync(['runs', 'cancel', blockedId], { token: 'operator' });
  assert.equal(again.code, 1);
  assert.equal(
    again.err,
    'Not possible right now: Cannot cancel a run in status "succeeded"; only a run that is queued or running can be.\n',
  );
});

test('the audit log lists the decisions, exports them as CSV, and filters by time', async () => {
  const file = join(dir, 'audit.csv');
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const [list, exported, later] = await Promise.all([
    stack.hrsync(['audit', 'list', '--connection', name, '--action', 'run.', '--actor', 'operator'], {
      token: 'viewer',
    }),
    stack.hrsync(['audit', 'export', '--out', file, '--connection', name], { token: 'viewer' }),
    stack.hrsync(['audit', 'list', '--since', tomorrow, '--json'], { token: 'viewer' }),
  ]);
  assert.equal(list.code, 0, list.err);
  const rows = list.out.trimEnd().split('\n');
  // As the console's audit log: the time in the organisation's zone, the outcome and the event as a
  // sentence with the actor as the console names them; the raw action and actor are in --json.
  assert.match(rows[0] ?? '', /^TIME\s+OUTCOME\s+WHAT HAPPENED$/);
  const time = '\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}:\\d{2} (CET|CEST)';
  assert.ok(
    rows.some((l) =>
      new RegExp(`^${time}\\s+Done\\s+API token cli operator approved the blocked run of “${name}”\\.$`).test(
        l,
      ),
    ),
    list.out,
  );
  assert.ok(
    rows.some((l) =>
      new RegExp(
        `^${time}\\s+Done\\s+API token cli operator discarded the blocked run of “${name}”\\.$`,
      ).test(l),
    ),
    list.out,
  );
  assert.ok(
    rows.slice(1, -1).every((l) => l.includes('API token cli operator')),
    'only the operator’s events',
  );
  assert.doesNotMatch(
    list.out,
    /run\.approved|@|\d{4}-\d{2}-\d{2}T/,
    'no raw actions, addresses or ISO stamps',
  );

  assert.equal(exported.code, 0, exported.err);
  const text = await readFile(file, 'utf8');
  assert.ok(text.startsWith('\uFEFF'));
  const events = csvRecords(text);
  assert.ok(events.every((e) => e.connectionId === stack.connection.id));
  const decision = events.find((e) => e.action === 'run.approved');
  assert.equal(decision?.runId, blockedId);
  assert.equal(JSON.parse(decision?.details ?? '{}').reason, 'Leaver confirmed by HR');
  assert.ok(events.some((e) => e.action === 'run.discarded'));

  assert.equal(later.code, 0, later.err);
  assert.equal(JSON.parse(later.out).total, 0);
});

test('cancel stops a run that is still reading AFAS', async () => {
  const source = (await stack.api.call(getConfiguration, { params: { id: stack.connection.id } })).source
    .settings;
  assert.ok(source && 'baseUrl' in source.environment);
  // The AFAS emulator answers the first page of employees slowly, so the run is caught mid-read.
  const fault = await fetch(`${new URL(source.environment.baseUrl).origin}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // Long enough that even a slow machine's CLI starts cannot outlast it; cancelling aborts the read.
    body: JSON.stringify({ kind: 'latency', ms: 60_000, count: 1, connector: 'T4E_HelloID_Users_v2' }),
  });
  assert.equal(fault.status, 201, await fault.text());

  const queued = await stack.hrsync(['connections', 'simulate', name, '--json'], { token: 'operator' });
  assert.equal(queued.code, 0, queued.err);
  const runId = JSON.parse(queued.out).id as string;
  const cancel = await stack.hrsync(['runs', 'cancel', runId], { token: 'operator' });
  assert.equal(cancel.code, 0, cancel.err);
  assert.match(
    cancel.out,
    new RegExp(
      `^Run ${runId} (is cancelled|is running; it was asked to stop and stops at its next safe point)\\.\n$`,
    ),
  );
  const run = await settled(runId);
  assert.equal(run.status, 'cancelled');
});
