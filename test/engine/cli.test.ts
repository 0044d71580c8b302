/**
 * The engine's command line end to end: `hrsync init` writes a configuration whose secrets are
 * environment references, `simulate` writes nothing and exports the plan, `sync` applies it, and a
 * bad configuration fails with every problem, named in words with its path.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type RunningAfasEmulator, startAfasEmulator } from '../../emulators/afas/index.ts';
import { type RunningGraphEmulator, startGraphEmulator } from '../../emulators/graph/index.ts';
import { type CliRun, cloudInitOptions, runCli } from '../support/run-cli.ts';
import { company, type PersonSpec, tenant } from './company.ts';

const people: PersonSpec[] = [
  { n: '3001', given: 'Noor', family: 'Jansen', jobs: [{ start: '2021-01-01' }] },
  {
    n: '3002',
    given: 'Daan',
    family: 'Bruijn',
    prefix: 'de',
    jobs: [{ start: '2022-05-01', manager: '3001' }],
  },
];

function hrsync(args: string[], env: Record<string, string>, cwd?: string): Promise<CliRun> {
  return runCli(args, { env: { ...process.env, ...env }, ...(cwd ? { cwd } : {}) });
}

describe('hrsync init / simulate / sync', () => {
  let dir: string;
  let afas: RunningAfasEmulator;
  let graph: RunningGraphEmulator;
  let env: Record<string, string>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hrsync-cli-'));
    afas = await startAfasEmulator({ dataset: company(people) });
    graph = await startGraphEmulator({
      tenant: tenant(),
      port: null,
      httpsPort: 0,
      tlsDir: join(dir, 'tls'),
    });
    const cloud = cloudInitOptions(afas, graph);
    env = cloud.env;
    const init = await hrsync(['init', '--out', join(dir, 'conn.json'), ...cloud.options], env);
    assert.equal(init.code, 0, init.err);
  });
  after(async () => {
    await Promise.all([afas.close(), graph.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  test('init writes references to secrets, never the secrets', async () => {
    const text = await readFile(join(dir, 'conn.json'), 'utf8');
    assert.ok(!text.includes(env.GRAPH_SECRET as string));
    assert.ok(!text.includes('<token>'));
    const config = JSON.parse(text);
    assert.deepEqual(config.source.token, { env: 'AFAS_TOKEN' });
    assert.equal(config.mapping.length, 18);
  });

  test('init never overwrites a file without --force; with it, it does', async () => {
    const path = join(dir, 'taken.json');
    await writeFile(path, 'mine\n');
    const options = cloudInitOptions(afas, graph).options;
    const refused = await hrsync(['init', '--out', path, ...options], env);
    assert.equal(refused.code, 1);
    assert.equal(refused.err, `hrsync init: ${path} exists; use --force to overwrite\n`);
    assert.equal(await readFile(path, 'utf8'), 'mine\n');
    const forced = await hrsync(['init', '--out', path, '--force', ...options], env);
    assert.equal(forced.code, 0, forced.err);
    assert.match(await readFile(path, 'utf8'), /"source"/);
  });

  test('simulate prints the plan, exports it, and writes nothing', async () => {
    const out = join(dir, 'plan.csv');
    const sim = await hrsync(['simulate', '--config', join(dir, 'conn.json'), '--out', out], env);
    assert.equal(sim.code, 0, sim.err + sim.out);
    assert.match(sim.out, /^Succeeded — simulation in .*s, 2 persons read$/m, 'the outcome comes first');
    assert.match(sim.out, /actions: {2}Create 2/);
    const csv = await readFile(out, 'utf8');
    assert.match(csv, /daan\.debruijn@contoso\.nl/);
    // Noor has no account yet: the CSV's words name her as AFAS does, not by number only.
    assert.match(csv, /Manager set to Noor Jansen \(3001\)/);
    assert.equal(graph.state.directory.snapshot().users.length, 0);
  });

  test('simulate without --config reads the connection.json init writes, and says how to get one', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'hrsync-cli-empty-'));
    try {
      const missing = await hrsync(['simulate'], env, empty);
      assert.equal(missing.code, 1);
      assert.match(
        missing.err,
        /cannot read connection\.json: there is no such file \(write one with `hrsync init`, or name it with --config\)/,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
    await writeFile(join(dir, 'connection.json'), await readFile(join(dir, 'conn.json')));
    const sim = await hrsync(['simulate'], env, dir);
    assert.equal(sim.code, 0, sim.err + sim.out);
    assert.match(sim.out, /^Succeeded — simulation in .*s, 2 persons read$/m);
    assert.equal(graph.state.directory.snapshot().users.length, 0);
  });

  test('sync applies; a second sync changes nothing', async () => {
    const first = await hrsync(['sync', '--config', join(dir, 'conn.json')], env);
    assert.equal(first.code, 0, first.err + first.out);
    const users = graph.state.directory.snapshot().users;
    assert.deepEqual(users.map((u) => u.userPrincipalName).sort(), [
      'daan.debruijn@contoso.nl',
      'noor.jansen@contoso.nl',
    ]);
    const second = await hrsync(['sync', '--config', join(dir, 'conn.json')], env);
    assert.equal(second.code, 0);
    assert.match(second.out, /No change 2/);
  });

  test('a bad configuration fails with every problem, the field in words and its path beside it', async () => {
    const bad = JSON.parse(await readFile(join(dir, 'conn.json'), 'utf8'));
    bad.timeZone = 'Mars/Olympus';
    bad.mapping[0].source = 'Join(".", [Roepnaam]';
    bad.source.parallel = 20;
    delete bad.target.clientId;
    await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
    const run = await hrsync(['simulate', '--config', join(dir, 'bad.json')], env);
    assert.equal(run.code, 1);
    const lines = run.err.trimEnd().split('\n');
    assert.equal(
      lines[0],
      `Some settings need attention: ${join(dir, 'bad.json')} is not a connection configuration hrsync can use:`,
      "the error's title, not its code",
    );
    // Each field as the console's forms name it, the path beside it for editing the file; the
    // check's own phrases ("expected integer to be less or equal to 8") as a sentence.
    assert.ok(
      lines.includes('  AFAS source › Parallel calls: must be at most 8 (it is 20) (/source/parallel)'),
      run.err,
    );
    assert.ok(
      lines.includes('  Time zone: unknown time zone "Mars/Olympus"; use an IANA name (/timeZone)'),
      run.err,
    );
    assert.ok(
      lines.includes('  Destination › Application (client) ID: is required (/target/clientId)'),
      run.err,
    );
    assert.ok(
      lines.some((l) =>
        /^ {2}Mapping rule 1 › Source or expression: .*column \d+ \(\/mapping\/0\/source\)$/.test(l),
      ),
      run.err,
    );
    assert.equal(lines.length, 5, 'one line per problem: a missing field is not reported twice');
    assert.doesNotMatch(run.err, /HRS_|expected \w+|must match/);
  });

  test('a run that fails before AFAS is read says so, not that it read 0 persons', async () => {
    // AFAS refuses the token: nobody was read, so there is no count to print (it said "0 persons read").
    const wrong = (env.AFAS_TOKEN as string).replace(
      /<data>(.)/,
      (_, c: string) => `<data>${c === 'A' ? 'B' : 'A'}`,
    );
    const run = await hrsync(['simulate', '--config', join(dir, 'conn.json')], { ...env, AFAS_TOKEN: wrong });
    assert.equal(run.code, 1, run.err + run.out);
    assert.match(run.out, /^Failed — simulation in [^,\n]*s$/m, run.out);
    assert.doesNotMatch(run.out, /persons? read/);
    // A token that is not a token at all is a setting to correct: AFAS was never asked.
    const garbled = await hrsync(['simulate', '--config', join(dir, 'conn.json')], {
      ...env,
      AFAS_TOKEN: 'not-a-token',
    });
    assert.equal(garbled.code, 1, garbled.err + garbled.out);
    assert.match(garbled.out + garbled.err, /Some settings need attention/);
    assert.match(garbled.out + garbled.err, /neither the App Connector token XML/);
    assert.doesNotMatch(garbled.out + garbled.err, /AFAS refused the token/);
  });

  test('init refuses a value the configuration cannot hold, in the same words', async () => {
    const run = await hrsync(
      [
        'init',
        '--out',
        join(dir, 'refused.json'),
        '--afas-url',
        afas.baseUrl,
        '--afas-token-env',
        'AFAS_TOKEN',
        '--tenant',
        graph.tenantId,
        '--client-id',
        'app',
        '--client-secret-env',
        'GRAPH_SECRET',
        '--domain',
        'contoso nl',
      ],
      env,
    );
    assert.equal(run.code, 1);
    assert.equal(
      run.err,
      'Some settings need attention: the connection configuration is invalid:\n' +
        '  Destination › Default domain: expected a domain name such as contoso.nl: the verified domain for UPNs (got "contoso nl") (/target/defaultDomain)\n',
    );
  });

  test('a missing secret names the variable, not a value', async () => {
    const run = await hrsync(['simulate', '--config', join(dir, 'conn.json')], { AFAS_TOKEN: '' });
    assert.equal(run.code, 1);
    assert.match(run.err, /AFAS_TOKEN/);
  });
});
