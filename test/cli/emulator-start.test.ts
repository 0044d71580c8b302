/**
 * `hrsync emulator afas|graph` and `hrsync demo-data` that cannot start say why in one line, naming
 * the option or file, with exit 1 and no stack trace: a --data file missing, a folder, not UTF-8 or
 * not JSON (where: line and column, as the CLI says it of a configuration),
 * a port in use, an --out folder that does not exist; a dataset the real service could never hold
 * (two users with one UPN, two employees with one number) names the file and both places.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type CliRun, HRSYNC_BIN, runCli } from '../support/run-cli.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-emulator-start-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('an emulator or demo-data that cannot start says why in one line, exit 1, no stack trace', async () => {
  await writeFile(join(dir, 'broken.json'), '{\n  "tenant": {\n    bad\n');
  // A hand edit's slip Node 20 gives no offset for: an unquoted word.
  await writeFile(join(dir, 'word.json'), '{\n  "users": [\n    {"id": Eerste}\n  ]\n}\n');
  await writeFile(join(dir, 'cut.json'), '{\n  "users": [');
  // Notepad's "Unicode" and PowerShell 5's `>`: UTF-16 little-endian with a byte-order mark.
  await writeFile(join(dir, 'utf16.json'), Buffer.from('\uFEFF{"tenant": {}}', 'utf16le'));
  // "ANSI" (Windows-1252): the ë of Zoë is the single byte 0xEB.
  await writeFile(join(dir, 'ansi.json'), Buffer.from('{\n  "name": "Zo\u00EB"\n}', 'latin1'));
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  try {
    const cases: [string[], string][] = [
      [
        ['emulator', 'afas', '--port', '0', '--data', 'nope.json'],
        'hrsync emulator afas: cannot read --data nope.json: there is no such file',
      ],
      [
        ['emulator', 'graph', '--port', '0', '--data', 'broken.json'],
        `hrsync emulator graph: --data broken.json is not valid JSON: Expected property name or '}' in JSON at line 3, column 5`,
      ],
      [
        ['emulator', 'graph', '--port', '0', '--data', 'word.json'],
        'hrsync emulator graph: --data word.json is not valid JSON: Unexpected "E" in JSON at line 3, column 12',
      ],
      [
        ['emulator', 'afas', '--port', '0', '--data', 'cut.json'],
        'hrsync emulator afas: --data cut.json is not valid JSON: The text ends before the JSON is complete, at line 2, column 13',
      ],
      [
        ['emulator', 'afas', '--port', '0', '--data', 'utf16.json'],
        'hrsync emulator afas: cannot read --data utf16.json: it is saved as UTF-16 text; save it as UTF-8',
      ],
      [
        ['emulator', 'graph', '--port', '0', '--data', 'ansi.json'],
        'hrsync emulator graph: cannot read --data ansi.json: it is not UTF-8 text (byte 0xEB at line 2, column 14); save it as UTF-8',
      ],
      [
        ['emulator', 'graph', '--port', '0', '--data', '.'],
        'hrsync emulator graph: cannot read --data .: it is a folder, not a file',
      ],
      [
        ['emulator', 'afas', '--port', String(port), '--persons', '1'],
        `hrsync emulator afas: port ${port} on 127.0.0.1 is in use; pick another (0 = any free port)`,
      ],
      [
        ['demo-data', '--persons', '1', '--out', join('no-such-folder', 'company.json')],
        `hrsync demo-data: cannot write ${join('no-such-folder', 'company.json')}: a folder in the path does not exist`,
      ],
      [
        ['demo-data', '--persons', '1', '--out', '/dev/full'],
        'hrsync demo-data: cannot write /dev/full: the disk is full',
      ],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, { cwd: dir });
      assert.equal(run.code, 1, run.err + run.out);
      assert.equal(run.err.trim().split('\n').at(-1), message);
      assert.doesNotMatch(run.err, /\n\s+at |node:internal|Node\.js v/);
    }
  } finally {
    busy.close();
  }
});

test('an emulator given JSON that is not a dataset says what is wrong and where, exit 1, no stack trace', async () => {
  // biome-ignore lint/suspicious/noExplicitAny: each case breaks the dataset on purpose
  type Broken = any;
  const company = (edit: (c: { afas: Broken; tenant: Broken }) => void) => {
    const c = {
      afas: {
        environmentId: '1',
        connectors: [
          { id: 'T4E_HelloID_Users_v2', description: 'Users', fields: [], rows: [{ Medewerker: '1' }] },
        ],
      },
      tenant: {
        tenantId: 't',
        displayName: 'Contoso',
        domains: [{ id: 'contoso.nl', isVerified: true, isDefault: true }],
        users: [1, 2, 3, 4].map((n) => ({
          id: `u${n}`,
          userPrincipalName: `u${n}@contoso.nl`,
          displayName: `U ${n}`,
          mailNickname: `u${n}`,
          accountEnabled: true,
          mail: `u${n}@contoso.nl`,
        })),
        groups: [],
        subscribedSkus: [],
      },
    };
    edit(c);
    return JSON.stringify(c, null, 2);
  };
  const files: Record<string, string> = {
    'array.json': '[]',
    'empty.json': '{}',
    'users5.json': '{"users": 5}',
    'null.json': 'null',
    'mail.json': company((c) => {
      c.tenant.users[3].mail = 5;
    }),
    'no-upn.json': company((c) => {
      delete c.tenant.users[1].userPrincipalName;
    }),
    'enabled.json': company((c) => {
      c.tenant.users[0].accountEnabled = 'yes';
    }),
    'rows.json': company((c) => {
      c.afas.connectors[0].rows = 5;
    }),
    'connector.json': company((c) => {
      delete c.afas.connectors[0].id;
    }),
    'cell.json': company((c) => {
      c.afas.connectors[0].rows[0].Medewerker = { nr: 1 };
    }),
    // What the real services could never hold: Entra ID compares UPNs without case, AFAS keys.
    'upn.json': company((c) => {
      c.tenant.users[3].userPrincipalName = 'U1@Contoso.nl';
    }),
    'employee.json': company((c) => {
      c.afas.connectors[0].rows.push({ Medewerker: '1' });
    }),
  };
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  const graph = 'is neither a TenantDataset nor a DemoCompany';
  const afas = 'is neither an AfasDataset nor a DemoCompany';
  const cases: [string, string, string][] = [
    ['graph', 'array.json', `${graph}: the file is an array; expected an object`],
    ['graph', 'empty.json', `${graph}: tenantId is missing (expected a non-empty string)`],
    ['graph', 'users5.json', `${graph}: tenantId is missing (expected a non-empty string)`],
    ['graph', 'null.json', `${graph}: the file is null; expected an object`],
    ['graph', 'mail.json', `${graph}: tenant.users[3].mail is 5; expected a string or null`],
    [
      'graph',
      'no-upn.json',
      `${graph}: tenant.users[1].userPrincipalName is missing (expected a non-empty string)`,
    ],
    ['graph', 'enabled.json', `${graph}: tenant.users[0].accountEnabled is "yes"; expected true or false`],
    [
      'graph',
      'upn.json',
      'holds a tenant Entra ID would refuse: tenant.users[0].userPrincipalName "u1@contoso.nl" and tenant.users[3].userPrincipalName "U1@Contoso.nl" are the same userPrincipalName; Entra ID keeps it unique among users, whatever the case',
    ],
    [
      'afas',
      'employee.json',
      'holds data AFAS could not serve: afas.connectors[0].rows[0] and afas.connectors[0].rows[1] both hold Medewerker "1"; T4E_HelloID_Users_v2 serves one row per employee',
    ],
    ['afas', 'array.json', `${afas}: the file is an array; expected an object`],
    ['afas', 'users5.json', `${afas}: environmentId is missing (expected a non-empty string)`],
    ['afas', 'rows.json', `${afas}: afas.connectors[0].rows is 5; expected an array`],
    ['afas', 'connector.json', `${afas}: afas.connectors[0].id is missing (expected a non-empty string)`],
    [
      'afas',
      'cell.json',
      `${afas}: afas.connectors[0].rows[0].Medewerker is an object; expected a string, a number, a boolean or null`,
    ],
  ];
  const wrong: string[] = [];
  for (const [emulator, file, problem] of cases) {
    const run = await refusedOrStopped(['emulator', emulator, '--port', '0', '--data', file]);
    const said = run.err.trim().split('\n').at(-1);
    const expected = `hrsync emulator ${emulator}: --data ${file} ${problem}`;
    if (run.code !== 1 || said !== expected || /\n\s+at |node:internal|Node\.js v/.test(run.err))
      wrong.push(`${emulator} ${file}: exit ${run.code}, said ${said}`);
  }
  assert.deepEqual(wrong, []);
});

test('an emulator given a bad option says which and why in one line, exit 1, and does not start', async () => {
  await writeFile(join(dir, 'not-a-certificate.pem'), 'hello');
  const cases: [string[], string][] = [
    [
      ['graph', '--port', '70000'],
      `option '--port <port>' argument '70000' is invalid. expected a port from 0 to 65535`,
    ],
    [
      ['afas', '--port', '0', '--https-port', '65536'],
      `option '--https-port <port>' argument '65536' is invalid. expected a port from 0 to 65535`,
    ],
    [
      ['afas', '--port', '0', '--latency', '99999999999'],
      `option '--latency <ms>' argument '99999999999' is invalid. expected a whole number from 0 to 900000`,
    ],
    [['afas', '--port', '0', '--jitter', '5'], 'hrsync emulator afas: --jitter needs --latency'],
    [
      ['graph', '--port', '0', '--time-scale', 'Infinity'],
      `option '--time-scale <x>' argument 'Infinity' is invalid. expected a number from 0.0001 to 10000`,
    ],
    [
      ['graph', '--port', '0', '--tenant', 'contoso'],
      `option '--tenant <guid>' argument 'contoso' is invalid. expected a GUID such as 6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b`,
    ],
    [
      ['graph', '--port', '0', '--client-id', 'my app'],
      `option '--client-id <guid>' argument 'my app' is invalid. expected a GUID such as 6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b`,
    ],
    [
      ['graph', '--port', '0', '--users', '600000'],
      `option '--users <n>' argument '600000' is invalid. expected a whole number from 1 to 500000`,
    ],
    [
      ['afas', '--port', '0', '--seed', '1e300'],
      `option '--seed <n>' argument '1e300' is invalid. expected a whole number from 0 to 9007199254740991`,
    ],
    [
      ['graph', '--port', '0', '--certificate', 'nope.pem'],
      'hrsync emulator graph: cannot read --certificate nope.pem: there is no such file',
    ],
    [
      ['graph', '--port', '0', '--certificate', 'not-a-certificate.pem'],
      'hrsync emulator graph: --certificate not-a-certificate.pem: No PEM certificate found in the given certificate text',
    ],
    [
      ['graph', '--port', '0', '--permissions', 'User.Read.All,,Users.Read'],
      `option '--permissions <list>' argument 'User.Read.All,,Users.Read' is invalid. unknown permission Users.Read; known: User.Read.All, User.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All, GroupMember.ReadWrite.All, Group.ReadWrite.All, User-LifeCycleInfo.Read.All, User-LifeCycleInfo.ReadWrite.All, Organization.Read.All, Domain.Read.All, LicenseAssignment.ReadWrite.All`,
    ],
    [
      ['afas', '--port', '0', '--persons', '2', '--users-connector', 'T4E_Users'],
      'hrsync emulator afas: --users-connector T4E_Users is not a connector of the dataset (T4E_HelloID_Users_v2, T4E_HelloID_Employments_v2, T4E_HelloID_OrganizationalUnits_v2)',
    ],
    [
      ['graph', '--port', '0', '--host', 'nosuchhost.invalid'],
      'hrsync emulator graph: nosuchhost.invalid is not a host name or address this machine knows; check --host',
    ],
  ];
  const wrong: string[] = [];
  for (const [args, message] of cases) {
    const run = await refusedOrStopped(['emulator', ...args]);
    const said = run.err.trim().split('\n').at(-1);
    if (run.code !== 1 || !said?.endsWith(message) || /\n\s+at |node:internal|Node\.js v/.test(run.err))
      wrong.push(`${args.join(' ')}: exit ${run.code}, said ${said}`);
  }
  assert.deepEqual(wrong, []);
});

/** Runs an emulator that should refuse to start; one that starts anyway is stopped once it says so. */
function refusedOrStopped(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HRSYNC_BIN, ...args], { cwd: dir });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('is running')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}
