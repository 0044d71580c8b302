/**
 * `hrsync connections …` against a demo-like service: list and show (by name or id), a simulation
 * followed to the end with --wait, activation, an on-demand sync that shows each step, and the
 * refusals — an unknown token, a viewer's token, a name that matches nothing, a service that is
 * not there — each with the API's own message and exit 1. The stack checks every call's output
 * for tokens.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ACTION_WORDS,
  formatInstant,
  formatLocalDateTime,
  getConnection,
  getRun,
  ITEM_STATUS_WORDS,
  instantToLocal,
  listAuditEvents,
  listConnections,
  listRunItems,
  listRuns,
  pathFor,
  removeSchedule,
  setSchedule,
} from '../../src/contracts/index.ts';
import { type CliStack, startCliStack } from './support/stack.ts';

let stack: CliStack;
let name: string;
let id: string;

before(async () => {
  stack = await startCliStack();
  ({ name, id } = stack.connection);
});
after(() => stack?.close());

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

/** API counts keyed by the product's words, as the CLI prints them. */
const wordsOf = (words: Readonly<Record<string, string>>, counts: Readonly<Record<string, number>>) =>
  Object.fromEntries(Object.entries(counts).map(([k, n]) => [words[k] ?? k, n]));

const field = (out: string, label: string): string | undefined =>
  new RegExp(`^${label}:\\s+(.*)$`, 'm').exec(out)?.[1];

describe('connections list and show', () => {
  test('list prints a table of the connections; --json prints the API page, --search narrows it', async () => {
    const [table, json] = await Promise.all([
      stack.hrsync(['connections', 'list']),
      stack.hrsync(['connections', 'list', '--json', '--search', 'AFAS to']),
    ]);
    assert.equal(table.code, 0, table.err);
    const [header, row, pilot, footer] = table.out.trimEnd().split('\n');
    assert.match(header ?? '', /^NAME\s+STATE\s+STEPS\s+TENANT\s+LAST SYNC\s+NEXT RUN\s+ID$/);
    assert.match(
      row ?? '',
      new RegExp(`^${name}\\s+Simulation\\s+4/5\\s+Contoso \\(Microsoft 365\\)\\s+.*${id}$`),
    );
    assert.match(
      pilot ?? '',
      new RegExp(
        `^Contoso — pilot: one person\\s+Active\\s+5/5\\s+Contoso \\(Microsoft 365\\)\\s+.*${stack.pilot.connectionId}$`,
      ),
    );
    assert.equal(footer, 'connections 1–2 of 2');

    assert.equal(json.code, 0, json.err);
    const page = JSON.parse(json.out);
    assert.equal(page.total, 1);
    assert.deepEqual(
      page.items.map((c: { id: string }) => c.id),
      [id],
    );
    const fromApi = await stack.api.call(listConnections, { query: { q: 'AFAS to' } });
    assert.deepEqual(page, fromApi, '--json prints exactly what the API answered');
  });

  test('show finds a connection by its name (in any case) or its id', async () => {
    const [byName, byId] = await Promise.all([
      stack.hrsync(['connections', 'show', name.toUpperCase()]),
      stack.hrsync(['connections', 'show', id, '--json']),
    ]);
    assert.equal(byName.code, 0, byName.err);
    assert.equal(field(byName.out, 'id'), id);
    assert.equal(field(byName.out, 'name'), name);
    assert.equal(field(byName.out, 'state'), 'Simulation');
    assert.match(
      field(byName.out, 'steps') ?? '',
      /^4\/5 {2}✓ Source {2}✓ Destination {2}✓ Mapping and matching {2}✓ Scope and lifecycle {2}… Simulation and activation$/,
    );
    assert.equal(field(byName.out, 'tenant'), 'Contoso (Microsoft 365) · Cloud (Microsoft Entra ID)');
    assert.equal(field(byName.out, 'source'), 'AFAS Profit');
    // Times in the product's one format, in the connection's zone, named (never an ISO stamp).
    assert.equal(field(byName.out, 'next run'), 'Not scheduled');
    assert.doesNotMatch(byName.out, /\d{4}-\d{2}-\d{2}|HRS_/);
    assert.match(field(byName.out, 'simulation') ?? '', /^not current/);
    assert.equal(byId.code, 0, byId.err);
    assert.deepEqual(JSON.parse(byId.out), await stack.api.call(getConnection, { params: { id } }));
  });
  test('show words the schedule in the one format, its zone named, and how far off the next run is', async () => {
    const pilot = stack.pilot.connectionId;
    // Daily, first six hours from now (to the minute), in the connection's zone: the next run is
    // that start, six hours away.
    const zone = (await stack.api.call(getConnection, { params: { id: pilot } })).timeZone;
    const start = instantToLocal(new Date(Date.now() + 6 * 3_600_000 + 60_000).toISOString(), zone);
    const saved = await stack.api.call(setSchedule, {
      params: { id: pilot },
      body: { start, every: 1, unit: 'days' },
    });
    try {
      assert.ok(saved.nextRunAt);
      const r = await stack.hrsync(['connections', 'show', pilot]);
      assert.equal(r.code, 0, r.err);
      assert.equal(field(r.out, 'schedule'), `Every day from ${formatLocalDateTime(start, zone)}`);
      assert.match(formatLocalDateTime(start, zone), /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} [A-Z]{3,4}$/);
      assert.equal(field(r.out, 'next run'), `${formatInstant(saved.nextRunAt, zone)} (in 6 hours)`);
      assert.doesNotMatch(r.out, /\d{4}-\d{2}-\d{2}/, 'no ISO stamp, not even the local start');
    } finally {
      await stack.api.call(removeSchedule, { params: { id: pilot } });
    }
  });
});

