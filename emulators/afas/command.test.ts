import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { afasCommand } from './command.ts';
import { fixtureDataset, TOKEN_DATA, USERS } from './test-fixture.ts';

describe('hrsync emulator afas', () => {
  const dir = mkdtempSync(join(tmpdir(), 'afas-command-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the command until `use` is done, then stops it the way SIGINT would. */
  async function run(
    args: string[],
    use: (printed: Map<string, string>) => Promise<void>,
  ): Promise<string[]> {
    const lines: string[] = [];
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    let started = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const io = {
      print: (line: string) => lines.push(line),
      stopSignal: () => {
        started();
        return stopped;
      },
    };
    const done = afasCommand(io).parseAsync(['--port', '0', ...args], { from: 'user' });
    await Promise.race([running, done]);
    const printed = new Map(
      lines.flatMap((line) => {
        const m = /^ {2}([\w -]+):\s+(.*)$/.exec(line);
        return m ? [[m[1] ?? '', m[2] ?? '']] : [];
      }),
    );
    try {
      await use(printed);
    } finally {
      stop();
      await done;
    }
    return lines;
  }

  test('serves a DemoCompany file and prints the base URL, the token and the header value', async () => {
    const file = join(dir, 'company.json');
    writeFileSync(file, JSON.stringify({ afas: fixtureDataset(), tenant: {} }));
    const lines = await run(['--data', file, '--token', TOKEN_DATA], async (printed) => {
      const baseUrl = printed.get('base-url') ?? assert.fail('no base-url printed');
      assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/ProfitRestServices$/);
      assert.equal(printed.get('token'), `<token><version>1</version><data>${TOKEN_DATA}</data></token>`);
      const header = printed.get('authorization') ?? assert.fail('no authorization printed');
      assert.match(header, /^AfasToken [A-Za-z0-9+/]+=*$/);
      const response = await fetch(`${baseUrl}/connectors/${USERS}`, { headers: { authorization: header } });
      assert.equal(response.status, 200);
      assert.equal(printed.get('environment'), '12345');
      assert.match(printed.get('admin') ?? '', /\/__admin\/state$/);
    });
    assert.equal(lines.at(-1), 'AFAS Profit emulator stopped');
  });

  test('arms --latency and --fault from the command line, with a generated token', async () => {
    const file = join(dir, 'dataset.json');
    writeFileSync(file, JSON.stringify(fixtureDataset()));
    const args = ['--data', file, '--latency', '60', '--fault', 'unavailable:retryAfter=9,count=1'];
    await run(args, async (printed) => {
      const baseUrl = printed.get('base-url') ?? assert.fail('no base-url printed');
      assert.match(
        printed.get('token') ?? '',
        /^<token><version>1<\/version><data>[0-9A-F]{64}<\/data><\/token>$/,
      );
      const headers = { authorization: printed.get('authorization') ?? '' };
      const startedAt = performance.now();
      const first = await fetch(`${baseUrl}/ProfitVersion`, { headers });
      assert.equal(first.status, 503);
      assert.equal(first.headers.get('retry-after'), '9');
      assert.ok(performance.now() - startedAt >= 55);
      assert.equal((await fetch(`${baseUrl}/ProfitVersion`, { headers })).status, 200);
    });
  });

  test('refuses a malformed token or fault before starting', async () => {
    const command = afasCommand({ print: () => {}, stopSignal: async () => {} })
      .exitOverride()
      .configureOutput({
        writeErr: () => {},
      });
    await assert.rejects(command.parseAsync(['--token', 'nope'], { from: 'user' }), /64 hex characters/);
    const again = afasCommand({ print: () => {}, stopSignal: async () => {} })
      .exitOverride()
      .configureOutput({
        writeErr: () => {},
      });
    await assert.rejects(again.parseAsync(['--fault', 'explode'], { from: 'user' }), /--fault explode/);
  });
});
