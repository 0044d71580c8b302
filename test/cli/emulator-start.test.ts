/**
 * `hrsync emulator afas|graph` and `hrsync demo-data` that cannot start say why in one line, naming
 * the option or file, with exit 1 and no stack trace: a --data file missing, a folder, not UTF-8 or
 * not JSON (where: line and column, as the CLI says it of a configuration),
 * a port in use, an --out folder that does not exist.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../support/run-cli.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-emulator-start-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('an emulator or demo-data that cannot start says why in one line, exit 1, no stack trace', async () => {
  await writeFile(join(dir, 'broken.json'), '{\n  "tenant": {\n    bad\n');
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
        'hrsync emulator afas: cannot read --data nope.json: there is no such file or folder',
      ],
      [
        ['emulator', 'graph', '--port', '0', '--data', 'broken.json'],
        `hrsync emulator graph: --data broken.json is not valid JSON: Expected property name or '}' in JSON at line 3, column 5`,
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
        `hrsync demo-data: ${join('no-such-folder', 'company.json')}: there is no such file or folder`,
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