describe('runs queued from the command line', () => {
  test('simulate --wait follows the run and prints its counts; the demo’s ambiguous match exits 2', async () => {
    const r = await stack.hrsync(['connections', 'simulate', id, '--wait']);
    assert.equal(r.code, 2, `a failed item means exit 2\n${r.out}${r.err}`);
    assert.equal(r.err, '', 'no progress noise when stderr is not a terminal');
    const runId = field(r.out, 'run');
    assert.ok(runId);
    const run = await stack.api.call(getRun, { params: { id: runId } });
    assert.equal(run.kind, 'simulation');
    assert.equal(run.status, 'succeeded');
    assert.equal(field(r.out, 'status'), undefined, 'no "Succeeded" beside "Completed with failures"');
    assert.equal(field(r.out, 'kind'), 'Simulation');
    assert.equal(field(r.out, 'connection'), name);
    assert.equal(run.outcome, 'completed-with-failures');
    assert.equal(r.out.split('\n')[0], 'outcome:     Completed with failures', 'the outcome comes first');
    assert.equal(field(r.out, 'source'), `${run.sourceCount} persons`);
    const shown = (counts: Record<string, number>) =>
      Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(' · ');
    assert.ok(run.counts);
    assert.equal(field(r.out, 'actions'), shown({ ...wordsOf(ACTION_WORDS, run.counts.actions) }));
    assert.equal(field(r.out, 'statuses'), shown({ ...wordsOf(ITEM_STATUS_WORDS, run.counts.statuses) }));
    // Asked for with the admin's token: the token by its name, as the console says it; the
    // connection's zone (Europe/Amsterdam), named.
    assert.match(
      field(r.out, 'requested') ?? '',
      /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} (CET|CEST) by API token cli admin$/,
    );
    assert.doesNotMatch(r.out, /\d{4}-\d{2}-\d{2}T|HRS_|token cli admin \(/);
    assert.equal(
      run.counts.statuses.failed,
      3,
      'a duplicate employee id, a too-long surname and an account on-premises AD owns',
    );
    const failed = await stack.api.call(listRunItems, { params: { id: runId }, query: { status: 'failed' } });
    assert.deepEqual(failed.items.map((i) => `${i.action} ${i.error?.code}`).sort(), [
      'conflict HRS_MATCH_AMBIGUOUS',
      'create HRS_TARGET_VALUE_INVALID',
      'update HRS_TARGET_ACCOUNT_OWNED_ELSEWHERE',
    ]);
    assert.match(
      failed.items.find((i) => i.action === 'update')?.error?.message ?? '',
      /^This account is managed by on-premises Active Directory \(directory sync\); change jobTitle "Medewerker \(functie uit de oude AD\)" → ".+" there/,
    );
    const tooLong = failed.items.find((i) => i.action === 'create');
    assert.equal(tooLong?.employeeNumber, '900001');
    assert.match(
      tooLong?.error?.message ?? '',
      /surname is 67 characters; Microsoft Entra ID allows at most 64/,
    );
    assert.match(r.out, new RegExp(`Per person: hrsync runs items ${runId}`));

    // `runs show` prints the same summary later; --exit-status gives scripts the same verdict.
    const later = await stack.hrsync(['runs', 'show', runId, '--exit-status'], { token: 'viewer' });
    assert.equal(later.code, 2, later.err);
    assert.equal(later.out, r.out.slice(0, r.out.indexOf('\nPer person:')));
  });

  test('activate is refused after a simulation with a conflict; an admin activates anyway with a reason; sync one person', async () => {
    const refused = await stack.hrsync(['connections', 'activate', name], { token: 'operator' });
    assert.equal(refused.code, 1);
    assert.match(refused.err, /latest simulation has 2 failed persons and 1 conflict/);
    const operatorAnyway = await stack.hrsync(
      ['connections', 'activate', name, '--anyway', 'HR confirmed the duplicate'],
      { token: 'operator' },
    );
    assert.equal(operatorAnyway.code, 1, 'only an admin may activate anyway');
    const activated = await stack.hrsync(
      ['connections', 'activate', name, '--anyway', 'HR confirmed the duplicate is a test account'],
      { token: 'admin' },
    );
    assert.equal(activated.code, 0, activated.err);
    assert.equal(activated.out, `Connection "${name}" is now active.\n`);
    const audit = await stack.api.call(listAuditEvents, {
      query: { connectionId: id, action: 'connection.state-changed' },
    });
    const event = audit.items.find((e) => /activated anyway/.test(e.message));
    assert.ok(event, 'the override is audited');
    assert.match(event.message, /HR confirmed the duplicate is a test account/);

    const latest = (await stack.api.call(getConnection, { params: { id } })).latestRun;
    assert.ok(latest);
    const items = await stack.api.call(listRunItems, {
      params: { id: latest.id },
      query: { action: 'update', status: 'success' },
    });
    // Not the administrator whose update Graph refuses (the pilot's quarantined employee).
    const person = items.items.find((i) => i.employeeNumber !== stack.pilot.quarantinedEmployee);
    assert.ok(person, 'the simulation planned an update');

    const r = await stack.hrsync(['connections', 'sync-person', id, person.employeeNumber, '--wait'], {
      token: 'operator',
    });
    assert.equal(r.code, 0, `${r.out}${r.err}`);
    assert.equal(field(r.out, 'kind'), 'On-demand sync');
    assert.equal(field(r.out, 'status'), undefined, 'the outcome says it');
    assert.match(field(r.out, 'requested') ?? '', / by API token cli operator$/);
    assert.match(r.out.split('\n')[0] ?? '', /^outcome: {5}Succeeded/, 'the outcome comes first');
    assert.equal(field(r.out, 'person'), person.employeeNumber);
    assert.match(
      r.out,
      new RegExp(`^${person.employeeNumber} ${person.displayName}: Update, (success|warning)$`, 'm'),
    );
    // Each step named and said in words (contracts/item-reasons.ts), not in engine shorthand.
    for (const step of ['Read from AFAS', 'In or out of scope', 'Finding the account', 'Planned change'])
      assert.match(r.out, new RegExp(`^  ${step} \\[success\\]: [A-Z]`, 'm'), `step ${step}`);
    assert.match(r.out, /^ {2}Read from AFAS \[success\]: Employed since \d{1,2} \w{3,4} \d{4} \(/m);
    assert.match(r.out, /^ {2}Making the change \[success\]: Attributes updated$/m);
    assert.doesNotMatch(r.out, /\(s\)|lifecycle active/);
    // Each change old → new as the console shows values: no JSON quoting, empty as "(empty)".
    assert.match(r.out, /^ {2}[^\n:]+: .+ → .+$/m);
    assert.doesNotMatch(r.out, /→ "|": null/);

    const deactivated = await stack.hrsync(['connections', 'deactivate', id, '--json'], {
      token: 'operator',
    });
    assert.equal(deactivated.code, 0, deactivated.err);
    assert.equal(JSON.parse(deactivated.out).state, 'deactivated');
    assert.equal((await stack.api.call(getConnection, { params: { id } })).state, 'deactivated');
  });
});

describe('refusals', () => {
  test('an unknown token gets the API’s 401 message and where a CLI token comes from, and the token is not repeated', async () => {
    const response = await fetch(stack.url + pathFor(listConnections), {
      headers: { authorization: `Bearer ${stack.unknownToken()}` },
    });
    assert.equal(response.status, 401);
    const { error } = (await response.json()) as { error: { code: string; message: string } };

    // Given with --token, the one place a token is in the CLI's own argv, to be sure it is not echoed.
    const r = await stack.hrsync(['connections', 'show', name, '--token', stack.unknownToken()], {
      token: null,
    });
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(
      r.err,
      `The API token was not accepted: ${error.message}\n` +
        'Check --token or HRSYNC_TOKEN: it may be mistyped, revoked or expired. An admin creates a new one in the console (API tokens).\n',
    );
    // Scripts get the catalogue's code with --json.
    const json = await stack.hrsync(
      ['connections', 'show', name, '--json', '--token', stack.unknownToken()],
      {
        token: null,
      },
    );
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.err), {
      error: { code: error.code, message: error.message, details: [] },
    });
  });

  test('a viewer token may not sync: the API’s 403, exit 1', async () => {
    const syncing = await stack.hrsync(['connections', 'sync', name, '--wait'], { token: 'viewer' });
    assert.equal(syncing.code, 1);
    assert.equal(syncing.out, '');
    assert.equal(
      syncing.err,
      'Your role does not allow this: Your role "viewer" does not allow this operation (sync); it needs the operator role.\n',
    );
  });

  test('a connection name that matches nothing is refused before anything is queued', async () => {
    const runsBefore = (await stack.api.call(listRuns, { params: { id } })).total;
    const [r, partial] = await Promise.all([
      stack.hrsync(['connections', 'simulate', 'Fabrikam HR', '--wait']),
      stack.hrsync(['connections', 'show', 'Contoso']),
    ]);
    assert.equal(r.code, 1);
    assert.equal(
      r.err,
      'No connection has the id or name "Fabrikam HR". `hrsync connections list` shows the connections you can see.\n',
    );
    assert.equal(
      (await stack.api.call(listRuns, { params: { id } })).total,
      runsBefore,
      'nothing was queued',
    );
    assert.equal(partial.code, 1, 'part of a name is not a name');
    assert.equal(
      partial.err,
      `No connection has the id or name "Contoso". Names containing it: "${name}", "Contoso — pilot: one person".\n`,
    );
  });

  test('the API’s validation details are printed one per line, each field in words', async () => {
    const latest = (await stack.api.call(getConnection, { params: { id } })).latestRun;
    assert.ok(latest);
    const r = await stack.hrsync(['runs', 'approve', latest.id, '--reason', '   ']);
    assert.equal(r.code, 1);
    // The field in the console's words with its path beside it; not Ajv's phrase or the summary
    // that repeats the JSON path.
    assert.equal(r.err, 'Some fields need attention:\n  Reason: must not be blank (/reason)\n');
  });

  test('an unreachable service is named, with where to look; so is a missing token', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const [down, tokenless] = await Promise.all([
      stack.hrsync(['connections', 'list', '--token', stack.tokens.admin], { url, token: null }),
      stack.hrsync(['runs', 'show', 'x'], { token: null }),
    ]);
    assert.equal(down.code, 1);
    assert.equal(
      down.err,
      `Cannot reach the hrsync service at ${url}: connection refused (ECONNREFUSED).\n` +
        'Check --url or HRSYNC_URL, and that `hrsync serve` is running and reachable from here.\n',
    );
    assert.equal(tokenless.code, 1);
    assert.match(tokenless.err, /^No API token: set HRSYNC_TOKEN \(or pass --token\)/);
  });
});

describe('output into a pipe', () => {
  test('a reader that stops early (`| head`) ends the command quietly, not with a stack trace', async () => {
    const env = { ...process.env, HRSYNC_URL: stack.url, HRSYNC_TOKEN: stack.tokens.admin };
    const hrsync = join(import.meta.dirname, '..', '..', 'bin', 'hrsync');
    const child = spawn(process.execPath, [hrsync, 'audit', 'list'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the command has written a line: its first write finds no reader.
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(err, '');
    assert.equal(code, 0);
  });
});
