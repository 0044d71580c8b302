import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { demoDataCommand } from './command.ts';
import { readDataset, serializeDataset } from './dataset-file.ts';
import { generateCompany } from './generate.ts';

async function run(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const command = demoDataCommand({ print: (line) => lines.push(line) })
    .exitOverride()
    .configureOutput({ writeErr: (text) => lines.push(text.trim()), writeOut: () => {} });
  await command.parseAsync(args, { from: 'user' });
  return lines;
}

test('prints a summary and writes the same dataset generateCompany returns', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'demo-data-cmd-'));
  try {
    const out = join(dir, 'demo.json');
    const lines = await run([
      '--persons',
      '120',
      '--seed',
      '5',
      '--today',
      '2026-03-15',
      '--domain',
      'fabrikam.nl',
      '--out',
      out,
    ]);
    const text = lines.join('\n');
    assert.match(text, /persons: +120 \(employee \d+, joiner \d+/);
    assert.match(text, /employments: +\d+/);
    assert.match(text, /org units: +\d+/);
    assert.match(text, /accounts: +\d+ \(\d+ disabled\)/);
    assert.match(text, /by kind: +linked \d+/);
    assert.match(text, /generated in: +\d+ ms/);
    assert.match(text, /written to: .*demo\.json/);
    const expected = generateCompany({ persons: 120, seed: 5, today: '2026-03-15', domain: 'fabrikam.nl' });
    assert.equal(serializeDataset(await readDataset(out)), serializeDataset(expected));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('refuses a bad number of persons, seed or date', async () => {
  await assert.rejects(run(['--persons', '0']), /whole number from 1 to 500000/);
  await assert.rejects(run(['--persons', 'many']), /whole number/);
  await assert.rejects(run(['--seed', '1.5']), /expected a whole number/);
  await assert.rejects(run(['--today', '2026-13-01']), /expected a date YYYY-MM-DD/);
});
