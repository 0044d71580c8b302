import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonChunks, readDataset, serializeDataset, writeDataset } from './dataset-file.ts';
import { generateCompany } from './generate.ts';

const join2 = (value: unknown) => [...jsonChunks(value)].join('');

test('jsonChunks writes exactly what JSON.stringify writes', () => {
  const odd = {
    a: undefined,
    b: [undefined, () => 1, null, Number.NaN, 'é"\\\n', -0.5, true],
    big: Array.from({ length: 200 }, (_, i) => ({ i, skip: undefined, s: `x${i}` })),
    date: new Date(0),
    nested: { deep: [[[]]], empty: {} },
  };
  assert.equal(join2(odd), JSON.stringify(odd));
  const company = generateCompany({ persons: 300, seed: 8, today: '2026-03-15' });
  assert.equal(join2(company), serializeDataset(company));
});

test('writeDataset then readDataset gives the same company, byte for byte', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'demo-data-'));
  try {
    const company = generateCompany({ persons: 1500, seed: 12, today: '2026-03-15' });
    const file = join(dir, 'company.json');
    await writeDataset(file, company);
    assert.equal(await readFile(file, 'utf8'), serializeDataset(company));
    assert.deepEqual(await readDataset(file), JSON.parse(serializeDataset(company)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('readDataset says what is wrong with a file that is not a dataset', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'demo-data-'));
  try {
    await writeFile(join(dir, 'broken.json'), '{"afas":');
    await writeFile(join(dir, 'other.json'), '{"users":[]}');
    // A dataset saved by an editor as Windows-1252 ("ANSI"): the ë of Zoë is the single byte 0xEB,
    // which reading as 'utf8' turned into U+FFFD without a word.
    const ansi =
      '{"afas": {"environmentId": "1", "connectors": []},\n "tenant": {"tenantId": "t", "displayName": "Zo\u00EB", "users": []}}';
    await writeFile(join(dir, 'ansi.json'), Buffer.from(ansi, 'latin1'));
    // PowerShell 5's `>`: UTF-16 little-endian with a byte-order mark.
    await writeFile(join(dir, 'utf16.json'), Buffer.from('\uFEFF{"afas": {}}', 'utf16le'));
    await assert.rejects(readDataset(join(dir, 'broken.json')), {
      message: `dataset ${join(dir, 'broken.json')} is not valid JSON: The text ends before the JSON is complete, at line 1, column 9`,
    });
    await assert.rejects(readDataset(join(dir, 'other.json')), {
      message: `dataset ${join(dir, 'other.json')} is not a DemoCompany: afas is missing (expected an object)`,
    });
    const company = JSON.parse(
      serializeDataset(generateCompany({ persons: 5, seed: 3, today: '2026-03-15' })),
    );
    company.tenant.users[2].mail = ['a@contoso.nl'];
    await writeFile(join(dir, 'mail.json'), JSON.stringify(company));
    await assert.rejects(readDataset(join(dir, 'mail.json')), {
      message: `dataset ${join(dir, 'mail.json')} is not a DemoCompany: tenant.users[2].mail is an array; expected a string or null`,
    });
    await assert.rejects(readDataset(join(dir, 'missing.json')), /missing\.json/);
    await assert.rejects(readDataset(join(dir, 'ansi.json')), {
      message: `cannot read dataset ${join(dir, 'ansi.json')}: it is not UTF-8 text (byte 0xEB at line 2, column 48); save it as UTF-8`,
    });
    await assert.rejects(readDataset(join(dir, 'utf16.json')), {
      message: `cannot read dataset ${join(dir, 'utf16.json')}: it is saved as UTF-16 text; save it as UTF-8`,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
