/**
 * One step of the export figure in a fresh process, so its memory is its own (as measure-child.ts):
 * argv[2] is JSON { step: 'seed' | 'export', sqliteFile, persons }.
 * - seed: records a run of `persons` items (the kinds a real run holds: unchanged, updates naming
 *   managers, creates, failures) and a viewer; prints { runId, email, password }.
 * - export: opens that database with the real API (buildApp, listening on loopback), signs in and
 *   downloads the run's CSV export over HTTP, reading it as it arrives; prints the seconds, the bytes
 *   and the peak RSS from the OS (getrusage's maxRSS, `process.resourceUsage()`) before the download
 *   (`baseRss`: the service started, nothing exported) and after it (`maxRss`).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildApp, hashPassword } from '../src/api/index.ts';
import { realConnectors } from '../src/app/connectors.ts';
import { exportRunItemsCsv, pathFor, signIn } from '../src/contracts/index.ts';
import type { RunItem } from '../src/core/index.ts';
import { ServiceMetrics } from '../src/jobs/index.ts';
import { openStore } from '../src/store/index.ts';
import { bareConnection, recordedRun } from '../test/service/support/queue.ts';

interface Args {
  readonly step: 'seed' | 'export';
  readonly sqliteFile: string;
  readonly persons: number;
  readonly runId?: string;
  readonly email?: string;
  readonly password?: string;
  readonly key: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const store = await openStore({ sqliteFile: args.sqliteFile, secretKey: Buffer.from(args.key, 'hex') });

function items(persons: number): RunItem[] {
  return Array.from({ length: persons }, (_, i): RunItem => {
    const n = String(100_000 + i);
    const kind = i % 10;
    const action = kind < 6 ? 'no-change' : kind < 8 ? 'update' : kind === 8 ? 'create' : 'disable';
    return {
      employeeNumber: n,
      displayName: `Persoon ${i} van den Berg`,
      action,
      status: kind === 9 ? 'failed' : 'success',
      accountId: action === 'create' ? null : `acc-${n}`,
      changes:
        action === 'update'
          ? [
              { attribute: 'manager', old: null, new: String(100_000 + ((i * 31) % persons)) },
              { attribute: 'department', old: 'ICT', new: 'Finance' },
            ]
          : action === 'create'
            ? [{ attribute: 'displayName', old: null, new: `Persoon ${i} van den Berg` }]
            : [],
      steps: action === 'no-change' ? [] : [{ step: 'plan', status: 'success', message: `plan for ${n}` }],
      error: kind === 9 ? { code: 'HRS_TARGET_REFUSED', message: `refused ${n}` } : null,
    } as RunItem;
  });
}

if (args.step === 'seed') {
  const org = (await store.organisations.create('Bench exports')).id;
  const connectionId = await bareConnection(store, org, 'bench exports');
  const run = await recordedRun(store, org, connectionId, items(args.persons));
  const email = 'viewer@bench.test';
  const password = `pw-${randomBytes(12).toString('hex')}`;
  await store.users.create({
    organisationId: org,
    email,
    name: email,
    role: 'viewer',
    passwordHash: await hashPassword(password),
  });
  console.log(JSON.stringify({ runId: run.id, email, password }));
} else {
  const app = await buildApp({
    store,
    connectors: realConnectors({}),
    metrics: new ServiceMetrics(store),
    logger: false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const signedIn = await fetch(base + pathFor(signIn), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: args.email, password: args.password }),
  });
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const baseRss = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  const response = await fetch(base + pathFor(exportRunItemsCsv, { id: args.runId ?? '' }), {
    headers: { cookie },
  });
  if (response.status !== 200)
    throw new Error(`export answered ${response.status}: ${await response.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const b of chunk) if (b === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ seconds, bytes, lines, baseRss, maxRss }));
  await app.close();
}
await store.close();
