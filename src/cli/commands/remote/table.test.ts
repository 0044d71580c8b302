import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProperties, formatTable, pageFooter } from './table.ts';

test('formatTable: columns line up by characters as shown, and a cell stays on one line', () => {
  const rows = [
    { n: '1001', name: 'Ëlif Çelik' },
    // "Ë" written as E + combining diaeresis is still one character on screen.
    { n: '1002', name: 'E\u0308va de Vries\nvan Dijk' },
  ];
  const lines = formatTable(
    [
      { header: 'name', value: (r: (typeof rows)[number]) => r.name },
      { header: 'employee', value: (r: (typeof rows)[number]) => r.n },
    ],
    rows,
  );
  assert.deepEqual(lines, [
    'NAME                     EMPLOYEE',
    'Ëlif Çelik               1001',
    'E\u0308va de Vries ⏎ van Dijk  1002',
  ]);
});

test('formatProperties: values aligned, undefined rows left out', () => {
  assert.deepEqual(
    formatProperties([
      ['run', 'r1'],
      ['blocked', undefined],
      ['statuses', 'success 3'],
    ]),
    ['run:       r1', 'statuses:  success 3'],
  );
});

test('pageFooter: where a page is and how to go on', () => {
  assert.equal(pageFooter('items', { page: 1, pageSize: 50, total: 0 }), 'no items');
  assert.equal(pageFooter('items', { page: 1, pageSize: 50, total: 7 }), 'items 1–7 of 7');
  assert.equal(
    pageFooter('items', { page: 2, pageSize: 50, total: 120 }),
    'items 51–100 of 120 (--page 3 for more)',
  );
  assert.equal(
    pageFooter('items', { page: 4, pageSize: 50, total: 120 }),
    'no items on page 4; there are 120',
  );
});
